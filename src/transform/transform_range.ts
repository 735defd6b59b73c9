/**
 * Transform a range of days: in this thread one after the other, or with `workers` in N
 * Deno Workers (one day at a time each, days handed out in date order; the workers read,
 * build the hourly table and write Parquet, and this thread's one DuckDB-WASM runs every
 * day's aggregate). A failed day does not stop the others and leaves its partitions as they
 * were. A day whose partitions were built from the current raw manifest is skipped unless
 * `force`.
 */
import { StoreUnreachableError } from "../errors.ts";
import { logStopped } from "../log/log_stopped.ts";
import type { Logger } from "../log/logger.ts";
import type { DuckDb } from "../duckdb.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { type AggregateDay, aggregateDay } from "./aggregate_day.ts";
import type { DayReport } from "./day_report.ts";
import { transformDay } from "./transform_day.ts";
import { partitionsUpToDate } from "./up_to_date.ts";
import { type DayWorkerSetup, runInWorkers } from "./worker_pool.ts";

/** The final summary of a run (also logged as the `summary` event). */
export interface TransformSummary {
  ok: boolean;
  lake: string;
  timezone: string;
  days_ok: number;
  days_failed: number;
  days_skipped: number;
  rows_in: number;
  hourly_rows: number;
  aggregate_rows: number;
  bytes_written: number;
  duration_ms: number;
  days: { date: string; status: DayReport["status"] }[];
}

/** Options of transformRange(). */
export interface TransformRangeOptions {
  store: ObjectStore;
  timezone: string;
  /** Transform even the days whose partitions are up to date. */
  force?: boolean;
  /** The DuckDB to use (opened on the first day otherwise: openDuckDb). */
  db: () => Promise<DuckDb>;
  log: Logger;
  /** Monotonic milliseconds, for durations. */
  clock: () => number;
  /**
   * Run the days in `count` Deno Workers, each opening the lake `lake` itself. Used only
   * when `count` > 1 and there are 2 or more dates; `db` then only aggregates.
   */
  workers?: { count: number } & DayWorkerSetup;
}

/** Options of transformOneDay(). */
export interface OneDayOptions {
  timezone: string;
  force?: boolean;
  db: () => Promise<DuckDb>;
  /** Aggregate elsewhere instead of in `db` (a worker: in the main thread's DuckDB). */
  aggregate?: AggregateDay;
  clock: () => number;
}

/** Transform (or skip) one day; never throws: a failure is a "failed" report. */
export async function transformOneDay(
  store: ObjectStore,
  date: string,
  options: OneDayOptions,
): Promise<DayReport> {
  const { timezone, clock } = options;
  const t0 = clock();
  try {
    if (!options.force && await partitionsUpToDate(store, date, { timezone })) {
      return { status: "skipped", date, duration_ms: Math.round(clock() - t0) };
    }
    if (options.aggregate !== undefined) {
      const summary = await transformDay(store, date, { timezone, aggregate: options.aggregate });
      return { status: "ok", ...summary, duration_ms: Math.round(clock() - t0) };
    }
    // Started, not awaited: transformDay awaits it after reading the raw day, so the
    // first day's wasm compile overlaps the reading. A failed start still fails the day
    // there; the no-op catch only keeps a day refused earlier from leaving it unhandled.
    const db = options.db();
    db.catch(() => {});
    const summary = await transformDay(store, date, { timezone, db });
    return { status: "ok", ...summary, duration_ms: Math.round(clock() - t0) };
  } catch (error) {
    return {
      status: "failed",
      date,
      duration_ms: Math.round(clock() - t0),
      error: error instanceof Error ? error.message : String(error),
      ...(error instanceof StoreUnreachableError ? { lake_unreachable: true as const } : {}),
    };
  }
}

/** Transform every date; never throws for a failed day. */
export async function transformRange(
  dates: string[],
  options: TransformRangeOptions,
): Promise<{ summary: TransformSummary; days: DayReport[] }> {
  const { store, timezone, log, clock } = options;
  const started = clock();
  log("start", {
    from: dates[0],
    to: dates.at(-1),
    days: dates.length,
    lake: store.location,
    timezone,
  });
  // A day with conflicting claims in stations.json or foreign objects in its partitions is
  // done, with a warning naming them.
  const warn = (r: DayReport) => r.status === "ok" && (r.conflicts || r.foreign_objects);
  const level = (r: DayReport) => r.status === "failed" ? "error" : warn(r) ? "warn" : "info";
  const done = (report: DayReport) => log("day_done", { ...report }, level(report));
  let days: DayReport[];
  const workers = options.workers;
  if (workers !== undefined && workers.count > 1 && dates.length > 1) {
    days = await runInWorkers(dates, { ...workers, timezone, force: options.force ?? false }, {
      clock,
      done,
      aggregate: async (input) => aggregateDay(await options.db(), input),
    });
    if (days.some((d) => d.status === "failed" && d.lake_unreachable)) {
      logStopped(log, "transform", dates.slice(days.length));
    }
  } else {
    days = [];
    for (const [i, date] of dates.entries()) {
      const report = await transformOneDay(store, date, { ...options, timezone, clock });
      days.push(report);
      done(report);
      if (report.status === "failed" && report.lake_unreachable) {
        logStopped(log, "transform", dates.slice(i + 1));
        break;
      }
    }
  }
  const ok = days.filter((d) => d.status === "ok");
  const sum = (k: "rows_in" | "hourly_rows" | "aggregate_rows" | "bytes_written") =>
    ok.reduce((n, d) => n + d[k], 0);
  const summary: TransformSummary = {
    ok: days.every((d) => d.status !== "failed"),
    lake: store.location,
    timezone,
    days_ok: ok.length,
    days_failed: days.filter((d) => d.status === "failed").length,
    days_skipped: days.filter((d) => d.status === "skipped").length,
    rows_in: sum("rows_in"),
    hourly_rows: sum("hourly_rows"),
    aggregate_rows: sum("aggregate_rows"),
    bytes_written: sum("bytes_written"),
    duration_ms: Math.round(clock() - started),
    days: days.map((d) => ({ date: d.date, status: d.status })),
  };
  log("summary", { ...summary }, summary.ok ? "info" : "error");
  return { summary, days };
}
