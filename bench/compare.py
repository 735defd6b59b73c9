"""Check that airq and the baselines write the same two clean tables.

Reads each implementation's Parquet output (<DIR>/measurements_hourly/date=…/ and
<DIR>/aggregate_station_by_day/date=…/, hive folders) with DuckDB and compares every baseline
with airq, table by table:
  - the same file columns, names and types, in airq's order: DuckDB's type of each column
    (DESCRIBE), and for timestamps also the Parquet unit (MILLIS), which DESCRIBE does not
    show. `date` may be in the files (airq's DATE) or only in the hive folder (Spark's
    partitionBy cannot keep it); where it is in a file it must equal its folder's date;
  - the same rows on the key: (date, timeseries_id, timestamp_ms) for the hourly table,
    (date, station_id, phenomenon_id, timeseries_id) for the aggregate, `date` being the
    folder's;
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


def sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def file_columns(con, src: str) -> list[tuple[str, str]]:
    """(name, type) of the files' columns in file order: DuckDB's type, and for a timestamp
    also its Parquet unit ("TIMESTAMP WITH TIME ZONE (MILLIS)"; "(MICROS,MILLIS)" when files
    differ)."""
    described = con.execute(
        f"DESCRIBE SELECT * FROM read_parquet({src}, hive_partitioning = false)").fetchall()
    units = dict(con.execute(f"""
SELECT name, string_agg(DISTINCT unit, ',' ORDER BY unit)
FROM (SELECT name, coalesce(
               nullif(regexp_extract(logical_type, '(MILLIS|MICROS|NANOS)=[A-Z]', 1), ''),
               nullif(regexp_extract(converted_type, '^TIMESTAMP_(MILLIS|MICROS)$', 1), ''),
               type) AS unit
      FROM parquet_schema({src}))
GROUP BY name""").fetchall())
    return [(n, f"{t} ({units.get(n)})" if t.startswith("TIMESTAMP") else t)
            for n, t, *_ in described]


def load(con, name: str, folder: str, first: str, last: str) -> list[tuple[str, str]]:
    """Table `name` from a hive folder: the file columns, with `date` the folder's (VARCHAR)
    and `file_date` the file's own `date` as text (NULL when the files have none). Returns
    the file columns (name, type) in file order."""
    src = sql_str(f"{folder}/date=*/*.parquet")
    columns = file_columns(con, src)
    in_file = any(n == "date" for n, _ in columns)
    con.execute(f"""
CREATE TABLE {name} AS
SELECT * EXCLUDE (filename, folder_date{", date" if in_file else ""}), folder_date AS date,
       {"date::VARCHAR" if in_file else "NULL::VARCHAR"} AS file_date
FROM (SELECT *, regexp_extract(filename, 'date=([^/]*)/[^/]*$', 1) AS folder_date
      FROM read_parquet({src}, hive_partitioning = false, filename = true))
WHERE folder_date BETWEEN {sql_str(first)} AND {sql_str(last)}""")
    return columns


def column_problems(airq: list[tuple[str, str]], other: list[tuple[str, str]]) -> list[str]:
    """What keeps `other` from having airq's file columns (or all but `date`, kept in the
    folder only), empty when nothing."""
    if other in (airq, [c for c in airq if c[0] != "date"]):
        return []
    want, have = dict(airq), dict(other)
    problems = [f"missing {n}" for n in want if n not in have and n != "date"]
    problems += [f"extra {n}" for n in have if n not in want]
    problems += [f"{n} is {have[n]}, airq's is {want[n]}"
                 for n in want if n in have and have[n] != want[n]]
    order = [n for n, _ in airq if n in have]
    if not problems and [n for n, _ in other if n in want] != order:
        problems.append("columns out of airq's order")
    return problems or ["columns differ"]


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
        in_file = {n: any(c == "date" for c, _ in columns[n]) for n in outputs}
        # rows whose file `date` is not their folder's date (none when the files have none)
        not_folder = {n: con.execute(f"SELECT count(*) FILTER (WHERE file_date IS DISTINCT "
                                     f"FROM date) FROM {n}_{table}").fetchone()[0]
                      if in_file[n] else 0 for n in outputs}
        checks[table] = {}
        for name in outputs:
            if name == "airq":
                continue
            problems = column_problems(columns["airq"], columns[name])
            if problems:
                checks[table][f"airq_vs_{name}"] = {
                    "agree": False, "column_problems": problems,
                    "columns": {n: [f"{c} {t}" for c, t in columns[n]] for n in ("airq", name)}}
                continue
            names = [c for c, _ in columns["airq"] if c != "date"]
            check = compare(con, table, "airq", name, names, args.tolerance)
            agree = check.pop("agree")
            check["date_in_file"] = in_file[name]
            dates = {n: not_folder[n] for n in ("airq", name)}
            if any(dates.values()):
                check["file_date_not_folder"] = dates
                agree = False
            checks[table][f"airq_vs_{name}"] = {**check, "agree": agree}
    values = {n: con.execute(f"SELECT coalesce(sum(value_count), 0) FROM {n}_{AGGREGATE}")
              .fetchone()[0] for n in outputs}
    agree = (all(c["agree"] for t in checks.values() for c in t.values())
             and all(r["airq"] > 0 for r in rows.values()))
    print(json.dumps({"agree": agree, "rows": rows, "values": values, "checks": checks}))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
