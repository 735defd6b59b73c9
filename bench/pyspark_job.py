"""The reference PySpark job (local mode) writing airq's two clean tables, a bench baseline.

Reads the raw JSON of the lake, adds the datetime and analysis columns, keeps one value per
series and hour, averages per station per day, and writes measurements_hourly and
aggregate_station_by_day as Parquet partitioned by date, with airq's columns and rules:
bench/README.md, "Same work: both clean tables" lists them, bench/_days.py holds the shared
facts. Spark's partitionBy keeps `date` in the hive folder only (not in the files), and the
timestamps are written as TIMESTAMP_MILLIS, as airq's.

Usage: python bench/pyspark_job.py --lake DIR --from D --to D --out DIR [--timezone TZ]
"""

import json
import os
import sys

from pyspark import SparkContext
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    LongType,
    MapType,
    StringType,
    StructField,
    StructType,
)

from _days import (
    AGGREGATE, AGGREGATE_COLUMNS, FOLDER_DATE, HOUR_MS, HOURLY, HOURLY_COLUMNS, MEAN_SCALE, META,
    POLLUTANT_CODES, SENTINEL_MAX, STATION_CODE, dates_between, day_hours, min_valid, parse_args,
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
        StructField("geometry", StructType([
            StructField("coordinates", ArrayType(DoubleType())),
        ])),
    ])
)
TIMESERIES_LIST = ArrayType(
    StructType([StructField("id", StringType()), StructField("uom", StringType())])
)


def read_whole(spark: SparkSession, pattern: str):
    """One row per file: its text and the date of its day folder."""
    return (
        spark.read.text(pattern, wholetext=True)
        .select("value", F.col("_metadata.file_path").alias("path"))
        .withColumn("folder_date", F.regexp_extract("path", FOLDER_DATE, 1))
    )


def observations(spark: SparkSession, raw: str, days: str):
    """Every value as sent: folder date, series, position in its file, stamp, text."""
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
    return (
        bulk.unionByName(single)
        .select("folder_date", "timeseries_id", F.posexplode("points"))
        .select(
            "folder_date", "timeseries_id", "pos",
            F.col("col.timestamp").alias("timestamp_ms"),
            F.coalesce(F.col("col.value"), F.lit("null")).alias("raw_value"),
            # try_cast: Spark's JSON reader prints a number beyond a double (1e400) as the
            # text "Infinity" with its quotes, which ANSI mode refuses to cast
            F.col("col.value").try_cast("double").alias("v"),
        )
    )


def series_meta(spark: SparkSession, raw: str, days: str):
    """Per (date, series): station, coordinates, phenomenon, unit, station and pollutant codes."""
    stations = read_whole(spark, f"file://{raw}/date={days}/stations.json")
    coordinate = lambda i: F.when(  # noqa: E731
        ~F.isnan(F.col("coords")[i]), F.col("coords")[i]).cast("double")
    series = (
        stations.select("folder_date", F.explode(F.from_json("value", STATIONS)).alias("s"))
        .select("folder_date", "s.properties.id", "s.properties.label",
                F.col("s.geometry.coordinates").alias("coords"),
                F.explode("s.properties.timeseries"))
        .select(
            F.col("folder_date").alias("date"),
            F.col("id").alias("station_id"),
            F.col("label").alias("station_label"),
            F.nullif(F.regexp_extract("label", STATION_CODE, 1), F.lit("")).alias("station_code"),
            coordinate(0).alias("longitude"),
            coordinate(1).alias("latitude"),
            F.col("key").cast("long").alias("timeseries_id"),
            F.col("value.phenomenon.id").cast("int").alias("phenomenon_id"),
            F.col("value.phenomenon.label").alias("phenomenon_label"),
        )
    )
    units = (
        read_whole(spark, f"file://{raw}/date={days}/timeseries/*.json")
        .select("folder_date", F.explode(F.from_json("value", TIMESERIES_LIST)).alias("t"))
        .select(F.col("folder_date").alias("date"),
                F.col("t.id").cast("long").alias("timeseries_id"), F.col("t.uom").alias("uom"))
        .dropDuplicates(["date", "timeseries_id"])
    )
    codes = spark.createDataFrame(list(POLLUTANT_CODES.items()),
                                  "phenomenon_id int, pollutant string")
    return (series.join(units, ["date", "timeseries_id"], "left")
            .join(F.broadcast(codes), "phenomenon_id", "left"))


def main() -> int:
    args = parse_args(__doc__.splitlines()[0], master={"default": "local[*]"})
    raw = os.path.join(os.path.abspath(args.lake), "raw", "irceline")
    dates = dates_between(args.first, args.last)
    days = "{" + ",".join(dates) + "}"

    spark = (
        SparkSession.builder.master(args.master)
        .appName("airq-reference-clean-tables")
        .config("spark.sql.session.timeZone", args.timezone)
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MILLIS")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    # not a measurement: null, "NaN", infinite (1e400) or a placeholder (<= -99)
    missing = (F.col("v").isNull() | F.isnan("v") | (F.col("v") == float("inf"))
               | (F.col("v") <= SENTINEL_MAX))
    # Rank: file order (pos), every missing value after every present one.
    rank = F.when(missing, F.col("pos") + 1_000_000_000).otherwise(F.col("pos"))
    kept = (
        observations(spark, raw, days)
        # the local day of the hour's start, (stamp - 1 ms)
        .where(F.date_format(F.timestamp_millis(F.col("timestamp_ms") - 1), "yyyy-MM-dd")
               == F.col("folder_date"))
        .withColumn("rank", rank)
        .withColumn("v", F.when(missing, F.lit(None)).otherwise(F.col("v")))
        .groupBy(F.col("folder_date").alias("date"), "timeseries_id", "timestamp_ms")
        .agg(F.min_by("v", "rank").alias("value"), F.min_by("raw_value", "rank").alias("raw_value"))
    )
    hourly = (
        kept.join(series_meta(spark, raw, days), ["date", "timeseries_id"])
        # the datetime column: local time of the stamp (END of the hour); the hour as instants
        .withColumn("datetime", F.date_format(
            F.timestamp_millis("timestamp_ms"), "yyyy-MM-dd'T'HH:mm:ssxxx"))
        .withColumn("hour_start", F.timestamp_millis(F.col("timestamp_ms") - HOUR_MS))
        .withColumn("hour_end", F.timestamp_millis("timestamp_ms"))
        .select(*HOURLY_COLUMNS)
        .cache()
    )
    day_facts = spark.createDataFrame(
        [(d, day_hours(d, args.timezone), min_valid(day_hours(d, args.timezone))) for d in dates],
        "date string, expected_count int, min_valid int",
    )
    # the plain mean, or when its sum overflows that of the scaled values, within [min, max]
    plain = F.avg("value")
    mean = F.when(F.abs(plain) < float("inf"), plain).otherwise(
        F.avg(F.col("value") * MEAN_SCALE) / MEAN_SCALE)
    daily = (
        hourly.groupBy("date", *META, "station_code", "pollutant")
        .agg(
            F.greatest(F.min("value"), F.least(F.max("value"), mean)).alias("avg_value"),
            F.min("value").alias("min_value"),
            F.max("value").alias("max_value"),
            F.count("value").cast("int").alias("value_count"),
        )
        .where(F.col("value_count") >= 1)
        .join(F.broadcast(day_facts), "date")
        .withColumn("coverage", F.col("value_count") / F.col("expected_count"))
        .withColumn("is_valid", F.col("value_count") >= F.col("min_valid"))
        .withColumn("day_timezone", F.lit(args.timezone))
        .select(*AGGREGATE_COLUMNS)
    )
    out = os.path.abspath(args.out)
    # One file per day folder, as airq writes it (and a Spark user would): without the
    # repartition every shuffle partition writes into every day folder (200 × 366 files).
    hourly.repartition("date").write.partitionBy("date").mode("overwrite").parquet(f"file://{out}/{HOURLY}")
    daily.repartition("date").write.partitionBy("date").mode("overwrite").parquet(f"file://{out}/{AGGREGATE}")
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
