"""The reference PySpark job (local mode), with airq's semantics, as a benchmark baseline.

Like the PySpark batch job airq replaces: read the raw JSON of the lake, add the datetime column,
average per station per day, write Parquet partitioned by date. Its rules are airq's, so the
bench can check that both give the same aggregates:
  - a series' station and phenomenon come from the day's stations.json;
  - values come from every values/*.json of the day (bulk files keyed by series id, per-series
    files named series_<id>.json);
  - stamps are END of hour: a value belongs to the local day of (timestamp - 1 ms) in the time
    zone, and only to the day folder it was ingested for (the window start belongs to D-1);
  - null, "NaN" and values <= -99 are excluded; other negatives are kept;
  - a duplicate (same series, same stamp) counts once: the first valid value in file order;
  - one row per (date, station, phenomenon, series) with at least one valid value.

Usage: python bench/pyspark_job.py --lake DIR --from D --to D --out DIR [--timezone TZ]
"""

import argparse
import datetime as dt
import json
import os
import sys

from pyspark import SparkContext
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    LongType,
    MapType,
    StringType,
    StructField,
    StructType,
)

POINTS = ArrayType(
    StructType([StructField("timestamp", LongType()), StructField("value", StringType())])
)
SERIES_ANSWER = StructType([StructField("values", POINTS)])
BULK_ANSWER = MapType(StringType(), SERIES_ANSWER)
PHENOMENON = StructType([StructField("id", StringType()), StructField("label", StringType())])
STATIONS = ArrayType(
    StructType([
        StructField("properties", StructType([
            StructField("id", LongType()),
            StructField("label", StringType()),
            StructField("timeseries", MapType(
                StringType(), StructType([StructField("phenomenon", PHENOMENON)])
            )),
        ])),
    ])
)
SENTINEL_MAX = -99
FOLDER_DATE = r"date=(\d{4}-\d{2}-\d{2})/"


def dates_between(first: str, last: str) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def read_whole(spark: SparkSession, pattern: str):
    """One row per file: its text and the date of its day folder."""
    return (
        spark.read.text(pattern, wholetext=True)
        .select("value", F.col("_metadata.file_path").alias("path"))
        .withColumn("folder_date", F.regexp_extract("path", FOLDER_DATE, 1))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", required=True, help="lake folder (holds raw/irceline/)")
    parser.add_argument("--from", dest="first", required=True)
    parser.add_argument("--to", dest="last", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--timezone", default="Europe/Brussels")
    parser.add_argument("--master", default="local[*]")
    args = parser.parse_args()
    raw = os.path.join(os.path.abspath(args.lake), "raw", "irceline")
    days = "{" + ",".join(dates_between(args.first, args.last)) + "}"

    spark = (
        SparkSession.builder.master(args.master)
        .appName("airq-reference-daily-aggregate")
        .config("spark.sql.session.timeZone", args.timezone)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    files = read_whole(spark, f"file://{raw}/date={days}/values/*.json")
    is_series_file = F.col("path").rlike(r"/series_\d+\.json$")
    bulk = (
        files.where(~is_series_file)
        .select("folder_date", F.explode(F.from_json("value", BULK_ANSWER)))
        .select("folder_date", F.col("key").cast("long").alias("timeseries_id"),
                F.col("value.values").alias("points"))
    )
    single = files.where(is_series_file).select(
        "folder_date",
        F.regexp_extract("path", r"series_(\d+)\.json$", 1).cast("long").alias("timeseries_id"),
        F.from_json("value", SERIES_ANSWER)["values"].alias("points"),
    )
    observations = (
        bulk.unionByName(single)
        .select("folder_date", "timeseries_id", F.posexplode("points"))
        .select(
            "folder_date", "timeseries_id", "pos",
            F.col("col.timestamp").alias("timestamp_ms"),
            F.col("col.value").cast("double").alias("v"),
        )
        # The datetime column: local time of the stamp (END of the hour) ...
        .withColumn("datetime", F.date_format(
            F.timestamp_millis("timestamp_ms"), "yyyy-MM-dd'T'HH:mm:ssXXX"))
        # ... and the local day it belongs to: that of the hour's start, (stamp - 1 ms).
        .withColumn("local_date", F.date_format(
            F.timestamp_millis(F.col("timestamp_ms") - 1), "yyyy-MM-dd"))
    )
    valid = (
        observations
        .where((F.col("local_date") == F.col("folder_date")) & F.col("v").isNotNull()
               & ~F.isnan("v") & (F.col("v") > SENTINEL_MAX))
        .groupBy(F.col("folder_date").alias("date"), "timeseries_id", "timestamp_ms")
        .agg(F.min_by("v", "pos").alias("value"))
    )
    stations = read_whole(spark, f"file://{raw}/date={days}/stations.json")
    series = (
        stations.select("folder_date", F.explode(F.from_json("value", STATIONS)).alias("s"))
        .select("folder_date", "s.properties.id", "s.properties.label",
                F.explode("s.properties.timeseries"))
        .select(
            F.col("folder_date").alias("date"),
            F.col("id").alias("station_id"),
            F.col("label").alias("station_label"),
            F.col("key").cast("long").alias("timeseries_id"),
            F.col("value.phenomenon.id").cast("int").alias("phenomenon_id"),
        )
    )
    daily = (
        valid.join(series, ["date", "timeseries_id"])
        .groupBy("date", "station_id", "station_label", "phenomenon_id", "timeseries_id")
        .agg(
            F.avg("value").alias("avg_value"),
            F.min("value").alias("min_value"),
            F.max("value").alias("max_value"),
            F.count("value").cast("int").alias("value_count"),
        )
    )
    out = os.path.abspath(args.out)
    daily.write.partitionBy("date").mode("overwrite").parquet(f"file://{out}")
    print(json.dumps({"engine": "pyspark", "version": spark.version}))
    stop_and_reap(spark)
    return 0


def stop_and_reap(spark: SparkSession) -> None:
    """Stop Spark and wait for its JVM, so that `/usr/bin/time -v python …` counts the JVM's
    peak RSS (only waited-for children count; PySpark otherwise leaves the JVM to exit alone
    when our stdin pipe to it closes)."""
    proc = getattr(SparkContext._gateway, "proc", None)
    spark.stop()
    if proc is not None and proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=120)


if __name__ == "__main__":
    sys.exit(main())
