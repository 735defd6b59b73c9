/**
 * Transform one raw day into its two clean partitions: read and verify the raw day, build
 * the hourly table in TypeScript (hourly_table.ts), load its values into DuckDB as Arrow
 * and aggregate them in SQL, encode Parquet, publish hourly then aggregate. Nothing in
 * clean/ is touched unless the whole raw day is valid.
 */
import type { DuckDb } from "../duckdb.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { type Selection, selectionOf } from "../lake/selection.ts";
import { writeParquet } from "../parquet.ts";
import { type AggregateDay, localAggregate } from "./aggregate_day.ts";
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

/** Options of transformDay(): the DuckDB to aggregate in, or where to send the aggregate. */
export type TransformDayOptions =
  & { timezone: string }
  & ({
    /**
     * The DuckDB, or its pending start: awaited only once the raw day is read and parsed, so
     * DuckDB-WASM's compile overlaps the reading (≈ 40 ms of a one-day run, bench/RESULTS.md).
     */
    db: DuckDb | Promise<DuckDb>;
  } | {
    /** Aggregates elsewhere (a worker asks the main thread's DuckDB). */
    aggregate: AggregateDay;
  });

/** Transform raw day `date` of `store` and publish both clean partitions. */
export async function transformDay(
  store: ObjectStore,
  date: string,
  options: TransformDayOptions,
): Promise<DaySummary> {
  const raw = await readRawDay(store, date, { timezone: options.timezone });
  const w = raw.window;
  const sqlDay = { startMs: w.startMs, endMs: w.endMs, hours: w.hours, timezone: w.timezone };
  const { hourly, obs, counts } = hourlyDay(raw);
  const aggregateOf = "aggregate" in options ? options.aggregate : localAggregate(options.db);
  const aggregate = await aggregateOf({ series: seriesTable(raw.series), obs, day: sqlDay });
  let invalidAggregates = 0;
  for (const valid of aggregate.getChild("is_valid") ?? []) {
    if (valid === false) invalidAggregates++;
  }
  const hourlyBytes = writeParquet(withAnalysisColumns(hourly, { date, hourly: true }));
  const aggregateBytes = writeParquet(withAnalysisColumns(aggregate, { date, hourly: false }));

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
    ...counts,
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
