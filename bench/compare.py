"""Check that airq, the PySpark job and native DuckDB give the same daily aggregates.

Reads the three Parquet outputs (hive folders date=YYYY-MM-DD) with DuckDB and compares them
on the key (date, station_id, phenomenon_id, timeseries_id): the same rows, the same
value_count, min and max exactly, and averages within --tolerance (default 1e-9).
Prints one JSON object; exit code 0 when they agree, 1 otherwise.

Usage: python bench/compare.py --from D --to D --airq DIR --pyspark DIR --duckdb DIR
(--airq is airq's clean/aggregate_station_by_day folder; --pyspark may be omitted)
"""

import argparse
import json
import sys

import duckdb

KEY = ["date", "station_id", "phenomenon_id", "timeseries_id"]


def load(con, name: str, folder: str, first: str, last: str) -> int:
    src = folder.replace("'", "''")
    con.execute(f"""
CREATE TABLE {name} AS
SELECT date::VARCHAR AS date, station_id::BIGINT AS station_id,
       phenomenon_id::INTEGER AS phenomenon_id, timeseries_id::BIGINT AS timeseries_id,
       avg_value, min_value, max_value, value_count::INTEGER AS value_count
FROM read_parquet('{src}/date=*/*.parquet', hive_partitioning = true)
WHERE date::VARCHAR BETWEEN '{first}' AND '{last}'""")
    return con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]


def compare(con, a: str, b: str, tolerance: float) -> dict:
    on = " AND ".join(f"x.{k} = y.{k}" for k in KEY)
    only_a, only_b, differ, max_diff = con.execute(f"""
SELECT count(*) FILTER (WHERE y.date IS NULL),
       count(*) FILTER (WHERE x.date IS NULL),
       count(*) FILTER (WHERE x.date IS NOT NULL AND y.date IS NOT NULL AND (
         x.value_count <> y.value_count OR x.min_value <> y.min_value
         OR x.max_value <> y.max_value OR abs(x.avg_value - y.avg_value) > {tolerance})),
       coalesce(max(abs(x.avg_value - y.avg_value)), 0)
FROM {a} x FULL OUTER JOIN {b} y ON {on}""").fetchone()
    return {
        f"only_in_{a}": only_a,
        f"only_in_{b}": only_b,
        "differing_rows": differ,
        "max_abs_avg_diff": max_diff,
        "agree": only_a == 0 and only_b == 0 and differ == 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="first", required=True)
    parser.add_argument("--to", dest="last", required=True)
    parser.add_argument("--airq", required=True)
    parser.add_argument("--duckdb", required=True)
    parser.add_argument("--pyspark")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()
    con = duckdb.connect()
    outputs = {"airq": args.airq, "duckdb": args.duckdb}
    if args.pyspark:
        outputs["pyspark"] = args.pyspark
    rows = {name: load(con, name, folder, args.first, args.last) for name, folder in outputs.items()}
    values = {name: con.execute(f"SELECT coalesce(sum(value_count), 0) FROM {name}").fetchone()[0]
              for name in outputs}
    checks = {f"airq_vs_{name}": compare(con, "airq", name, args.tolerance)
              for name in outputs if name != "airq"}
    agree = all(c["agree"] for c in checks.values()) and rows["airq"] > 0
    print(json.dumps({"agree": agree, "rows": rows, "values": values, "checks": checks}))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
