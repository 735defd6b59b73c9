"""Read one clean partition's Parquet file as an analyst does, with native DuckDB and with
pyarrow, and print what each sees of the analysis columns as JSON:
{"duckdb": {"types": {column: type}, "rows": [...]}, "pyarrow": {"types": {...}, "rows": [...]},
 "dataset": {"date": type, "rows": n}}, the last from the file's whole table folder read as a
pyarrow dataset with the documented typed Hive partitioning (`date` is both in the folder name
and in the file). Timestamps are printed as UTC text and epoch ms, dates as ISO text.
Usage: read_columns.py FILE.parquet
"""
import json
import sys

import os

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

path = sys.argv[1]
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
rel = con.sql("SELECT * FROM read_parquet(?)", params=[path])
types = {name: str(t) for name, t in zip(rel.columns, rel.types)}
cols = rel.columns
select = ["station_id", "phenomenon_id", "timeseries_id", "date::VARCHAR", "station_code",
          "pollutant"]
if "hour_end" in cols:
    select += ["timestamp_ms", "strftime(hour_start, '%Y-%m-%dT%H:%M:%SZ')",
               "strftime(hour_end, '%Y-%m-%dT%H:%M:%SZ')", "epoch_ms(hour_start)",
               "epoch_ms(hour_end)"]
names = ["station_id", "phenomenon_id", "timeseries_id", "date", "station_code", "pollutant",
         "timestamp_ms", "hour_start", "hour_end", "hour_start_ms", "hour_end_ms"]
rows = con.execute(f"SELECT {', '.join(select)} FROM read_parquet(?)", [path]).fetchall()
duck = {"types": types, "rows": [dict(zip(names, r)) for r in rows]}

table = pq.ParquetFile(path).read()
arrow_types = {f.name: str(f.type) for f in table.schema}
arrow_rows = []
for r in table.to_pylist():
    row = {"date": r["date"].isoformat(), "station_code": r["station_code"],
           "pollutant": r["pollutant"]}
    if "hour_end" in r:
        row["hour_start"] = r["hour_start"].strftime("%Y-%m-%dT%H:%M:%S%z")
        row["hour_end"] = r["hour_end"].strftime("%Y-%m-%dT%H:%M:%S%z")
        row["timestamp_ms"] = r["timestamp_ms"]
    arrow_rows.append(row)
folder = os.path.dirname(os.path.dirname(os.path.realpath(path)))
typed = ds.partitioning(pa.schema([("date", pa.date32())]), flavor="hive")
whole = pq.read_table(folder, partitioning=typed)
dataset = {"date": str(whole.schema.field("date").type), "rows": whole.num_rows}
print(json.dumps({"duckdb": duck, "pyarrow": {"types": arrow_types, "rows": arrow_rows},
                  "dataset": dataset}))
