import assert from "node:assert/strict";
import { openDuckDb } from "../src/duckdb.ts";
import { readParquet, writeParquet } from "../src/parquet.ts";

const SQL = `SELECT i::BIGINT AS big, i::INTEGER AS small, i / 4 AS dbl,
  CASE WHEN i = 2 THEN NULL ELSE 'v' || i END AS txt, i % 2 = 0 AS flag
FROM range(4) r(i) ORDER BY i`;

Deno.test("writeParquet() round-trips DuckDB types through hyparquet", async () => {
  const db = await openDuckDb();
  const { columns, rows } = await readParquet(writeParquet(db.query(SQL)));
  assert.deepEqual(columns, [
    { name: "big", type: "INT64", logicalType: undefined },
    { name: "small", type: "INT32", logicalType: undefined },
    { name: "dbl", type: "DOUBLE", logicalType: undefined },
    { name: "txt", type: "BYTE_ARRAY", logicalType: "STRING" },
    { name: "flag", type: "BOOLEAN", logicalType: undefined },
  ]);
  assert.deepEqual(rows, [
    { big: 0n, small: 0, dbl: 0, txt: "v0", flag: true },
    { big: 1n, small: 1, dbl: 0.25, txt: "v1", flag: false },
    { big: 2n, small: 2, dbl: 0.5, txt: null, flag: true },
    { big: 3n, small: 3, dbl: 0.75, txt: "v3", flag: false },
  ]);
});

Deno.test("writeParquet() gives identical bytes for identical tables", async () => {
  const db = await openDuckDb();
  const a = writeParquet(db.query(SQL));
  const b = writeParquet(db.query(SQL));
  assert.deepEqual(a, b);
  assert.deepEqual([...a.slice(0, 4)], [0x50, 0x41, 0x52, 0x31]); // "PAR1"
});
