import assert from "node:assert/strict";
import {
  createStateTableSql,
  replaceStateStatements,
  selectStateStatement,
  stateByDate,
} from "../../src/load/load_state.ts";

const TABLE = { database: "AIRQ", schema: "CLEAN", table: "AGG" };
const S = '"AIRQ"."CLEAN"."AIRQ_LOAD_STATE"';

Deno.test("createStateTableSql() creates the state table in the loaded table's schema", () => {
  assert.equal(
    createStateTableSql(TABLE),
    `CREATE TABLE IF NOT EXISTS ${S} (\n  "TABLE_NAME" VARCHAR NOT NULL,\n  "DAY" VARCHAR NOT NULL,\n` +
      `  "PARTITION_SHA256" VARCHAR NOT NULL,\n  "ROW_COUNT" INTEGER NOT NULL,\n` +
      `  "LOADED_AT" TIMESTAMP_NTZ NOT NULL\n) COMMENT = 'airq: which published partition each ` +
      `date of a table was loaded from'`,
  );
});

Deno.test("selectStateStatement() and replaceStateStatements() bind every value", () => {
  assert.deepEqual(selectStateStatement(TABLE, "2024-01-01", "2024-01-31"), {
    sql:
      `SELECT "DAY", "PARTITION_SHA256" FROM ${S} WHERE "TABLE_NAME" = ? AND "DAY" >= ? AND "DAY" <= ?`,
    binds: ["AIRQ.CLEAN.AGG", "2024-01-01", "2024-01-31"],
  });
  assert.deepEqual(
    replaceStateStatements(TABLE, {
      date: "2024-01-02",
      partitionSha256: "ab",
      rows: 7,
      loadedAt: "2026-11-25 01:00:00.000",
    }),
    [
      {
        sql: `DELETE FROM ${S} WHERE "TABLE_NAME" = ? AND "DAY" = ?`,
        binds: ["AIRQ.CLEAN.AGG", "2024-01-02"],
      },
      {
        sql:
          `INSERT INTO ${S} ("TABLE_NAME", "DAY", "PARTITION_SHA256", "ROW_COUNT", "LOADED_AT") ` +
          "VALUES (?, ?, ?, ?, ?)",
        binds: ["AIRQ.CLEAN.AGG", "2024-01-02", "ab", "7", "2026-11-25 01:00:00.000"],
      },
    ],
  );
});

Deno.test("stateByDate() reads upper- or lower-case columns and ignores other rows", () => {
  assert.deepEqual(
    stateByDate([
      { DAY: "2024-01-01", PARTITION_SHA256: "a" },
      { day: "2024-01-02", partition_sha256: "b" },
      { DAY: null, PARTITION_SHA256: "c" },
    ]),
    new Map([["2024-01-01", "a"], ["2024-01-02", "b"]]),
  );
});
