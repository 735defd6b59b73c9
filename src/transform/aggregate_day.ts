/**
 * The aggregate of one day in DuckDB-WASM: the day's series metadata and kept hourly values
 * (hourly_table.ts) go in as Arrow, aggregateSql() runs, the tables are dropped again. Also
 * the same step as Arrow IPC bytes, so a Deno Worker without a DuckDB of its own can have
 * the main thread's DuckDB run it (worker_pool.ts, day_worker.ts).
 */
import { arrow, type ArrowTable, type DuckDb } from "../duckdb.ts";
import { aggregateSql, type SqlDay } from "./sql.ts";

/** What the aggregate of a day needs. */
export interface AggregateInput {
  /** series(timeseries_id, station_id, …): input_tables.ts seriesTable(). */
  series: ArrowTable;
  /** obs(timeseries_id, timestamp_ms, value): hourly_table.ts. */
  obs: ArrowTable;
  day: SqlDay;
}

/** Runs the aggregate of one day somewhere: this thread's DuckDB, or the main thread's. */
export type AggregateDay = (input: AggregateInput) => Promise<ArrowTable>;

/** An AggregateInput as Arrow IPC stream bytes (what a worker posts). */
export interface AggregateMessage {
  series: Uint8Array;
  obs: Uint8Array;
  day: SqlDay;
}

/** Aggregate one day in `db` (synchronous: no other day's tables can interleave). */
export function aggregateDay(db: DuckDb, input: AggregateInput): ArrowTable {
  db.insertArrow("series", input.series);
  db.insertArrow("obs", input.obs);
  try {
    return db.query(aggregateSql(input.day));
  } finally {
    for (const t of ["series", "obs"]) db.query(`DROP TABLE IF EXISTS ${t}`);
  }
}

/** An AggregateDay on the DuckDB `db` resolves to (awaited at the first day). */
export function localAggregate(db: DuckDb | Promise<DuckDb>): AggregateDay {
  return async (input) => aggregateDay(await db, input);
}

/** The input as IPC bytes. */
export function toMessage(input: AggregateInput): AggregateMessage {
  return {
    series: arrow.tableToIPC(input.series, "stream"),
    obs: arrow.tableToIPC(input.obs, "stream"),
    day: input.day,
  };
}

/** The input back from IPC bytes. */
export function fromMessage(message: AggregateMessage): AggregateInput {
  return {
    series: arrow.tableFromIPC(message.series),
    obs: arrow.tableFromIPC(message.obs),
    day: message.day,
  };
}
