/**
 * The Deno Worker of a multi-day transform (worker_pool.ts): for each DayRequest it
 * transforms (or skips) the day with this worker's lake store, and answers with the
 * DayReport. It starts no DuckDB-WASM: the day's aggregate input goes to the main thread,
 * whose DuckDB answers with the aggregate table (Arrow IPC both ways).
 */
import { arrow } from "../duckdb.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { openStore } from "../lake/open_store.ts";
import { type AggregateDay, toMessage } from "./aggregate_day.ts";
import { transformOneDay } from "./transform_range.ts";
import type { AggregateAnswer, DayRequest } from "./worker_pool.ts";
import type { DayReport } from "./day_report.ts";

let store: Promise<ObjectStore> | undefined;

/** Transform one requested day; never throws (a failure is a "failed" report). */
export async function handleDay(request: DayRequest): Promise<DayReport> {
  const clock = () => performance.now();
  const t0 = clock();
  try {
    store ??= openStore(request.lake, { env: request.env, cwd: request.cwd });
    return await transformOneDay(await store, request.date, {
      timezone: request.timezone,
      force: request.force,
      db: () => Promise.reject(new Error("Cannot start DuckDB-WASM in a worker")),
      aggregate: mainThreadAggregate,
      clock,
    });
  } catch (error) {
    store = undefined;
    return {
      status: "failed",
      date: request.date,
      duration_ms: Math.round(clock() - t0),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The worker's scope, typed for what is used here. */
export const workerScope = self as unknown as {
  onmessage: ((e: MessageEvent<DayRequest | AggregateAnswer>) => void) | null;
  postMessage(message: unknown): void;
};

/** The answer to the aggregate request in flight (one day at a time, so at most one). */
let pending: ((answer: AggregateAnswer) => void) | undefined;

/** Has the main thread's DuckDB aggregate the day. */
const mainThreadAggregate: AggregateDay = (input) =>
  new Promise((resolve, reject) => {
    pending = (answer) => {
      pending = undefined;
      if ("error" in answer) reject(new Error(answer.error));
      else resolve(arrow.tableFromIPC(answer.ipc));
    };
    workerScope.postMessage({ aggregate: toMessage(input) });
  });

/** Route a message: an aggregate answer to the day waiting for it, a day to handleDay(). */
export function onMessage(
  message: DayRequest | AggregateAnswer,
  handle: (request: DayRequest) => void,
): void {
  if ("ipc" in message || "error" in message) pending?.(message);
  else handle(message);
}

workerScope.onmessage = (e) =>
  onMessage(e.data, async (request) => workerScope.postMessage(await handleDay(request)));
