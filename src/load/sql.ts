/**
 * SQL text and bind values of a load. Pure: values never enter SQL text; they go as
 * bind variables. Every value is bound as TEXT (or NULL) and converted by Snowflake to
 * the column type, because snowflake-sdk picks one bind type per column from the first
 * row of an array binding (an integral DOUBLE such as 12 would make the column FIXED and
 * the next 12.5 invalid).
 */
import { quoteIdentifier, quoteTableName, type TableName } from "./identifiers.ts";

/** Kind of a loaded column: how a Parquet value is checked and turned into a bind. */
export type ColumnKind = "bigint" | "integer" | "double" | "varchar" | "boolean";

/** One column of the Snowflake table that comes from the Parquet file. */
export interface LoadColumn {
  name: string;
  kind: ColumnKind;
  sqlType: string;
  nullable: boolean;
}

const col = (name: string, kind: ColumnKind, sqlType: string, nullable = true): LoadColumn => ({
  name,
  kind,
  sqlType,
  nullable,
});

/** Columns of clean/aggregate_station_by_day (the clean tables' contract), in table order. */
export const AGGREGATE_COLUMNS: readonly LoadColumn[] = [
  col("station_id", "bigint", "BIGINT", false),
  col("station_label", "varchar", "VARCHAR"),
  col("longitude", "double", "DOUBLE"),
  col("latitude", "double", "DOUBLE"),
  col("phenomenon_id", "integer", "INTEGER", false),
  col("phenomenon_label", "varchar", "VARCHAR"),
  col("timeseries_id", "bigint", "BIGINT", false),
  col("uom", "varchar", "VARCHAR"),
  col("avg_value", "double", "DOUBLE"),
  col("min_value", "double", "DOUBLE"),
  col("max_value", "double", "DOUBLE"),
  col("value_count", "integer", "INTEGER"),
  col("expected_count", "integer", "INTEGER"),
  col("coverage", "double", "DOUBLE"),
  col("is_valid", "boolean", "BOOLEAN"),
  col("day_timezone", "varchar", "VARCHAR"),
];

/** The logical primary key (Snowflake does not enforce it; the loader checks it). */
export const PRIMARY_KEY = ["station_id", "phenomenon_id", "timeseries_id", "date"] as const;

/** Names of every table column: the Parquet columns, then `date` and `loaded_at`. */
export const TABLE_COLUMNS: readonly string[] = [
  ...AGGREGATE_COLUMNS.map((c) => c.name),
  "date",
  "loaded_at",
];

/** A bind value: text or SQL NULL. */
export type Bind = string | null;

/** A statement with positional binds (`?`). */
export interface Statement {
  sql: string;
  binds: Bind[];
}

/** `CREATE SCHEMA IF NOT EXISTS "DB"."SCHEMA"`. */
export function createSchemaSql(name: TableName): string {
  return `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(name.database)}.${
    quoteIdentifier(name.schema)
  }`;
}

/** `CREATE TABLE IF NOT EXISTS` with the aggregate columns, `date`, `loaded_at` and a key comment. */
export function createTableSql(name: TableName): string {
  const lines = [
    ...AGGREGATE_COLUMNS.map((c) =>
      `  ${quoteIdentifier(c.name)} ${c.sqlType}${c.nullable ? "" : " NOT NULL"}`
    ),
    `  ${quoteIdentifier("date")} DATE NOT NULL`,
    `  ${quoteIdentifier("loaded_at")} TIMESTAMP_NTZ NOT NULL`,
  ];
  const comment = `airq daily aggregates per station, phenomenon and series; ` +
    `primary key (${PRIMARY_KEY.join(", ")}), not enforced: each load replaces whole dates`;
  return `CREATE TABLE IF NOT EXISTS ${quoteTableName(name)} (\n${
    lines.join(",\n")
  }\n) COMMENT = '${comment}'`;
}

/** Delete one date's rows (one statement per date, so the summary has per-date counts). */
export function deleteDateStatement(name: TableName, date: string): Statement {
  return {
    sql: `DELETE FROM ${quoteTableName(name)} WHERE ${quoteIdentifier("date")} = ?`,
    binds: [date],
  };
}

/** `INSERT INTO … (cols) VALUES (?, …)`: executed with an array of bind rows. */
export function insertSql(name: TableName): string {
  const cols = TABLE_COLUMNS.map(quoteIdentifier).join(", ");
  const marks = TABLE_COLUMNS.map(() => "?").join(", ");
  return `INSERT INTO ${quoteTableName(name)} (${cols}) VALUES (${marks})`;
}

/** Split rows into batches of at most `size` (size ≥ 1). */
export function batches<T>(rows: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Invalid batch size: "${size}"`);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Format an instant as a TIMESTAMP_NTZ literal in UTC: `YYYY-MM-DD HH:MM:SS.mmm`. */
export function timestampNtz(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}
