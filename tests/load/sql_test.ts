import assert from "node:assert/strict";
import {
  batches,
  createSchemaSql,
  createTableSql,
  deleteDateStatement,
  insertSql,
  TABLE_COLUMNS,
  timestampNtz,
} from "../../src/load/sql.ts";

const NAME = { database: "AIRQ", schema: "CLEAN", table: "AGGREGATE_STATION_BY_DAY" };
const T = '"AIRQ"."CLEAN"."AGGREGATE_STATION_BY_DAY"';

Deno.test("createTableSql() declares every column, the key comment and IF NOT EXISTS", () => {
  assert.equal(
    createTableSql(NAME),
    `CREATE TABLE IF NOT EXISTS ${T} (
  "STATION_ID" BIGINT NOT NULL,
  "STATION_LABEL" VARCHAR,
  "LONGITUDE" DOUBLE,
  "LATITUDE" DOUBLE,
  "PHENOMENON_ID" INTEGER NOT NULL,
  "PHENOMENON_LABEL" VARCHAR,
  "TIMESERIES_ID" BIGINT NOT NULL,
  "UOM" VARCHAR,
  "AVG_VALUE" DOUBLE,
  "MIN_VALUE" DOUBLE,
  "MAX_VALUE" DOUBLE,
  "VALUE_COUNT" INTEGER,
  "EXPECTED_COUNT" INTEGER,
  "COVERAGE" DOUBLE,
  "IS_VALID" BOOLEAN,
  "DAY_TIMEZONE" VARCHAR,
  "DATE" DATE NOT NULL,
  "LOADED_AT" TIMESTAMP_NTZ NOT NULL
) COMMENT = 'airq daily aggregates per station, phenomenon and series; primary key (station_id, phenomenon_id, timeseries_id, date), not enforced: each load replaces whole dates'`,
  );
});

Deno.test("createSchemaSql() quotes database and schema", () => {
  assert.equal(createSchemaSql(NAME), 'CREATE SCHEMA IF NOT EXISTS "AIRQ"."CLEAN"');
});

Deno.test("deleteDateStatement() binds the date instead of writing it into the SQL", () => {
  assert.deepEqual(deleteDateStatement(NAME, "2024-03-31"), {
    sql: `DELETE FROM ${T} WHERE "DATE" = ?`,
    binds: ["2024-03-31"],
  });
});

Deno.test("insertSql() has one placeholder per table column and no values", () => {
  const sql = insertSql(NAME);
  assert.equal(TABLE_COLUMNS.length, 18);
  assert.equal(sql.match(/\?/g)?.length, 18);
  assert.ok(sql.startsWith(`INSERT INTO ${T} ("STATION_ID", "STATION_LABEL", `));
  assert.ok(sql.endsWith(`"DAY_TIMEZONE", "DATE", "LOADED_AT") VALUES (${"?, ".repeat(17)}?)`));
});

Deno.test("batches() splits rows into full batches and a remainder", () => {
  assert.deepEqual(batches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(batches([1, 2], 1000), [[1, 2]]);
  assert.deepEqual(batches([], 3), []);
  assert.throws(() => batches([1], 0), { name: "RangeError", message: 'Invalid batch size: "0"' });
});

Deno.test("timestampNtz() formats UTC with milliseconds and no zone", () => {
  assert.equal(timestampNtz(Date.UTC(2024, 2, 31, 1, 2, 3, 4)), "2024-03-31 01:02:03.004");
});
