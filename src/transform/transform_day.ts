/**
 * Transform one raw day into its two clean partitions: read and verify the raw day,
 * load it into DuckDB as Arrow, run the SQL, encode Parquet, publish hourly then
 * aggregate. Nothing in clean/ is touched unless the whole raw day is valid.
 */
import type { DuckDb } from "../duckdb.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { type Selection, selectionOf } from "../lake/selection.ts";
import { writeParquet } from "../parquet.ts";
import { withAnalysisColumns } from "./analysis_columns.ts";
import { inputTables } from "./input_tables.ts";
import { publishPartition } from "../lake/publish_partition.ts";
import { readRawDay } from "./raw_day.ts";
import { aggregateSql, hourlySql, observationsSql, statsSql } from "./sql.ts";

/** The summary of one transformed day. */
export interface DaySummary {
  date: string;
  /** Values read from the raw files (including the stamp outside the day, duplicates…). */
  rows_in: number;
  /** Values stamped outside (D 00:00, D+1 00:00], e.g. the inclusive window start. */
  outside_day: number;
  /** Repeated (series, stamp) pairs dropped. */
  duplicates: number;
  /** Hourly rows whose value is NULL because the API sent null / "NaN" / a sentinel. */
  null_values: number;
  nan_values: number;
  sentinel_values: number;
  hourly_rows: number;
  aggregate_rows: number;
  /** Aggregate rows with is_valid = false (coverage below 75 %). */
  invalid_aggregates: number;
  /** Series of the raw day's manifest: the aggregate rows expected. */
  series: number;
  expected_count: number;
  bytes_read: number;
  bytes_written: number;
  /** Keys of the published Parquet files. */
  files: string[];
  /** The selection the raw day was ingested with (phenomena, near). */
  selection: Selection;
  /** Claims of stations.json ignored by the first-claim rule; absent when none. */
  conflicts?: string[];
  /** Foreign objects found in the clean partitions and left alone; absent when none. */
  foreign_objects?: string[];
}

/** Options of transformDay(). */
export interface TransformDayOptions {
  timezone: string;
  /**
   * The DuckDB, or its pending start: awaited only once the raw day is read and parsed, so
   * DuckDB-WASM's compile overlaps the reading (≈ 40 ms of a one-day run, bench/RESULTS.md).
   */
  db: DuckDb | Promise<DuckDb>;
}

/** Transform raw day `date` of `store` and publish both clean partitions. */
export async function transformDay(
  store: ObjectStore,
  date: string,
  options: TransformDayOptions,
): Promise<DaySummary> {
  const raw = await readRawDay(store, date, { timezone: options.timezone });
  const w = raw.window;
  const sqlDay = { startMs: w.startMs, endMs: w.endMs, hours: w.hours, timezone: w.timezone };
  const input = inputTables(raw);
  const db = await options.db;
  db.insertArrow("raw_obs", input.raw_obs);
  db.insertArrow("series", input.series);
  db.insertArrow("stamps", input.stamps);
  db.query(observationsSql(sqlDay));
  const hourly = db.query(hourlySql());
  const aggregate = db.query(aggregateSql(sqlDay));
  const stats = db.rows(statsSql(sqlDay))[0]!;
  let invalidAggregates = 0;
  for (const valid of aggregate.getChild("is_valid") ?? []) {
    if (valid === false) invalidAggregates++;
  }
  const hourlyBytes = writeParquet(withAnalysisColumns(hourly, { date, hourly: true }));
  const aggregateBytes = writeParquet(withAnalysisColumns(aggregate, { date, hourly: false }));
  for (const t of ["raw_obs", "series", "stamps", "obs"]) db.query(`DROP TABLE IF EXISTS ${t}`);

  const selection = selectionOf(raw.manifest);
  const source = { sourceManifestSha256: raw.manifestSha256, selection };
  const a = await publishPartition(
    store,
    { table: "measurements_hourly", date },
    hourlyBytes,
    { ...source, rows: hourly.numRows },
  );
  const b = await publishPartition(
    store,
    { table: "aggregate_station_by_day", date },
    aggregateBytes,
    { ...source, rows: aggregate.numRows },
  );
  return {
    date,
    rows_in: Number(stats.rows_in),
    outside_day: Number(stats.outside_day),
    duplicates: Number(stats.duplicates),
    null_values: Number(stats.null_values),
    nan_values: Number(stats.nan_values),
    sentinel_values: Number(stats.sentinel_values),
    hourly_rows: hourly.numRows,
    aggregate_rows: aggregate.numRows,
    invalid_aggregates: invalidAggregates,
    series: raw.series.length,
    expected_count: w.hours,
    bytes_read: raw.bytesRead,
    bytes_written: a.bytesWritten + b.bytesWritten,
    files: [a.marker.files[0]!.key, b.marker.files[0]!.key],
    selection,
    ...(raw.conflicts.length > 0 ? { conflicts: raw.conflicts } : {}),
    ...(a.foreign.length + b.foreign.length > 0
      ? { foreign_objects: [...a.foreign, ...b.foreign] }
      : {}),
  };
}
