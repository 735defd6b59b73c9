"""What the bench's transform baselines share: airq's day rules and the output layout.

The facts come from airq's documentation of the clean tables (docs of `deno task transform`):
a stamp t belongs to day D when D 00:00 local < t <= D+1 00:00 local; values <= -99 are
sentinels; a daily aggregate is valid with ceil(0.75 x hours) values.
"""

import argparse
import datetime as dt
import math
from zoneinfo import ZoneInfo

SENTINEL_MAX = -99
VALID_SHARE = 0.75
HOURLY = "measurements_hourly"
AGGREGATE = "aggregate_station_by_day"
FOLDER_DATE = r"date=(\d{4}-\d{2}-\d{2})/"


def dates_between(first: str, last: str) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def day_hours(date: str, timezone: str) -> int:
    """Hours in the local day (23, 24 or 25)."""
    zone = ZoneInfo(timezone)
    day = dt.date.fromisoformat(date)
    start = dt.datetime.combine(day, dt.time(), zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
    return round((end.timestamp() - start.timestamp()) / 3600)


def min_valid(hours: int) -> int:
    """Values a valid daily aggregate needs."""
    return math.ceil(VALID_SHARE * hours)


def parse_args(description: str, **extra: dict) -> argparse.Namespace:
    """The command line every baseline takes (plus `extra` options)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--lake", required=True, help="lake folder (holds raw/irceline/)")
    parser.add_argument("--from", dest="first", required=True)
    parser.add_argument("--to", dest="last", required=True)
    parser.add_argument("--out", required=True, help=f"gets {HOURLY}/ and {AGGREGATE}/")
    parser.add_argument("--timezone", default="Europe/Brussels")
    for name, kwargs in extra.items():
        parser.add_argument(f"--{name}", **kwargs)
    return parser.parse_args()
