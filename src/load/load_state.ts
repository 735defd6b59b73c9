/**
 * The load state: one row per (table, date) in `"DB"."SCHEMA"."AIRQ_LOAD_STATE"`, saying
 * from which published partition (sha256 of its Parquet files) the date was loaded. It is
 * written in the same transaction as the rows, so it never claims a load that rolled back.
 * A rerun skips the dates whose partition sha256 is unchanged, unless `--force`. Pure SQL.
 */
import { quoteIdentifier, type TableName } from "./identifiers.ts";
import type { Statement } from "./sql.ts";

/** Name of the state table, in the schema of the loaded table. */
export const STATE_TABLE = "AIRQ_LOAD_STATE";

function stateTable(name: TableName): string {
  return [name.database, name.schema, STATE_TABLE].map(quoteIdentifier).join(".");
}

function loadedTable(name: TableName): string {
  return `${name.database}.${name.schema}.${name.table}`;
}

/** `CREATE TABLE IF NOT EXISTS` of the state table. */
export function createStateTableSql(name: TableName): string {
  return `CREATE TABLE IF NOT EXISTS ${stateTable(name)} (\n` +
    `  "TABLE_NAME" VARCHAR NOT NULL,\n  "DAY" VARCHAR NOT NULL,\n` +
    `  "PARTITION_SHA256" VARCHAR NOT NULL,\n  "ROW_COUNT" INTEGER NOT NULL,\n` +
    `  "LOADED_AT" TIMESTAMP_NTZ NOT NULL\n` +
    `) COMMENT = 'airq: which published partition each date of a table was loaded from'`;
}

/** Select the recorded partition sha256 of the dates `from`..`to` of the table. */
export function selectStateStatement(name: TableName, from: string, to: string): Statement {
  return {
    sql: `SELECT "DAY", "PARTITION_SHA256" FROM ${stateTable(name)} ` +
      `WHERE "TABLE_NAME" = ? AND "DAY" >= ? AND "DAY" <= ?`,
    binds: [loadedTable(name), from, to],
  };
}

/** Replace the state row of one date (inside the load's transaction). */
export function replaceStateStatements(
  name: TableName,
  row: { date: string; partitionSha256: string; rows: number; loadedAt: string },
): Statement[] {
  const t = stateTable(name);
  return [
    {
      sql: `DELETE FROM ${t} WHERE "TABLE_NAME" = ? AND "DAY" = ?`,
      binds: [loadedTable(name), row.date],
    },
    {
      sql: `INSERT INTO ${t} ("TABLE_NAME", "DAY", "PARTITION_SHA256", "ROW_COUNT", "LOADED_AT") ` +
        `VALUES (?, ?, ?, ?, ?)`,
      binds: [loadedTable(name), row.date, row.partitionSha256, `${row.rows}`, row.loadedAt],
    },
  ];
}

/** Date → partition sha256 from the rows of the select (column names in any case). */
export function stateByDate(rows: Record<string, unknown>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) {
    const day = r.DAY ?? r.day;
    const sha = r.PARTITION_SHA256 ?? r.partition_sha256;
    if (typeof day === "string" && typeof sha === "string") out.set(day, sha);
  }
  return out;
}
