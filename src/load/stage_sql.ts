/**
 * SQL of a staged load, for the hourly table (≈ 14 k rows a day, where array binds are slow):
 * the table's DDL, the PUT of one partition's Parquet file to the table's own stage
 * (`@DB.SCHEMA.%TABLE`, no CREATE STAGE privilege needed) and the COPY INTO that loads it
 * with a transformation (typed casts, Parquet logical types on, `loaded_at` added) and purges
 * it. Pure.
 */
import { quoteIdentifier, quoteTableName, type TableName } from "./identifiers.ts";

/** One column of the hourly Snowflake table and how COPY reads it from the Parquet row `$1`. */
interface StagedColumn {
  name: string;
  sqlType: string;
  nullable: boolean;
  /** The COPY transformation's expression. */
  from: string;
}

const fromParquet = (name: string, sqlType: string, nullable = true): StagedColumn => ({
  name,
  sqlType,
  nullable,
  from: `$1:${name}::${sqlType}`,
});

/** The hourly table: the Parquet columns of measurements_hourly, then `loaded_at`. */
export const HOURLY_COLUMNS: readonly StagedColumn[] = [
  fromParquet("station_id", "BIGINT", false),
  fromParquet("station_label", "VARCHAR"),
  fromParquet("longitude", "DOUBLE"),
  fromParquet("latitude", "DOUBLE"),
  fromParquet("phenomenon_id", "INTEGER", false),
  fromParquet("phenomenon_label", "VARCHAR"),
  fromParquet("timeseries_id", "BIGINT", false),
  fromParquet("uom", "VARCHAR"),
  fromParquet("timestamp_ms", "BIGINT", false),
  fromParquet("datetime", "VARCHAR"),
  fromParquet("value", "DOUBLE"),
  fromParquet("raw_value", "VARCHAR"),
  fromParquet("date", "DATE", false),
  fromParquet("station_code", "VARCHAR"),
  fromParquet("pollutant", "VARCHAR"),
  // UTC instants as TIMESTAMP_NTZ, computed from the epoch milliseconds (scale 3), which every
  // Parquet reader agrees on.
  {
    name: "hour_start",
    sqlType: "TIMESTAMP_NTZ",
    nullable: false,
    from: "TO_TIMESTAMP_NTZ($1:timestamp_ms::BIGINT - 3600000, 3)",
  },
  {
    name: "hour_end",
    sqlType: "TIMESTAMP_NTZ",
    nullable: false,
    from: "TO_TIMESTAMP_NTZ($1:timestamp_ms::BIGINT, 3)",
  },
];

/** `CREATE TABLE IF NOT EXISTS` of the hourly table, with `loaded_at` and a key comment. */
export function createHourlyTableSql(name: TableName): string {
  const lines = [
    ...HOURLY_COLUMNS.map((c) =>
      `  ${quoteIdentifier(c.name)} ${c.sqlType}${c.nullable ? "" : " NOT NULL"}`
    ),
    `  ${quoteIdentifier("loaded_at")} TIMESTAMP_NTZ NOT NULL`,
  ];
  const comment = "airq hourly measurements per series; primary key (timeseries_id, " +
    "timestamp_ms), not enforced: each load replaces whole dates";
  return `CREATE TABLE IF NOT EXISTS ${quoteTableName(name)} (\n${
    lines.join(",\n")
  }\n) COMMENT = '${comment}'`;
}

/**
 * The stage folder of one date's partition: `@DB.SCHEMA.%TABLE/airq/date=D/<sha16>/`. The
 * names are valid unquoted identifiers stored upper-case, so the unquoted form is exact.
 */
export function stageFolder(name: TableName, date: string, sha256: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Invalid date: "${date}"`);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError(`Invalid sha256: "${sha256}"`);
  const stage = [name.database, name.schema, `%${name.table}`].join(".").toUpperCase();
  return `@${stage}/airq/date=${date}/${sha256.slice(0, 16)}/`;
}

/** `PUT 'file://<path>' <folder>`: upload a local file as is (it is Parquet, compressed). */
export function putSql(localPath: string, folder: string): string {
  if (!localPath.startsWith("/") || /['\\\s]/.test(localPath)) {
    throw new RangeError(`Invalid file to PUT: "${localPath}"`);
  }
  return `PUT 'file://${localPath}' ${folder} AUTO_COMPRESS = FALSE OVERWRITE = TRUE`;
}

/**
 * `COPY INTO` the table from one stage folder: the columns cast from the Parquet row, then
 * `loaded_at`; FORCE (a reload of the same file is wanted after a DELETE) and PURGE.
 */
export function copyIntoSql(name: TableName, folder: string, loadedAt: string): string {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/.test(loadedAt)) {
    throw new RangeError(`Invalid loaded_at: "${loadedAt}"`);
  }
  const cols = [...HOURLY_COLUMNS.map((c) => c.name), "loaded_at"].map(quoteIdentifier);
  const exprs = [...HOURLY_COLUMNS.map((c) => c.from), `'${loadedAt}'::TIMESTAMP_NTZ`];
  return `COPY INTO ${quoteTableName(name)} (${cols.join(", ")})\n` +
    `FROM (SELECT ${exprs.join(", ")}\n      FROM ${folder})\n` +
    `FILE_FORMAT = (TYPE = PARQUET USE_LOGICAL_TYPE = TRUE) FORCE = TRUE PURGE = TRUE`;
}

/** Rows loaded according to COPY's answer (one row per file); NaN when it has none. */
export function rowsLoaded(rows: Record<string, unknown>[]): number {
  if (rows.length === 0) return NaN;
  let n = 0;
  for (const r of rows) {
    const status = String(r.status ?? r.STATUS ?? "");
    const loaded = Number(r.rows_loaded ?? r.ROWS_LOADED);
    if (!/^LOADED$/i.test(status) || !Number.isSafeInteger(loaded)) return NaN;
    n += loaded;
  }
  return n;
}
