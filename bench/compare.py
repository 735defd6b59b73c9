"""Check that airq and the baselines write the same two clean tables.

Reads each implementation's Parquet output (<DIR>/measurements_hourly/date=…/ and
<DIR>/aggregate_station_by_day/date=…/, hive folders) with DuckDB and compares every baseline
with airq, table by table:
  - the same columns, in airq's order (the `date` partition column aside);
  - the same rows on the key: (date, timeseries_id, timestamp_ms) for the hourly table,
    (date, station_id, phenomenon_id, timeseries_id) for the aggregate;
  - every other column equal (NULL equals NULL), except avg_value and coverage, which may
    differ by --tolerance (default 1e-9): engines sum in different orders.
Prints one JSON object; exit code 0 when all agree, 1 otherwise.

Usage: python bench/compare.py --from D --to D --airq DIR [--duckdb DIR] [--pyspark DIR]
       [--polars DIR]   (--airq is airq's clean/ folder; the others are the baselines' --out)
"""

import argparse
import json
import sys

import duckdb

from _days import AGGREGATE, HOURLY

TABLES = {
    HOURLY: {"key": ["date", "timeseries_id", "timestamp_ms"], "close": []},
    AGGREGATE: {
        "key": ["date", "station_id", "phenomenon_id", "timeseries_id"],
        "close": ["avg_value", "coverage"],
    },
}
BASELINES = ["duckdb", "pyspark", "polars"]


def load(con, name: str, folder: str, first: str, last: str) -> list[str]:
    """Table `name` from a hive folder; returns its columns (without `date`) in file order."""
    src = f"{folder}/date=*/*.parquet".replace("'", "''")
    columns = [r[0] for r in con.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{src}', hive_partitioning = false)").fetchall()]
    con.execute(f"""
CREATE TABLE {name} AS
SELECT * REPLACE (date::VARCHAR AS date)
FROM read_parquet('{src}', hive_partitioning = true, hive_types = {{'date': VARCHAR}})
WHERE date BETWEEN '{first}' AND '{last}'""")
    return columns


def compare(con, table: str, a: str, b: str, columns: list[str], tolerance: float) -> dict:
    spec = TABLES[table]
    key = spec["key"]
    on = " AND ".join(f"x.{k} = y.{k}" for k in key)
    others = [c for c in columns if c not in key]
    differs = {
        c: (f"abs(x.{c} - y.{c}) > {tolerance} OR (x.{c} IS NULL) <> (y.{c} IS NULL)"
            if c in spec["close"] else f"x.{c} IS DISTINCT FROM y.{c}")
        for c in others
    }
    both = "x.date IS NOT NULL AND y.date IS NOT NULL"
    per_column = ", ".join(f"count(*) FILTER (WHERE {both} AND ({d}))" for d in differs.values())
    any_differs = " OR ".join(f"({d})" for d in differs.values()) or "false"
    row = con.execute(f"""
SELECT count(*) FILTER (WHERE y.date IS NULL), count(*) FILTER (WHERE x.date IS NULL),
       count(*) FILTER (WHERE {both} AND ({any_differs})),
       {", ".join(f"coalesce(max(abs(x.{c} - y.{c})), 0)" for c in spec["close"]) or "0"}
       {", " + per_column if per_column else ""}
FROM {a}_{table} x FULL OUTER JOIN {b}_{table} y ON {on}""").fetchone()
    only_a, only_b, differ = row[0], row[1], row[2]
    n_close = max(1, len(spec["close"]))
    max_diffs = dict(zip(spec["close"], row[3:3 + len(spec["close"])]))
    by_column = {c: n for c, n in zip(others, row[3 + n_close:]) if n}
    return {
        f"only_in_{a}": only_a,
        f"only_in_{b}": only_b,
        "differing_rows": differ,
        **{f"max_abs_{c}_diff": d for c, d in max_diffs.items()},
        **({"differing_columns": by_column} if by_column else {}),
        "agree": only_a == 0 and only_b == 0 and differ == 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="first", required=True)
    parser.add_argument("--to", dest="last", required=True)
    parser.add_argument("--airq", required=True)
    for name in BASELINES:
        parser.add_argument(f"--{name}")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()
    con = duckdb.connect()
    outputs = {"airq": args.airq, **{n: getattr(args, n) for n in BASELINES if getattr(args, n)}}
    rows: dict[str, dict[str, int]] = {}
    checks: dict[str, dict] = {}
    for table in TABLES:
        columns = {n: load(con, f"{n}_{table}", f"{d}/{table}", args.first, args.last)
                   for n, d in outputs.items()}
        rows[table] = {n: con.execute(f"SELECT count(*) FROM {n}_{table}").fetchone()[0]
                       for n in outputs}
        checks[table] = {}
        for name in outputs:
            if name == "airq":
                continue
            if columns[name] != columns["airq"]:
                checks[table][f"airq_vs_{name}"] = {
                    "agree": False, "columns": {"airq": columns["airq"], name: columns[name]}}
            else:
                checks[table][f"airq_vs_{name}"] = compare(
                    con, table, "airq", name, columns["airq"], args.tolerance)
    values = {n: con.execute(f"SELECT coalesce(sum(value_count), 0) FROM {n}_{AGGREGATE}")
              .fetchone()[0] for n in outputs}
    agree = (all(c["agree"] for t in checks.values() for c in t.values())
             and all(r["airq"] > 0 for r in rows.values()))
    print(json.dumps({"agree": agree, "rows": rows, "values": values, "checks": checks}))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
