/**
 * Passes of days in `count` lanes: this thread (when it takes part) and Deno Workers, each
 * transforming one pass (a few consecutive days, transform_range.ts) at a time; the next
 * pass goes to the first free lane, in date order. A worker has no DuckDB-WASM of its own: it posts each
 * pass's aggregate input here, and `aggregate` (this thread's one DuckDB) answers. It posts
 * each day's report as soon as it is final. A worker that crashes fails the days of its pass
 * not reported yet, is terminated and replaced for the next pass. A day that finds the lake
 * unreachable stops handing out passes: the passes already started finish.
 */
import { type AggregateDays, type AggregateMessage, fromMessage, ipc } from "./aggregate_day.ts";
import type { DayReport } from "./day_report.ts";

/** What a worker needs to open the lake itself (the store cannot be passed). */
export interface DayWorkerSetup {
  /** The lake URI (file://… or s3://…), opened with openStore(). */
  lake: string;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The worker module; default ./day_worker.ts (tests pass their own). */
  url?: URL;
}

/** The message a worker gets for one pass. */
export interface PassRequest extends Omit<DayWorkerSetup, "url"> {
  dates: string[];
  timezone: string;
  force: boolean;
}

/** What a worker posts: a pass's aggregate input, a day's report, or the pass's end. */
export type WorkerMessage =
  | { aggregate: AggregateMessage[] }
  | { report: DayReport }
  | { passDone: true };

/** What a worker gets back for an aggregate: one table per day as IPC bytes, or the error. */
export type AggregateAnswer = { ipc: Uint8Array[] } | { error: string };

/**
 * Transform `passes` in workers; reports in date order, `done` called in date order too.
 * After a day whose lake was unreachable, only the days of the passes already started are
 * reported.
 */
export async function runInWorkers(
  passes: string[][],
  options: { count: number; timezone: string; force: boolean } & DayWorkerSetup,
  hooks: {
    clock: () => number;
    done: (report: DayReport) => void;
    aggregate: AggregateDays;
    /** Runs a pass in this thread: then this thread is one of the `count` lanes. */
    local?: (dates: string[], onReport: (report: DayReport) => void) => Promise<void>;
  },
): Promise<DayReport[]> {
  const { count, url = new URL("./day_worker.ts", import.meta.url), ...setup } = options;
  // One slot per date: a report, null for a date not run (after an unreachable lake).
  const reports: (DayReport | null | undefined)[][] = passes.map((p) => p.map(() => undefined));
  let next = 0;
  // day_done goes out in date order: a day finished early waits for the days before it.
  let flushed = 0;
  const flat = () => reports.flat();
  const flush = () => {
    const all = flat();
    while (flushed < all.length && all[flushed] !== undefined) {
      const r = all[flushed++];
      if (r) hooks.done(r);
    }
  };
  const lane = async (inThread: boolean) => {
    let worker: Worker | undefined;
    try {
      while (next < passes.length) {
        const index = next++;
        const dates = passes[index]!;
        const slots = reports[index]!;
        const t0 = hooks.clock();
        const onReport = (report: DayReport) => {
          const at = dates.indexOf(report.date);
          if (at >= 0) slots[at] = report;
          if (report.status === "failed" && report.lake_unreachable) next = passes.length;
          flush();
        };
        let crash: string | undefined;
        if (inThread) await hooks.local!(dates, onReport);
        else {
          worker ??= new Worker(url, { type: "module" });
          crash = await ask(worker, { ...setup, dates }, hooks.aggregate, onReport);
        }
        if (crash !== undefined) {
          worker?.terminate();
          worker = undefined;
          for (const [i, date] of dates.entries()) {
            slots[i] ??= {
              status: "failed",
              date,
              duration_ms: Math.round(hooks.clock() - t0),
              error: `Cannot transform ${date}: the worker crashed: ${crash}`,
            };
          }
        }
        // A pass cut short by an unreachable lake leaves its later dates not run.
        for (const [i] of dates.entries()) slots[i] ??= null;
        flush();
      }
    } finally {
      worker?.terminate();
    }
  };
  const lanes = Math.min(count, passes.length);
  await Promise.all(
    Array.from({ length: lanes }, (_, i) => lane(i === 0 && hooks.local !== undefined)),
  );
  return flat().filter((r): r is DayReport => r !== undefined && r !== null);
}

/**
 * Send one pass to `worker`, answering its aggregate request on the way and handing each
 * day's report to `onReport`; undefined when the pass ended, else the crash message.
 */
function ask(
  worker: Worker,
  request: PassRequest,
  aggregate: AggregateDays,
  onReport: (report: DayReport) => void,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    worker.onmessage = async (e: MessageEvent<WorkerMessage>) => {
      const message = e.data;
      if ("report" in message) return onReport(message.report);
      if ("passDone" in message) return resolve(undefined);
      let answer: AggregateAnswer;
      try {
        const tables = await aggregate(message.aggregate.map(fromMessage));
        answer = { ipc: tables.map(ipc.encode) };
      } catch (error) {
        answer = { error: error instanceof Error ? error.message : String(error) };
      }
      worker.postMessage(answer);
    };
    worker.onmessageerror = () => resolve("its answer could not be read");
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      resolve(e.message);
    };
    worker.postMessage(request);
  });
}
