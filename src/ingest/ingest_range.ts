/**
 * Ingest of a range of days. The days overlap: up to `--concurrency` requests are in flight
 * across days (one shared limiter), with a bounded number of days open at once. Each day is
 * written only when all of its answers are in, so days may complete in any order (their
 * `day_done` events still come in date order, as does the summary's list); a failed
 * day does not stop the others and leaves its folder in its previous state (no new
 * manifest). A day that is already complete (see complete_day.ts) is skipped unless
 * `--force` or it lies in the lookback window, where late values and corrections are
 * fetched again.
 */
import { redactUserInfo, StoreUnreachableError } from "../errors.ts";
import { logStopped } from "../log/log_stopped.ts";
import type { ClientStats, IrcelineClient } from "../irceline/client.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { inLookbackWindow } from "../time/run_dates.ts";
import { incompleteReason, NO_MANIFEST } from "./complete_day.ts";
import { selectionConflictError, selectionConflicts } from "./selection_conflicts.ts";
import type { IngestConfig } from "./config.ts";
import type { Logger } from "../log/logger.ts";
import { fetchDay } from "./fetch_day.ts";
import { createLimiter, type Limiter, mapPool } from "../pool.ts";
import { writeDay } from "./write_day.ts";

/** The outcome of one day. */
export interface DayReport {
  date: string;
  status: "ok" | "failed" | "skipped";
  stations: number;
  series: number;
  values: number;
  bytes: number;
  written: number;
  unchanged: number;
  /** Requested phenomena without any series (reported, not an error). */
  phenomena_without_series: number[];
  requests: number;
  retries: number;
  errors: string[];
  /** Set when the lake's store did not answer: the run stops its remaining days. */
  lake_unreachable?: true;
}

/** The final summary of a run (also logged as the `summary` event). */
export interface IngestSummary {
  ok: boolean;
  lake: string;
  /** Largest daily number of stations and selected series. */
  stations: number;
  series: number;
  /** Totals over all days. */
  values: number;
  bytes: number;
  requests: number;
  retries: number;
  duration_ms: number;
  days: { date: string; status: DayReport["status"] }[];
}

/** Options of ingestRange(). */
export interface IngestRangeOptions {
  store: ObjectStore;
  client: IrcelineClient;
  log: Logger;
  now: () => Temporal.Instant;
}

const EMPTY = { stations: 0, series: 0, values: 0, bytes: 0, written: 0, unchanged: 0 };

/**
 * Days open at once per allowed request: while one day waits for its discovery answer or
 * writes its files, the others keep the requests in flight. Bounds the answers held in
 * memory to a few days.
 */
const DAYS_PER_REQUEST_SLOT = 2;

/** The client as one day sees it: the shared client, counting only this day's requests. */
function dayClient(client: IrcelineClient): IrcelineClient {
  const counts: ClientStats = { requests: 0, retries: 0 };
  return { send: (request) => client.send(request, counts), stats: () => ({ ...counts }) };
}

async function ingestOne(
  date: string,
  config: IngestConfig,
  options: IngestRangeOptions & { limiter: Limiter },
): Promise<DayReport> {
  const { log, now } = options;
  const client = dayClient(options.client);
  const startedAt = now();
  const stats = client.stats;
  try {
    if (!config.force && !inLookbackWindow(date, config.run, config.lookbackDays)) {
      const reason = await incompleteReason(options.store, date, config);
      if (reason === undefined) {
        return {
          date,
          status: "skipped",
          ...EMPTY,
          phenomena_without_series: [],
          ...stats(),
          errors: [],
        };
      }
      if (reason !== NO_MANIFEST) log("day_redo", { date, reason });
    }
    const day = await fetchDay(date, { ...config, client, limiter: options.limiter, log });
    const missingPhenomena = Object.entries(day.selection.found).filter(([, n]) => n === 0)
      .map(([id]) => Number(id));
    const base = {
      date,
      stations: day.selection.stations,
      series: day.selection.series.length,
      values: day.values,
      bytes: day.files.reduce((n, f) => n + f.bytes, 0),
      phenomena_without_series: missingPhenomena,
    };
    if (day.selection.series.length === 0) {
      const where = config.near === null
        ? ""
        : ` near ${config.near.lon},${config.near.lat} within ${config.near.km} km`;
      const error = `Cannot ingest ${date}: none of the requested phenomena ` +
        `(${config.phenomena.join(",")}) has a series at "${
          redactUserInfo(config.apiUrl)
        }"${where}: check ` +
        `--phenomena (IRCEL ids: 5 PM10, 6001 PM2.5, 8 NO2, 7 O3, 1 SO2, 71 CO2)` +
        `${config.near === null ? "" : " and --near"}`;
      return { ...base, status: "failed", written: 0, unchanged: 0, ...stats(), errors: [error] };
    }
    if (day.errors.length > 0 || day.missing.length > 0) {
      const errors = [...day.errors];
      if (day.missing.length > 0) {
        errors.push(
          `Cannot ingest ${date}: ${day.missing.length} of ${base.series} series not fetched`,
        );
      }
      return { ...base, status: "failed", written: 0, unchanged: 0, ...stats(), errors };
    }
    const result = await writeDay(options.store, day, {
      apiUrl: config.apiUrl,
      near: config.near,
      phenomena: config.phenomena,
      concurrency: config.concurrency,
      log,
      run: () => ({
        started_at: startedAt.toString(),
        finished_at: now().toString(),
        ...stats(),
      }),
    });
    return {
      ...base,
      status: "ok",
      written: result.written,
      unchanged: result.unchanged,
      ...stats(),
      errors: [],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      date,
      status: "failed",
      ...EMPTY,
      phenomena_without_series: [],
      ...stats(),
      errors: [message],
      ...(error instanceof StoreUnreachableError ? { lake_unreachable: true as const } : {}),
    };
  }
}

/**
 * Ingest every date of the config; never throws for a failed day. Throws ConfigError before
 * fetching anything when a date is held with another selection and `--replace` is off.
 */
export async function ingestRange(
  config: IngestConfig,
  options: IngestRangeOptions,
): Promise<{ summary: IngestSummary; days: DayReport[] }> {
  const { log, now, store } = options;
  const started = now();
  const selection = { phenomena: config.phenomena, near: config.near };
  if (!config.replace) {
    const conflicts = await selectionConflicts(store, config.dates, selection);
    if (conflicts.length > 0) throw selectionConflictError(conflicts, selection);
  }
  log("start", {
    from: config.dates[0],
    to: config.dates.at(-1),
    days: config.dates.length,
    lookback_days: config.lookbackDays,
    force: config.force,
    replace: config.replace,
    ...(config.run.arrayIndex === undefined ? {} : { array_index: config.run.arrayIndex }),
    lake: store.location,
    api_url: redactUserInfo(config.apiUrl),
    timezone: config.timezone,
    phenomena: config.phenomena,
    near: config.near,
    concurrency: config.concurrency,
  });
  // One bound of in-flight requests for the whole range. Days complete (and are written) in
  // any order; day_done goes out in date order: a day done early waits for the days before.
  // A day that finds the lake unreachable stops the range: no further day starts.
  const limiter = createLimiter(config.concurrency);
  const openDays = config.concurrency * DAYS_PER_REQUEST_SLOT;
  const finished: (DayReport | undefined)[] = config.dates.map(() => undefined);
  let logged = 0;
  let unreachable = false;
  const begun: string[] = [];
  await mapPool(config.dates, openDays, async (date, index) => {
    if (unreachable) return;
    begun.push(date);
    log("day_start", { date });
    const report = await ingestOne(date, config, { ...options, limiter });
    if (report.lake_unreachable) unreachable = true;
    finished[index] = report;
    for (let next = finished[logged]; next !== undefined; next = finished[++logged]) {
      const { errors, ...fields } = next;
      if (next.status !== "failed") log("day_done", fields);
      else log("day_done", { ...fields, errors }, "error");
    }
  });
  const days = finished.filter((d): d is DayReport => d !== undefined);
  if (unreachable) logStopped(log, "ingest", config.dates.filter((d) => !begun.includes(d)));
  const summary: IngestSummary = {
    ok: days.every((d) => d.status !== "failed"),
    lake: store.location,
    stations: Math.max(0, ...days.map((d) => d.stations)),
    series: Math.max(0, ...days.map((d) => d.series)),
    values: days.reduce((n, d) => n + d.values, 0),
    bytes: days.reduce((n, d) => n + d.bytes, 0),
    requests: options.client.stats().requests,
    retries: options.client.stats().retries,
    duration_ms: now().epochMilliseconds - started.epochMilliseconds,
    days: days.map((d) => ({ date: d.date, status: d.status })),
  };
  log("summary", { ...summary }, summary.ok ? "info" : "error");
  return { summary, days };
}
