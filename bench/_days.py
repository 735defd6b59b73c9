"""What the bench's transform baselines share: airq's day rules and the output layout.

The facts come from airq's documentation of the clean tables (docs/lake.md) and the code it
names: a stamp t belongs to day D when D 00:00 local < t <= D+1 00:00 local; a value is a
measurement only when it is finite and above SENTINEL_MAX (src/irceline/valid_value.ts); a
daily aggregate is valid with ceil(0.75 x hours) values; the analysis columns `station_code`
and `pollutant` follow src/lake/pollutant_codes.ts (tests/bench/shared_facts_test.ts checks
that POLLUTANT_CODES and STATION_CODE equal it).
"""

import argparse
import datetime as dt
import math
from zoneinfo import ZoneInfo

# A value <= this (-99.99 "not measured yet") is a placeholder; null, "NaN" and numbers beyond
# a double (1e400 parses to infinity) are not measurements either: all are NULL in `value`.
SENTINEL_MAX = -99
VALID_SHARE = 0.75
# The daily mean, when the plain sum overflows: the mean of the values times 2^-1000 (exact),
# divided by it again; either mean is then clamped to [min_value, max_value].
MEAN_SCALE = 2.0 ** -1000
HOUR_MS = 3_600_000
# The `pollutant` column: the short code by phenomenon id, NULL for an id not listed.
POLLUTANT_CODES = {
    5: "PM10",
    6001: "PM2.5",
    6002: "PM1",
    8: "NO2",
    38: "NO",
    1: "SO2",
    7: "O3",
    10: "CO",
    71: "CO2",
    20: "C6H6",
    391: "BC",
}
# The `station_code` column: group 1 of this on station_label ("40AL01 - Linkeroever" gives
# "40AL01"), NULL when it does not match. ASCII classes only, so every regex engine agrees.
STATION_CODE = r"^([0-9A-Za-z]{1,16}) - "

HOURLY = "measurements_hourly"
AGGREGATE = "aggregate_station_by_day"
FOLDER_DATE = r"date=(\d{4}-\d{2}-\d{2})/"
# The columns of both tables, in airq's order. `date` is a DATE inside the file as well as the
# hive folder (a baseline whose engine cannot keep a partition column writes it in the folder
# only); hour_start and hour_end are TIMESTAMP(millisecond, adjusted to UTC).
META = ["station_id", "station_label", "longitude", "latitude", "phenomenon_id",
        "phenomenon_label", "timeseries_id", "uom"]
ANALYSIS = ["date", "station_code", "pollutant"]
HOURLY_COLUMNS = [*META, "timestamp_ms", "datetime", "value", "raw_value", *ANALYSIS,
                  "hour_start", "hour_end"]
AGGREGATE_COLUMNS = [*META, "avg_value", "min_value", "max_value", "value_count",
                     "expected_count", "coverage", "is_valid", "day_timezone", *ANALYSIS]


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
