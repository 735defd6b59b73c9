"""Native DuckDB (PyPI `duckdb`, json/icu/parquet built in) running airq's daily aggregate.

Baseline for bench/main.ts: reads the raw lake that `deno task ingest` wrote, with the same
semantics as airq's transform, in one SQL statement:
  - a series' station and phenomenon come from the day's stations.json;
  - values come from every values/*.json of the day (bulk files keyed by series id, per-series
    files named series_<id>.json);
  - stamps are END of hour: a value belongs to the local day of (timestamp - 1 ms) in the time
    zone, and only to the day folder it was ingested for (the window start belongs to D-1);
  - null, "NaN" and values <= -99 are excluded; other negatives are kept;
  - a duplicate (same series, same stamp) counts once: the first valid value in file order;
  - one row per (date, station, phenomenon, series) with at least one valid value.
Writes Parquet partitioned by date (hive style) into --out, replacing it.

Usage: python bench/duckdb_native.py --lake DIR --from D --to D --out DIR [--timezone TZ]
"""

import argparse
import datetime as dt
import glob
import json
import os
import shutil
import sys

import duckdb

POINTS = 'STRUCT("timestamp" BIGINT, "value" VARCHAR)[]'
BULK_COLUMNS = {"json": f'MAP(VARCHAR, STRUCT("values" {POINTS}))'}
SERIES_COLUMNS = {"values": POINTS}
STATION_COLUMNS = {
    "properties": "STRUCT(id BIGINT, label VARCHAR, "
    "timeseries MAP(VARCHAR, STRUCT(phenomenon STRUCT(id VARCHAR))))"
}
SENTINEL_MAX = -99


def dates_between(first: str, last: str) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def sql_list(items: list[str]) -> str:
    return "[" + ", ".join(sql_str(i) for i in items) + "]"


def sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_struct(columns: dict[str, str]) -> str:
    return "{" + ", ".join(f"{sql_str(k)}: {sql_str(v)}" for k, v in columns.items()) + "}"


def build_sql(raw: str, dates: list[str], timezone: str, out: str) -> str:
    """The whole job as one COPY statement (bulk and per-series files found by glob first)."""
    bulk = sorted(f for d in dates for f in glob.glob(f"{raw}/date={d}/values/bulk_*.json"))
    single = sorted(f for d in dates for f in glob.glob(f"{raw}/date={d}/values/series_*.json"))
    stations = [f"{raw}/date={d}/stations.json" for d in dates]
    tz = sql_str(timezone)
    folder_date = r"regexp_extract(filename, 'date=([0-9]{4}-[0-9]{2}-[0-9]{2})/', 1)"
    answers = []
    if bulk:
        answers.append(f"""
  SELECT {folder_date} AS folder_date, e.key::BIGINT AS timeseries_id, e.value."values" AS vals
  FROM read_json({sql_list(bulk)}, records = false, filename = true,
                 columns = {sql_struct(BULK_COLUMNS)}),
       unnest(map_entries(json)) AS u(e)""")
    if single:
        answers.append(f"""
  SELECT {folder_date}, regexp_extract(filename, 'series_([0-9]+)[.]json$', 1)::BIGINT, "values"
  FROM read_json({sql_list(single)}, filename = true, columns = {sql_struct(SERIES_COLUMNS)})""")
    if not answers:
        raise SystemExit(f"Cannot run: no values files under {raw} for the dates")
    union = "\n  UNION ALL".join(answers)
    return f"""
COPY (
WITH answers AS ({union}
),
points AS (
  SELECT folder_date, timeseries_id, generate_subscripts(vals, 1) AS pos, unnest(vals) AS p
  FROM answers
),
observations AS (
  SELECT folder_date, timeseries_id, pos, p."timestamp" AS timestamp_ms,
         -- the datetime column: local time of the stamp (END of the hour) ...
         strftime(timezone({tz}, timezone('UTC', epoch_ms(p."timestamp"))),
                  '%Y-%m-%dT%H:%M:%S') AS datetime,
         -- ... and the local day it belongs to: that of the hour's start, (stamp - 1 ms)
         strftime(timezone({tz}, timezone('UTC', epoch_ms(p."timestamp" - 1))), '%Y-%m-%d')
           AS local_date,
         try_cast(p."value" AS DOUBLE) AS v
  FROM points
),
valid AS (
  SELECT folder_date AS date, timeseries_id, timestamp_ms, arg_min(v, pos) AS value
  FROM observations
  WHERE local_date = folder_date AND v IS NOT NULL AND NOT isnan(v) AND v > {SENTINEL_MAX}
  GROUP BY ALL
),
series AS (
  SELECT {folder_date} AS date, properties.id AS station_id,
         properties.label AS station_label, e.key::BIGINT AS timeseries_id,
         e.value.phenomenon.id::INTEGER AS phenomenon_id
  FROM read_json({sql_list(stations)}, format = 'array', filename = true,
                 columns = {sql_struct(STATION_COLUMNS)}),
       unnest(map_entries(properties.timeseries)) AS u(e)
)
SELECT date, station_id, station_label, phenomenon_id, timeseries_id,
       avg(value) AS avg_value, min(value) AS min_value, max(value) AS max_value,
       count(value)::INTEGER AS value_count
FROM valid JOIN series USING (date, timeseries_id)
GROUP BY ALL
ORDER BY date, station_id, phenomenon_id, timeseries_id
) TO {sql_str(out)} (FORMAT parquet, PARTITION_BY (date), OVERWRITE)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", required=True, help="lake folder (holds raw/irceline/)")
    parser.add_argument("--from", dest="first", required=True)
    parser.add_argument("--to", dest="last", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--timezone", default="Europe/Brussels")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    raw = os.path.join(os.path.abspath(args.lake), "raw", "irceline")
    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    con = duckdb.connect()
    con.execute(f"SET threads = {int(args.threads)}")
    con.execute("SET TimeZone = 'UTC'")
    copied = con.execute(build_sql(raw, dates_between(args.first, args.last), args.timezone, out))
    rows = copied.fetchone()[0]
    print(json.dumps({"engine": "duckdb", "version": duckdb.__version__, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
