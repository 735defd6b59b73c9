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

/**
 * Columns of clean/compliance_station_by_year (docs/compliance.md) in table order, but
 * `year`: it is the partition column, bound from the partition like the daily table's `date`.
 */
export const COMPLIANCE_COLUMNS: readonly LoadColumn[] = [
  col("station_id", "bigint", "BIGINT", false),
  col("station_label", "varchar", "VARCHAR"),
  col("phenomenon_id", "integer", "INTEGER", false),
  col("phenomenon_label", "varchar", "VARCHAR"),
  col("timeseries_id", "bigint", "BIGINT", false),
  col("standard", "varchar", "VARCHAR", false),
  col("averaging_period", "varchar", "VARCHAR", false),
  col("threshold", "double", "DOUBLE", false),
  col("allowed_exceedances", "integer", "INTEGER"),
  col("exceedances", "integer", "INTEGER"),
  col("annual_mean", "double", "DOUBLE"),
  col("valid_days", "integer", "INTEGER", false),
  col("valid_hours", "integer", "INTEGER", false),
  col("hours_elapsed", "integer", "INTEGER", false),
  col("data_capture", "double", "DOUBLE", false),
  col("last_date", "varchar", "VARCHAR", false),
  col("year_complete", "boolean", "BOOLEAN", false),
  col("status", "varchar", "VARCHAR", false),
];

/** A loaded table: its clean source, columns, partition column and logical key. */
export interface LoadTableSpec {
  /** The clean table read from the lake. */
  source: "aggregate_station_by_day" | "compliance_station_by_year";
  /** Columns that come from the Parquet file. */
  columns: readonly LoadColumn[];
  /** Column of the partition value, added after the Parquet columns; a load replaces it whole. */
  partition: { name: string; sqlType: string };
  /** Parquet columns that, with the partition column, identify a row. */
  key: readonly string[];
  /** What the table holds (its Snowflake comment). */
  what: string;
}

/** AIRQ.CLEAN.AGGREGATE_STATION_BY_DAY: one partition per date. */
export const AGGREGATE_TABLE: LoadTableSpec = {
  source: "aggregate_station_by_day",
  columns: AGGREGATE_COLUMNS,
  partition: { name: "date", sqlType: "DATE" },
  key: ["station_id", "phenomenon_id", "timeseries_id"],
  what: "airq daily aggregates per station, phenomenon and series",
};

/** AIRQ.CLEAN.COMPLIANCE_STATION_BY_YEAR: one partition per year (the `year` column). */
export const COMPLIANCE_TABLE: LoadTableSpec = {
  source: "compliance_station_by_year",
  columns: COMPLIANCE_COLUMNS,
  partition: { name: "year", sqlType: "INTEGER" },
  key: ["station_id", "phenomenon_id", "timeseries_id", "standard", "averaging_period"],
  what: "airq compliance with EU limit values and WHO guidelines per station, series and year",
};

/** The logical primary key (Snowflake does not enforce it; the loader checks it). */
export const PRIMARY_KEY = ["station_id", "phenomenon_id", "timeseries_id", "date"] as const;

/** Names of every column of a loaded table: the Parquet columns, the partition, `loaded_at`. */
export function tableColumns(spec: LoadTableSpec): string[] {
  return [...spec.columns.map((c) => c.name), spec.partition.name, "loaded_at"];
}

/** Names of every column of the daily table. */
export const TABLE_COLUMNS: readonly string[] = tableColumns(AGGREGATE_TABLE);

/** Options of the SQL builders: which table (default: the daily aggregates). */
export interface SqlOptions {
  spec?: LoadTableSpec;
}

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

/** `CREATE TABLE IF NOT EXISTS` with the columns, the partition, `loaded_at` and a key comment. */
export function createTableSql(
  name: TableName,
  { spec = AGGREGATE_TABLE }: SqlOptions = {},
): string {
  const p = spec.partition;
  const lines = [
    ...spec.columns.map((c) =>
      `  ${quoteIdentifier(c.name)} ${c.sqlType}${c.nullable ? "" : " NOT NULL"}`
    ),
    `  ${quoteIdentifier(p.name)} ${p.sqlType} NOT NULL`,
    `  ${quoteIdentifier("loaded_at")} TIMESTAMP_NTZ NOT NULL`,
  ];
  const whole = p.name === "date" ? "dates" : `${p.name}s`;
  const comment = `${spec.what}; ` +
    `primary key (${
      [...spec.key, p.name].join(", ")
    }), not enforced: each load replaces whole ${whole}`;
  return `CREATE TABLE IF NOT EXISTS ${quoteTableName(name)} (\n${
    lines.join(",\n")
  }\n) COMMENT = '${comment}'`;
}

/** Delete one partition's rows (one statement each, so the summary has per-partition counts). */
export function deleteDateStatement(
  name: TableName,
  date: string,
  { spec = AGGREGATE_TABLE }: SqlOptions = {},
): Statement {
  return {
    sql: `DELETE FROM ${quoteTableName(name)} WHERE ${quoteIdentifier(spec.partition.name)} = ?`,
    binds: [date],
  };
}

/** `INSERT INTO … (cols) VALUES (?, …)`: executed with an array of bind rows. */
export function insertSql(name: TableName, { spec = AGGREGATE_TABLE }: SqlOptions = {}): string {
  const columns = tableColumns(spec);
  const cols = columns.map(quoteIdentifier).join(", ");
  const marks = columns.map(() => "?").join(", ");
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
