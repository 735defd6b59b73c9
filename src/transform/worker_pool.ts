/**
 * Days in Deno Workers: `count` lanes, each with one worker that transforms one day at a
 * time; the next date goes to the first free lane, in date order. A worker has no
 * DuckDB-WASM of its own: it posts each day's aggregate input here, and `aggregate` (this
 * thread's one DuckDB) answers. A worker that crashes fails its day, is terminated and
 * replaced for the next day. A day that finds the lake unreachable stops handing out dates:
 * the days already started finish.
 */
import { type AggregateDay, type AggregateMessage, fromMessage } from "./aggregate_day.ts";
import { arrow } from "../duckdb.ts";
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

/** The message a worker gets for one day. */
export interface DayRequest extends Omit<DayWorkerSetup, "url"> {
  date: string;
  timezone: string;
  force: boolean;
}

/**
 * Transform `dates` in workers; reports in date order, `done` called in date order too.
 * After a day whose lake was unreachable, only the days already started are reported.
 */
export async function runInWorkers(
  dates: string[],
  options: { count: number; timezone: string; force: boolean } & DayWorkerSetup,
  hooks: { clock: () => number; done: (report: DayReport) => void; aggregate: AggregateDay },
): Promise<DayReport[]> {
  const { count, url = new URL("./day_worker.ts", import.meta.url), ...setup } = options;
  const reports: DayReport[] = new Array(dates.length);
  let next = 0;
  // day_done goes out in date order: a day finished early waits for the days before it.
  let reported = 0;
  const lane = async () => {
    let worker: Worker | undefined;
    try {
      while (next < dates.length) {
        const index = next++;
        const date = dates[index]!;
        const t0 = hooks.clock();
        worker ??= new Worker(url, { type: "module" });
        const answer = await ask(worker, { ...setup, date }, hooks.aggregate);
        let report: DayReport;
        if ("crash" in answer) {
          worker.terminate();
          worker = undefined;
          report = {
            status: "failed",
            date,
            duration_ms: Math.round(hooks.clock() - t0),
            error: `Cannot transform ${date}: the worker crashed: ${answer.crash}`,
          };
        } else {
          report = answer.report;
        }
        if (report.status === "failed" && report.lake_unreachable) next = dates.length;
        reports[index] = report;
        while (reports[reported] !== undefined) hooks.done(reports[reported++]!);
      }
    } finally {
      worker?.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, dates.length) }, lane));
  return reports.slice(0, reported);
}

/** What a worker posts: a day's aggregate input, or the day's report. */
export type WorkerMessage = { aggregate: AggregateMessage } | DayReport;

/** What a worker gets back for an aggregate: the table as IPC bytes, or the error. */
export type AggregateAnswer = { ipc: Uint8Array } | { error: string };

/**
 * Send one day to `worker`, answering its aggregate request on the way; its report, or the
 * crash message when it died instead.
 */
function ask(
  worker: Worker,
  request: DayRequest,
  aggregate: AggregateDay,
): Promise<{ report: DayReport } | { crash: string }> {
  return new Promise((resolve) => {
    worker.onmessage = async (e: MessageEvent<WorkerMessage>) => {
      if (!("aggregate" in e.data)) return resolve({ report: e.data });
      let answer: AggregateAnswer;
      try {
        const table = await aggregate(fromMessage(e.data.aggregate));
        answer = { ipc: arrow.tableToIPC(table, "stream") };
      } catch (error) {
        answer = { error: error instanceof Error ? error.message : String(error) };
      }
      worker.postMessage(answer);
    };
    worker.onmessageerror = () => resolve({ crash: "its answer could not be read" });
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      resolve({ crash: e.message });
    };
    worker.postMessage(request);
  });
}
