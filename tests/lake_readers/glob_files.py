"""Read a lake's clean tables the way a plain analyst does, with native DuckDB and nothing
of airq: every file matched by clean/*/date=*/*.parquet, read whole, with its row count.
Prints JSON [{"file": path relative to the lake, "rows": n}], sorted. Usage: glob_files.py LAKE
"""
import json
import os
import sys

import duckdb

lake = os.path.realpath(sys.argv[1])
pattern = os.path.join(lake, "clean", "*", "date=*", "*.parquet")
try:
    rows = duckdb.sql(
        "SELECT filename, count(*) FROM read_parquet(?, filename = true) GROUP BY filename",
        params=[pattern],
    ).fetchall()
except duckdb.IOException as e:
    if "No files found" not in str(e):
        raise
    rows = []
print(json.dumps(sorted(({"file": os.path.relpath(f, lake), "rows": n} for f, n in rows),
                        key=lambda r: r["file"])))
