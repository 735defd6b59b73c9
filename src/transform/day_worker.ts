/**
 * The Deno Worker of a multi-day transform (worker_pool.ts): for each DayRequest it
 * transforms (or skips) the day with this worker's own DuckDB-WASM and lake store, and
 * answers with the DayReport. DuckDB-WASM starts at the first request.
 */
import { openDuckDb } from "../duckdb.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { openStore } from "../lake/open_store.ts";
import { transformOneDay } from "./transform_range.ts";
import type { DayRequest } from "./worker_pool.ts";
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
      db: openDuckDb,
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
  onmessage: ((e: MessageEvent<DayRequest>) => void) | null;
  postMessage(message: unknown): void;
};

workerScope.onmessage = async (e) => workerScope.postMessage(await handleDay(e.data));
