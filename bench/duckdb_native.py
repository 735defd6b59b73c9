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
import json
import os
import shutil
import sys

import duckdb

VALUES_TYPE = '{"values": [{"timestamp": "BIGINT", "value": "VARCHAR"}]}'
STATIONS_TYPE = (
    '[{"properties": {"id": "BIGINT", "label": "VARCHAR", "timeseries": '
    '"MAP(VARCHAR, STRUCT(phenomenon STRUCT(id VARCHAR, label VARCHAR)))"}}]'
)
SENTINEL_MAX = -99


def dates_between(first: str, last: str) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def sql_list(items: list[str]) -> str:
    return "[" + ", ".join("'" + i.replace("'", "''") + "'" for i in items) + "]"


def build_sql(raw: str, dates: list[str], timezone: str, out: str) -> str:
    values_globs = sql_list([f"{raw}/date={d}/values/*.json" for d in dates])
    stations_files = sql_list([f"{raw}/date={d}/stations.json" for d in dates])
    tz = timezone.replace("'", "''")
    folder_date = r"regexp_extract(filename, 'date=([0-9]{4}-[0-9]{2}-[0-9]{2})/', 1)"
    return f"""
COPY (
WITH files AS (
  SELECT {folder_date} AS folder_date, filename, content FROM read_text({values_globs})
),
answers AS (
  SELECT folder_date, j.key::BIGINT AS timeseries_id,
         json_transform(j.value, '{VALUES_TYPE}')."values" AS vals
  FROM files, json_each(files.content) AS j
  WHERE NOT regexp_matches(filename, '/series_[0-9]+[.]json$')
  UNION ALL
  SELECT folder_date, regexp_extract(filename, 'series_([0-9]+)[.]json$', 1)::BIGINT,
         json_transform(content, '{VALUES_TYPE}')."values"
  FROM files
  WHERE regexp_matches(filename, '/series_[0-9]+[.]json$')
),
points AS (
  SELECT folder_date, timeseries_id, generate_subscripts(vals, 1) AS pos, unnest(vals) AS p
  FROM answers
),
observations AS (
  SELECT folder_date, timeseries_id, pos, p."timestamp" AS timestamp_ms,
         strftime(timezone('{tz}', timezone('UTC', epoch_ms(p."timestamp"))),
                  '%Y-%m-%dT%H:%M:%S') AS datetime,
         strftime(timezone('{tz}', timezone('UTC', epoch_ms(p."timestamp" - 1))), '%Y-%m-%d')
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
  SELECT {folder_date} AS date, s.properties.id AS station_id,
         s.properties.label AS station_label, t.key::BIGINT AS timeseries_id,
         t.value.phenomenon.id::INTEGER AS phenomenon_id
  FROM (SELECT filename, unnest(json_transform(content, '{STATIONS_TYPE}')) AS s
        FROM read_text({stations_files})),
       unnest(map_entries(s.properties.timeseries)) AS u(t)
)
SELECT date, station_id, station_label, phenomenon_id, timeseries_id,
       avg(value) AS avg_value, min(value) AS min_value, max(value) AS max_value,
       count(value)::INTEGER AS value_count
FROM valid JOIN series USING (date, timeseries_id)
GROUP BY ALL
ORDER BY date, station_id, phenomenon_id, timeseries_id
) TO '{out.replace("'", "''")}' (FORMAT parquet, PARTITION_BY (date), OVERWRITE)
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
