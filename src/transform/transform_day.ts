/**
 * Transform one raw day into its two clean partitions, in two steps so that several days can
 * share one aggregate pass (transform_range.ts): prepareDay() reads and verifies the raw day
 * and builds the hourly table in TypeScript (hourly_table.ts); after the aggregate in DuckDB
 * (aggregate_day.ts), publishDay() encodes Parquet and publishes hourly then aggregate.
 * Nothing in clean/ is touched unless the whole raw day is valid.
 */
import type { ArrowTable, DuckDb } from "../duckdb.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { type Selection, selectionOf } from "../lake/selection.ts";
import { writeParquet } from "../parquet.ts";
import { aggregateDays, type AggregateInput } from "./aggregate_day.ts";
import { withAnalysisColumns } from "./analysis_columns.ts";
import { type HourlyCounts, hourlyDay } from "./hourly_table.ts";
import { seriesTable } from "./input_tables.ts";
import { publishPartition } from "../lake/publish_partition.ts";
import { readRawDay } from "./raw_day.ts";

/** The summary of one transformed day: the hourly table's counts, and what was written. */
export interface DaySummary extends HourlyCounts {
  date: string;
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

/** A raw day read, verified and turned into its hourly table: all but the aggregate. */
export interface PreparedDay {
  date: string;
  hourly: ArrowTable;
  counts: HourlyCounts;
  /** What the aggregate pass needs (aggregate_day.ts). */
  aggregateInput: AggregateInput;
  manifestSha256: string;
  selection: Selection;
  series: number;
  expectedCount: number;
  bytesRead: number;
  conflicts: string[];
}

/** Read, verify and parse raw day `date`, and build its hourly table; writes nothing. */
export async function prepareDay(
  store: ObjectStore,
  date: string,
  options: { timezone: string },
): Promise<PreparedDay> {
  const raw = await readRawDay(store, date, { timezone: options.timezone });
  const w = raw.window;
  const sqlDay = { startMs: w.startMs, endMs: w.endMs, hours: w.hours, timezone: w.timezone };
  const { hourly, obs, counts } = hourlyDay(raw);
  return {
    date,
    hourly,
    counts,
    aggregateInput: { series: seriesTable(raw.series), obs, day: sqlDay },
    manifestSha256: raw.manifestSha256,
    selection: selectionOf(raw.manifest),
    series: raw.series.length,
    expectedCount: w.hours,
    bytesRead: raw.bytesRead,
    conflicts: raw.conflicts,
  };
}

/** Encode both tables of a prepared day and publish them, hourly first. */
export async function publishDay(
  store: ObjectStore,
  day: PreparedDay,
  aggregate: ArrowTable,
): Promise<DaySummary> {
  const { date, hourly } = day;
  let invalidAggregates = 0;
  for (const valid of aggregate.getChild("is_valid") ?? []) {
    if (valid === false) invalidAggregates++;
  }
  const hourlyBytes = writeParquet(hourly);
  const aggregateBytes = writeParquet(withAnalysisColumns(aggregate, { date, hourly: false }));
  const source = { sourceManifestSha256: day.manifestSha256, selection: day.selection };
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
    ...day.counts,
    hourly_rows: hourly.numRows,
    aggregate_rows: aggregate.numRows,
    invalid_aggregates: invalidAggregates,
    series: day.series,
    expected_count: day.expectedCount,
    bytes_read: day.bytesRead,
    bytes_written: a.bytesWritten + b.bytesWritten,
    files: [a.marker.files[0]!.key, b.marker.files[0]!.key],
    selection: day.selection,
    ...(day.conflicts.length > 0 ? { conflicts: day.conflicts } : {}),
    ...(a.foreign.length + b.foreign.length > 0
      ? { foreign_objects: [...a.foreign, ...b.foreign] }
      : {}),
  };
}

/** Transform raw day `date` of `store` and publish both clean partitions. */
export async function transformDay(
  store: ObjectStore,
  date: string,
  options: TransformDayOptions,
): Promise<DaySummary> {
  const day = await prepareDay(store, date, options);
  const [aggregate] = aggregateDays(await options.db, [day.aggregateInput]);
  return await publishDay(store, day, aggregate!);
}
