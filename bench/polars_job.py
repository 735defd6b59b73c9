"""Polars (PyPI `polars`) writing airq's two clean tables, a bench baseline.

The job a Polars user would write: the standard library's json reads the answers (keeping
each number's JSON text, which airq's raw_value column needs), Polars does the rest in
lazy frames, and both tables are written as Parquet partitioned by date (hive style, `date`
kept in the files too) under --out, with airq's columns and rules: bench/README.md, "Same
work: both clean tables" lists them, bench/_days.py holds the shared facts.

Usage: python bench/polars_job.py --lake DIR --from D --to D --out DIR [--timezone TZ]
"""

import glob
import json
import math
import os
import re
import shutil
import sys

import polars as pl

from _days import (
    AGGREGATE, AGGREGATE_COLUMNS, HOUR_MS, HOURLY, HOURLY_COLUMNS, MEAN_SCALE, META,
    POLLUTANT_CODES, SENTINEL_MAX, STATION_CODE, dates_between, day_hours, min_valid, parse_args,
)

SERIES_FILE = re.compile(r"series_(\d+)\.json$")


def load(path: str):
    with open(path, "rb") as f:
        return json.loads(f.read(), parse_float=str)  # keep the text of 17.90


def read_values(raw: str, dates: list[str]) -> pl.DataFrame:
    """Every value as sent: folder date, series, position in its file, stamp, JSON text."""
    cols = {"date": [], "timeseries_id": [], "pos": [], "timestamp_ms": [], "raw_value": []}
    for date in dates:
        for path in sorted(glob.glob(f"{raw}/date={date}/values/*.json")):
            doc = load(path)
            single = SERIES_FILE.search(path)
            answers = {single.group(1): doc} if single else doc
            for key, body in answers.items():
                points = body["values"]
                n = len(points)
                cols["date"].extend([date] * n)
                cols["timeseries_id"].extend([int(key)] * n)
                cols["pos"].extend(range(n))
                cols["timestamp_ms"].extend([p["timestamp"] for p in points])
                cols["raw_value"].extend(["null" if p["value"] is None else str(p["value"])
                                          for p in points])
    return pl.DataFrame(cols, schema={"date": pl.String, "timeseries_id": pl.Int64,
                                      "pos": pl.Int64, "timestamp_ms": pl.Int64,
                                      "raw_value": pl.String})


def coordinate(coords: list, i: int) -> float | None:
    v = coords[i] if len(coords) > i else None
    return float(v) if isinstance(v, (int, float, str)) and math.isfinite(float(v)) else None


def read_series(raw: str, dates: list[str]) -> pl.DataFrame:
    """Per (date, series): station, coordinates, phenomenon and unit."""
    rows = []
    for date in dates:
        units = {}
        for path in glob.glob(f"{raw}/date={date}/timeseries/*.json"):
            for item in load(path):
                units[int(item["id"])] = item.get("uom")
        for station in load(f"{raw}/date={date}/stations.json"):
            p = station["properties"]
            coords = (station.get("geometry") or {}).get("coordinates") or []
            for key, params in p["timeseries"].items():
                rows.append((date, int(p["id"]), p["label"], coordinate(coords, 0),
                             coordinate(coords, 1), int(params["phenomenon"]["id"]),
                             params["phenomenon"]["label"], int(key), units.get(int(key))))
    return pl.DataFrame(rows, orient="row", schema={
        "date": pl.String, "station_id": pl.Int64, "station_label": pl.String,
        "longitude": pl.Float64, "latitude": pl.Float64, "phenomenon_id": pl.Int32,
        "phenomenon_label": pl.String, "timeseries_id": pl.Int64, "uom": pl.String})


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    raw = os.path.join(os.path.abspath(args.lake), "raw", "irceline")
    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    dates = dates_between(args.first, args.last)
    tz = args.timezone

    obs = read_values(raw, dates).lazy()
    v = pl.col("raw_value").cast(pl.Float64, strict=False)
    # not a measurement: null, "NaN", infinite (1e400) or a placeholder (<= -99)
    missing = ~(v.is_finite() & (v > SENTINEL_MAX)).fill_null(False)
    # Local times once per distinct stamp: the datetime column (END of the hour) and the
    # local day the stamp belongs to, that of the hour's start (stamp - 1 ms).
    stamps = (
        obs.select(pl.col("timestamp_ms").unique())
        .with_columns(
            datetime=pl.from_epoch("timestamp_ms", time_unit="ms").dt.replace_time_zone("UTC")
            .dt.convert_time_zone(tz).dt.strftime("%Y-%m-%dT%H:%M:%S%:z"),
            day=pl.from_epoch(pl.col("timestamp_ms") - 1, time_unit="ms")
            .dt.replace_time_zone("UTC").dt.convert_time_zone(tz).dt.strftime("%Y-%m-%d"),
        )
    )
    kept = (
        obs.join(stamps, on="timestamp_ms")
        .filter(pl.col("day") == pl.col("date"))
        # file order, every missing value after every present one
        .with_columns(rank=pl.col("pos") + pl.when(missing).then(1_000_000_000).otherwise(0),
                      value=pl.when(missing).then(None).otherwise(v))
        .sort("rank")
        .group_by("date", "timeseries_id", "timestamp_ms", "datetime")
        .agg(pl.col("value").first(), pl.col("raw_value").first())
    )
    # The analysis columns of each series: station code and pollutant code.
    series = read_series(raw, dates).lazy().with_columns(
        station_code=pl.col("station_label").str.extract(STATION_CODE, 1),
        pollutant=pl.col("phenomenon_id").replace_strict(
            POLLUTANT_CODES, default=None, return_dtype=pl.String),
    )
    instant = pl.Datetime("ms", "UTC")  # epoch ms as an instant, TIMESTAMP(MILLIS, UTC)
    hourly = (
        kept.join(series, on=["date", "timeseries_id"])
        .with_columns(date=pl.col("date").str.to_date("%Y-%m-%d"),
                      hour_start=(pl.col("timestamp_ms") - HOUR_MS).cast(instant),
                      hour_end=pl.col("timestamp_ms").cast(instant))
        .select(HOURLY_COLUMNS)
        .sort("date", "station_id", "phenomenon_id", "timeseries_id", "timestamp_ms")
        .collect()
    )
    facts = pl.DataFrame(
        [(d, day_hours(d, tz), min_valid(day_hours(d, tz))) for d in dates], orient="row",
        schema={"date": pl.String, "expected_count": pl.Int32, "min_valid": pl.Int32},
    ).with_columns(pl.col("date").str.to_date("%Y-%m-%d"))
    # the plain mean, or when its sum overflows that of the scaled values, within [min, max]
    plain = pl.col("value").mean()
    scaled = (pl.col("value") * MEAN_SCALE).mean() / MEAN_SCALE
    daily = (
        hourly.lazy().group_by("date", *META, "station_code", "pollutant", maintain_order=True)
        .agg(avg_value=pl.when(plain.is_finite()).then(plain).otherwise(scaled)
             .clip(pl.col("value").min(), pl.col("value").max()),
             min_value=pl.col("value").min(), max_value=pl.col("value").max(),
             value_count=pl.col("value").count().cast(pl.Int32))
        .filter(pl.col("value_count") >= 1)
        .join(facts.lazy(), on="date")
        .with_columns(coverage=pl.col("value_count") / pl.col("expected_count"),
                      is_valid=pl.col("value_count") >= pl.col("min_valid"),
                      day_timezone=pl.lit(tz))
        .select(AGGREGATE_COLUMNS)
        .collect()
    )
    for frame, table in ((hourly, HOURLY), (daily, AGGREGATE)):
        frame.lazy().sink_parquet(
            pl.PartitionBy(f"{out}/{table}", key="date", include_key=True), mkdir=True)
    print(json.dumps({"engine": "polars", "version": pl.__version__,
                      "hourly_rows": hourly.height, "aggregate_rows": daily.height}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
