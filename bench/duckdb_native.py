"""Native DuckDB (PyPI `duckdb`, json/icu/parquet built in) writing airq's two clean tables.

Baseline for bench/main.ts: reads the raw lake that `deno task ingest` wrote and writes
measurements_hourly and aggregate_station_by_day with airq's columns and rules:
bench/README.md, "Same work: both clean tables" lists them, bench/_days.py holds the shared
facts. The hourly table is built once (local times computed once per distinct stamp, the
analysis columns once per series) and both tables are written from it as Parquet partitioned by
date (hive style, `date` kept in the files too) under --out, replacing it.

Usage: python bench/duckdb_native.py --lake DIR --from D --to D --out DIR [--timezone TZ]
"""

import glob
import json
import os
import shutil
import sys

import duckdb

from _days import (
    AGGREGATE, HOUR_MS, HOURLY, MEAN_SCALE, POLLUTANT_CODES, SENTINEL_MAX, STATION_CODE,
    dates_between, day_hours, min_valid, parse_args,
)

POINTS = 'STRUCT("timestamp" BIGINT, "value" VARCHAR)[]'
BULK_COLUMNS = {"json": f'MAP(VARCHAR, STRUCT("values" {POINTS}))'}
SERIES_COLUMNS = {"values": POINTS}
STATION_COLUMNS = {
    "properties": "STRUCT(id BIGINT, label VARCHAR, "
    "timeseries MAP(VARCHAR, STRUCT(phenomenon STRUCT(id VARCHAR, label VARCHAR))))",
    "geometry": "STRUCT(coordinates DOUBLE[])",
}
LIST_COLUMNS = {"id": "VARCHAR", "uom": "VARCHAR"}
FOLDER_DATE = r"regexp_extract(filename, 'date=([0-9]{4}-[0-9]{2}-[0-9]{2})/', 1)"


def sql_list(items: list[str]) -> str:
    return "[" + ", ".join(sql_str(i) for i in items) + "]"


def sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_struct(columns: dict[str, str]) -> str:
    return "{" + ", ".join(f"{sql_str(k)}: {sql_str(v)}" for k, v in columns.items()) + "}"


def answers_sql(raw: str, dates: list[str]) -> str:
    """(folder_date, timeseries_id, vals) of every values file (found by glob first)."""
    bulk = sorted(f for d in dates for f in glob.glob(f"{raw}/date={d}/values/bulk_*.json"))
    single = sorted(f for d in dates for f in glob.glob(f"{raw}/date={d}/values/series_*.json"))
    answers = []
    if bulk:
        answers.append(f"""
  SELECT {FOLDER_DATE} AS folder_date, e.key::BIGINT AS timeseries_id, e.value."values" AS vals
  FROM read_json({sql_list(bulk)}, records = false, filename = true,
                 columns = {sql_struct(BULK_COLUMNS)}),
       unnest(map_entries(json)) AS u(e)""")
    if single:
        answers.append(f"""
  SELECT {FOLDER_DATE}, regexp_extract(filename, 'series_([0-9]+)[.]json$', 1)::BIGINT, "values"
  FROM read_json({sql_list(single)}, filename = true, columns = {sql_struct(SERIES_COLUMNS)})""")
    if not answers:
        raise SystemExit(f"Cannot run: no values files under {raw} for the dates")
    return "\n  UNION ALL".join(answers)


def hourly_sql(raw: str, dates: list[str], timezone: str) -> str:
    """The hourly table of every date, with the series metadata, as one CREATE TABLE."""
    stations = [f"{raw}/date={d}/stations.json" for d in dates]
    lists = sorted(f for d in dates for f in glob.glob(f"{raw}/date={d}/timeseries/*.json"))
    tz = sql_str(timezone)
    # not a measurement: NULL ("null"), NaN, infinite (1e400) or a placeholder (<= -99)
    missing = f"(v IS NULL OR NOT isfinite(v) OR v <= {SENTINEL_MAX})"
    codes = ", ".join(f"({i}, {sql_str(c)})" for i, c in POLLUTANT_CODES.items())
    # Rank: file order (pos), every missing value after every present one.
    rank = f"CASE WHEN {missing} THEN pos + 1000000000 ELSE pos END"
    units = f"""
  SELECT DISTINCT {FOLDER_DATE} AS date, id::BIGINT AS timeseries_id, uom
  FROM read_json({sql_list(lists)}, format = 'array', filename = true,
                 columns = {sql_struct(LIST_COLUMNS)})""" if lists else """
  SELECT NULL::VARCHAR AS date, NULL::BIGINT AS timeseries_id, NULL::VARCHAR AS uom LIMIT 0"""
    return f"""
CREATE TEMP TABLE hourly AS
WITH answers AS ({answers_sql(raw, dates)}
),
points AS (
  SELECT folder_date, timeseries_id, generate_subscripts(vals, 1) AS pos, unnest(vals) AS p
  FROM answers
),
obs AS (
  SELECT folder_date, timeseries_id, pos, p."timestamp" AS timestamp_ms,
         coalesce(p."value", 'null') AS raw_value, try_cast(p."value" AS DOUBLE) AS v
  FROM points
),
stamps AS (
  -- local times once per distinct stamp: the datetime column (END of the hour) and the local
  -- day the stamp belongs to, that of the hour's start (stamp - 1 ms); the hour as instants
  SELECT timestamp_ms,
         strftime(timezone({tz}, to_timestamp(timestamp_ms / 1000)), '%Y-%m-%dT%H:%M:%S')
           || CASE WHEN off < 0 THEN '-' ELSE '+' END
           || lpad((abs(off) // 60)::VARCHAR, 2, '0') || ':'
           || lpad((abs(off) % 60)::VARCHAR, 2, '0') AS datetime,
         strftime(timezone({tz}, to_timestamp((timestamp_ms - 1) / 1000)), '%Y-%m-%d') AS day,
         epoch_ms(timestamp_ms - {HOUR_MS})::TIMESTAMP_MS AS hour_start,
         epoch_ms(timestamp_ms)::TIMESTAMP_MS AS hour_end
  FROM (SELECT timestamp_ms,
               datediff('minute', epoch_ms(timestamp_ms),
                        timezone({tz}, to_timestamp(timestamp_ms / 1000))) AS off
        FROM (SELECT DISTINCT timestamp_ms FROM obs))
),
kept AS (
  SELECT folder_date AS date, timeseries_id, timestamp_ms,
         arg_min(CASE WHEN {missing} THEN NULL ELSE v END, {rank}) AS value,
         arg_min(raw_value, {rank}) AS raw_value
  FROM obs JOIN stamps USING (timestamp_ms)
  WHERE day = folder_date
  GROUP BY ALL
),
pollutants (phenomenon_id, pollutant) AS (VALUES {codes}),
series AS (
  SELECT {FOLDER_DATE} AS date, properties.id AS station_id,
         properties.label AS station_label,
         nullif(regexp_extract(properties.label, {sql_str(STATION_CODE)}, 1), '') AS station_code,
         CASE WHEN isfinite(geometry.coordinates[1]) THEN geometry.coordinates[1] END AS longitude,
         CASE WHEN isfinite(geometry.coordinates[2]) THEN geometry.coordinates[2] END AS latitude,
         e.key::BIGINT AS timeseries_id, e.value.phenomenon.id::INTEGER AS phenomenon_id,
         e.value.phenomenon.label AS phenomenon_label
  FROM read_json({sql_list(stations)}, format = 'array', filename = true,
                 columns = {sql_struct(STATION_COLUMNS)}),
       unnest(map_entries(properties.timeseries)) AS u(e)
),
coded AS (
  SELECT * FROM series LEFT JOIN pollutants USING (phenomenon_id)
),
units AS ({units}
)
SELECT station_id, station_label, longitude, latitude, phenomenon_id, phenomenon_label,
       timeseries_id, uom, timestamp_ms, datetime, value, raw_value,
       date::DATE AS date, station_code, pollutant, hour_start, hour_end
FROM kept JOIN coded USING (date, timeseries_id)
     JOIN stamps USING (timestamp_ms)
     LEFT JOIN units USING (date, timeseries_id)
"""


def aggregate_sql(timezone: str) -> str:
    # the plain mean, or when its sum overflows that of the scaled values, within [min, max]
    scale = repr(MEAN_SCALE)
    mean = (f"CASE WHEN isfinite(avg(value)) THEN avg(value) "
            f"ELSE avg(value * {scale}) / {scale} END")
    return f"""
SELECT station_id, station_label, longitude, latitude, phenomenon_id, phenomenon_label,
       timeseries_id, uom,
       greatest(min(value), least(max(value), {mean})) AS avg_value,
       min(value) AS min_value, max(value) AS max_value,
       count(value)::INTEGER AS value_count, any_value(d.hours)::INTEGER AS expected_count,
       count(value) / any_value(d.hours) AS coverage,
       count(value) >= any_value(d.min_valid) AS is_valid,
       {sql_str(timezone)} AS day_timezone, date, station_code, pollutant
FROM hourly JOIN day_hours d USING (date)
GROUP BY date, station_id, station_label, longitude, latitude, phenomenon_id, phenomenon_label,
         timeseries_id, uom, station_code, pollutant
HAVING count(value) >= 1"""


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0],
        threads={"type": int, "default": os.cpu_count() or 1},
    )
    raw = os.path.join(os.path.abspath(args.lake), "raw", "irceline")
    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    dates = dates_between(args.first, args.last)
    con = duckdb.connect()
    con.execute(f"SET threads = {int(args.threads)}")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("CREATE TEMP TABLE day_hours (date DATE, hours INTEGER, min_valid INTEGER)")
    con.executemany(
        "INSERT INTO day_hours VALUES (?, ?, ?)",
        [(d, day_hours(d, args.timezone), min_valid(day_hours(d, args.timezone))) for d in dates],
    )
    con.execute(hourly_sql(raw, dates, args.timezone))
    order = "ORDER BY date, station_id, phenomenon_id, timeseries_id"
    # `date` stays in the files too; TIMESTAMP_MS columns as instants: TIMESTAMP(MILLIS, UTC)
    target = ("(FORMAT parquet, PARTITION_BY (date), WRITE_PARTITION_COLUMNS true, "
              "TIMESTAMP_IS_ADJUSTED_TO_UTC true, OVERWRITE)")
    hourly = con.execute(
        f"COPY (SELECT * FROM hourly {order}, timestamp_ms) TO {sql_str(f'{out}/{HOURLY}')} {target}"
    ).fetchone()[0]
    aggregate = con.execute(
        f"COPY ({aggregate_sql(args.timezone)} {order}) TO {sql_str(f'{out}/{AGGREGATE}')} {target}"
    ).fetchone()[0]
    print(json.dumps({"engine": "duckdb", "version": duckdb.__version__,
                      "hourly_rows": hourly, "aggregate_rows": aggregate}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
