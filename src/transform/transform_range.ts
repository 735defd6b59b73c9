/**
 * Transform a range of days in passes of up to DAYS_PER_PASS consecutive days: each day of a
 * pass is read and gets its hourly table, then one DuckDB-WASM query aggregates all of them,
 * then each day's two Parquet files are written and published. Passes run in this thread
 * one after the other, or with `workers` in N Deno Workers (one pass at a time each, handed
 * out in date order; the workers do all but the aggregate, which this thread's one
 * DuckDB-WASM runs for every pass). A failed day does not stop the others and leaves its partitions as they
 * were. A day whose partitions were built from the current raw manifest is skipped unless
 * `force`.
 */
import { StoreUnreachableError } from "../errors.ts";
import { logStopped } from "../log/log_stopped.ts";
import type { Logger } from "../log/logger.ts";
import type { ArrowTable, DuckDb } from "../duckdb.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { type AggregateDays, localAggregate } from "./aggregate_day.ts";
import type { DayReport } from "./day_report.ts";
import { prepareDay, type PreparedDay, publishDay } from "./transform_day.ts";
import { DAYS_PER_PASS } from "./config.ts";
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

/** Options of transformDays(). */
export interface DaysOptions {
  timezone: string;
  force?: boolean;
  /** Where the days' one aggregate pass runs (this thread's DuckDB, or the main thread's). */
  aggregate: AggregateDays;
  /** Called once before the first day is read (starts DuckDB-WASM so that it overlaps). */
  warm?: () => void;
  /** Called with each day's final report (in any order). */
  onReport?: (report: DayReport) => void;
  clock: () => number;
}

function failedReport(date: string, ms: number, error: unknown): DayReport {
  return {
    status: "failed",
    date,
    duration_ms: Math.round(ms),
    error: error instanceof Error ? error.message : String(error),
    ...(error instanceof StoreUnreachableError ? { lake_unreachable: true as const } : {}),
  };
}

/**
 * Transform (or skip) `dates`, the days that need it with one aggregate pass; never throws:
 * a failure is a "failed" report of its day (a failed pass fails the days in it). Reports in
 * date order. After a day whose lake was unreachable while reading, the later dates are not
 * started and have no report. A day's duration_ms is its own work plus its share of the pass.
 */
export async function transformDays(
  store: ObjectStore,
  dates: string[],
  options: DaysOptions,
): Promise<DayReport[]> {
  const { timezone, clock } = options;
  const reports: DayReport[] = [];
  const report = (r: DayReport) => {
    options.onReport?.(r);
    return r;
  };
  const prepared: { index: number; day: PreparedDay; ms: number }[] = [];
  for (const date of dates) {
    const t0 = clock();
    try {
      if (!options.force && await partitionsUpToDate(store, date, { timezone })) {
        reports.push(report({ status: "skipped", date, duration_ms: Math.round(clock() - t0) }));
        continue;
      }
      if (prepared.length === 0) options.warm?.();
      const day = await prepareDay(store, date, { timezone });
      prepared.push({ index: reports.length, day, ms: clock() - t0 });
      reports.push(undefined as unknown as DayReport); // filled after the pass
    } catch (error) {
      const failed = report(failedReport(date, clock() - t0, error));
      reports.push(failed);
      if (failed.status === "failed" && failed.lake_unreachable) break;
    }
  }
  if (prepared.length === 0) return reports;
  const t0 = clock();
  let tables: ArrowTable[] | undefined;
  let passError: unknown;
  try {
    tables = await options.aggregate(prepared.map((p) => p.day.aggregateInput));
  } catch (error) {
    passError = error;
  }
  const share = (clock() - t0) / prepared.length;
  for (const [k, p] of prepared.entries()) {
    const t1 = clock();
    const ms = () => p.ms + share + clock() - t1;
    try {
      if (tables === undefined) throw passError;
      const summary = await publishDay(store, p.day, tables[k]!);
      reports[p.index] = report({ status: "ok", ...summary, duration_ms: Math.round(ms()) });
    } catch (error) {
      reports[p.index] = report(failedReport(p.day.date, ms(), error));
    }
  }
  return reports;
}

/** The dates in runs of consecutive dates of up to `size`, each run one aggregate pass. */
export function passesOf(dates: string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < dates.length; i += size) out.push(dates.slice(i, i + size));
  return out;
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
  const unreachable = (d: DayReport) => d.status === "failed" && d.lake_unreachable === true;
  if (workers !== undefined && workers.count > 1 && dates.length > 1) {
    // Every worker gets work: a short range is cut into smaller passes.
    const size = Math.min(DAYS_PER_PASS, Math.ceil(dates.length / workers.count));
    // This thread is one of the lanes: one isolate fewer than a worker per lane.
    const local = localAggregate(options.db);
    days = await runInWorkers(passesOf(dates, size), {
      ...workers,
      timezone,
      force: options.force ?? false,
    }, {
      clock,
      done,
      aggregate: local.aggregate,
      local: async (pass, onReport) => {
        await transformDays(store, pass, { ...options, ...local, timezone, clock, onReport });
      },
    });
  } else {
    days = [];
    const local = localAggregate(options.db);
    for (const pass of passesOf(dates, DAYS_PER_PASS)) {
      // day_done as soon as a day is final, in date order (a skipped day waits for the
      // prepared days before it).
      const final = new Map<string, DayReport>();
      let next = 0;
      const onReport = (r: DayReport) => {
        final.set(r.date, r);
        while (next < pass.length && final.has(pass[next]!)) done(final.get(pass[next++]!)!);
      };
      const reports = await transformDays(store, pass, {
        ...options,
        ...local,
        timezone,
        clock,
        onReport,
      });
      days.push(...reports);
      if (reports.length < pass.length || reports.some(unreachable)) break;
    }
  }
  if (days.some(unreachable)) {
    const reported = new Set(days.map((d) => d.date));
    logStopped(log, "transform", dates.filter((d) => !reported.has(d)));
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
