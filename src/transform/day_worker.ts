/**
 * The Deno Worker of a multi-day transform (worker_pool.ts): for each PassRequest it
 * transforms (or skips) the pass's days with this worker's lake store (transformDays), posts
 * each day's report as soon as it is final, then the pass's end. It starts no DuckDB-WASM:
 * the pass's aggregate input goes to the main thread, whose DuckDB answers with one
 * aggregate table per day (Arrow IPC both ways).
 */
import type { ObjectStore } from "../lake/object_store.ts";
import { openStore } from "../lake/open_store.ts";
import { type AggregateDays, ipc, toMessage } from "./aggregate_day.ts";
import { transformDays } from "./transform_range.ts";
import type { AggregateAnswer, PassRequest, WorkerMessage } from "./worker_pool.ts";
import type { DayReport } from "./day_report.ts";

let store: Promise<ObjectStore> | undefined;

/** Transform one requested pass; never throws (a failure is a "failed" report). */
export async function handlePass(
  request: PassRequest,
  post: (message: WorkerMessage) => void,
): Promise<void> {
  const clock = () => performance.now();
  const t0 = clock();
  const reported = new Set<string>();
  const onReport = (report: DayReport) => {
    reported.add(report.date);
    post({ report });
  };
  try {
    store ??= openStore(request.lake, { env: request.env, cwd: request.cwd });
    await transformDays(await store, request.dates, {
      timezone: request.timezone,
      force: request.force,
      aggregate: mainThreadAggregate,
      onReport,
      clock,
    });
  } catch (error) {
    store = undefined;
    for (const date of request.dates.filter((d) => !reported.has(d))) {
      onReport({
        status: "failed",
        date,
        duration_ms: Math.round(clock() - t0),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  post({ passDone: true });
}

/** The worker's scope, typed for what is used here. */
export const workerScope = self as unknown as {
  onmessage: ((e: MessageEvent<PassRequest | AggregateAnswer>) => void) | null;
  postMessage(message: unknown): void;
};

/** The answer to the aggregate request in flight (one pass at a time, so at most one). */
let pending: ((answer: AggregateAnswer) => void) | undefined;

/** Has the main thread's DuckDB aggregate the pass. */
const mainThreadAggregate: AggregateDays = (inputs) =>
  new Promise((resolve, reject) => {
    pending = (answer) => {
      pending = undefined;
      if ("error" in answer) reject(new Error(answer.error));
      else resolve(answer.ipc.map(ipc.decode));
    };
    workerScope.postMessage({ aggregate: inputs.map(toMessage) });
  });

/** Route a message: an aggregate answer to the pass waiting for it, a pass to `handle`. */
export function onMessage(
  message: PassRequest | AggregateAnswer,
  handle: (request: PassRequest) => void,
): void {
  if ("ipc" in message || "error" in message) pending?.(message);
  else handle(message);
}

workerScope.onmessage = (e) =>
  onMessage(e.data, (request) => handlePass(request, (m) => workerScope.postMessage(m)));
