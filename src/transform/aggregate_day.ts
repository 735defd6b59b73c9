/**
 * The aggregate of one or more days in DuckDB-WASM, in one pass: each day's series metadata
 * and kept hourly values (hourly_table.ts) go in as Arrow, tagged with the day's position,
 * aggregateSql() runs once, the result is split back into one table per day and the input
 * tables are dropped. One pass for several days costs about a third of one pass per day
 * (bench/RESULTS.md). Also the same step as Arrow IPC bytes, so a Deno Worker without a DuckDB
 * of its own can have the main thread's DuckDB run it (worker_pool.ts, day_worker.ts).
 */
import type * as ArrowTypes from "apache-arrow";
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

/** Runs the aggregate of some days somewhere (this thread's DuckDB, or the main thread's). */
export type AggregateDays = (inputs: AggregateInput[]) => Promise<ArrowTable[]>;

/** An AggregateInput as Arrow IPC stream bytes (what a worker posts). */
export interface AggregateMessage {
  series: Uint8Array;
  obs: Uint8Array;
  day: SqlDay;
}

/** The column that tells the days of a pass apart (not a column of the clean table). */
const DAY_INDEX = "day_index";

/** The tables of `inputs`, each row tagged with its day's position, as one table. */
function tagged(tables: ArrowTable[]): ArrowTable {
  const each = tables.map((table, i) =>
    table.assign(
      new arrow.Table({ [DAY_INDEX]: arrow.makeVector(new Int32Array(table.numRows).fill(i)) }),
    )
  );
  return new arrow.Table(each[0]!.schema, each.flatMap((t) => t.batches));
}

/** The rows of `table` whose day_index is `index`, without that column (rows sorted by it). */
function dayRows(table: ArrowTable, days: number): ArrowTable[] {
  const index = table.getChild(DAY_INDEX)!;
  const names = table.schema.fields.map((f) => f.name).filter((n) => n !== DAY_INDEX);
  const out: ArrowTable[] = [];
  let at = 0;
  for (let day = 0; day < days; day++) {
    let end = at;
    while (end < table.numRows && index.get(end) === day) end++;
    out.push(oneBatch(table.slice(at, end).select(names)));
    at = end;
  }
  return out;
}

/**
 * `table` as a single record batch, as DuckDB hands out a result of up to 2048 rows (a day's
 * aggregate has one row per series): the Parquet writer then sees the batches it saw when
 * each day had its own query, so the bytes stay the same.
 */
function oneBatch(table: ArrowTable): ArrowTable {
  if (table.batches.length <= 1) return table;
  const children = table.schema.fields.map((f) => {
    const column = table.getChild(f.name)!;
    return arrow.vectorFromArray(Array.from(column), f.type).data[0]!;
  });
  const type = new arrow.Struct(table.schema.fields);
  const data = arrow.makeData({ type, length: table.numRows, nullCount: 0, children });
  return new arrow.Table([new arrow.RecordBatch(table.schema, data)]);
}

/**
 * Aggregate `inputs` in `db` in one pass; one table per input, in order (synchronous: no
 * other pass's tables can interleave).
 */
export function aggregateDays(db: DuckDb, inputs: AggregateInput[]): ArrowTable[] {
  if (inputs.length === 0) return [];
  db.insertArrow("series", tagged(inputs.map((x) => x.series)));
  db.insertArrow("obs", tagged(inputs.map((x) => x.obs)));
  try {
    return dayRows(db.query(aggregateSql(inputs.map((x) => x.day))), inputs.length);
  } finally {
    for (const t of ["series", "obs"]) db.query(`DROP TABLE IF EXISTS ${t}`);
  }
}

/**
 * Aggregate passes in the DuckDB that `db()` opens: `warm()` starts it early (so that its
 * compile overlaps the reading of the first day), `aggregate` awaits it. A failed start is
 * tried again at the next pass.
 */
export function localAggregate(
  db: () => Promise<DuckDb>,
): { aggregate: AggregateDays; warm: () => void } {
  let started: Promise<DuckDb> | undefined;
  const start = () => {
    const pending = started ??= db();
    pending.catch(() => {
      if (started === pending) started = undefined;
    });
    return pending;
  };
  return {
    warm: () => void start(),
    aggregate: async (inputs) => inputs.length === 0 ? [] : aggregateDays(await start(), inputs),
  };
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

/** A table as IPC bytes and back (what crosses between threads). */
export const ipc = {
  encode: (table: ArrowTable): Uint8Array => arrow.tableToIPC(table, "stream"),
  decode: (bytes: Uint8Array): ArrowTable => arrow.tableFromIPC(bytes) as ArrowTypes.Table,
};
