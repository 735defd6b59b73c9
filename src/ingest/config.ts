/**
 * Configuration of `deno task ingest` from flags and env (flags win). Pure: the clock
 * and the working directory are passed in. Every problem is collected into one ConfigError.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../errors.ts";
import type { Near } from "../irceline/requests.ts";
import { type LakeUri, parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, dayWindow, parseDate, yesterday } from "../time/day_window.ts";
import { parseLookbackDays, planRunDates, type RunDates } from "../time/run_dates.ts";

/** The validated ingest configuration. */
export interface IngestConfig {
  /** Every date to ingest: `--date`..`--to` (or the array job's day) plus lookback days. */
  dates: string[];
  /** The planned dates (range, lookback, array index). */
  run: RunDates;
  /** Redo complete days too (`--force`). */
  force: boolean;
  lookbackDays: number;
  lake: string;
  lakeUri: LakeUri;
  apiUrl: string;
  timezone: string;
  phenomena: number[];
  near: Near | null;
  concurrency: number;
  chunkSize: number;
  timeoutMs: number;
  retries: number;
}

/** Defaults of the contract. */
export const INGEST_DEFAULTS = {
  lake: "file://./lake",
  apiUrl: "https://geo.irceline.be/sos/api/v1/",
  timezone: "Europe/Brussels",
  phenomena: "5,6001,8,71,1",
  concurrency: 4,
  chunkSize: 100,
  timeoutMs: 60_000,
  retries: 5,
} as const;

/** Options of readIngestConfig(). */
export interface ReadIngestConfigOptions {
  /** Now, for the default date (yesterday in the timezone). */
  now: Temporal.Instant;
  /** Working directory for relative file:// lakes. */
  cwd: string;
}

const FLAGS = {
  date: { type: "string" },
  to: { type: "string" },
  lake: { type: "string" },
  "api-url": { type: "string" },
  timezone: { type: "string" },
  phenomena: { type: "string" },
  near: { type: "string" },
  concurrency: { type: "string" },
  "chunk-size": { type: "string" },
  "timeout-ms": { type: "string" },
  retries: { type: "string" },
  force: { type: "boolean" },
  "lookback-days": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function intIn(name: string, raw: string, min: number, max: number, problems: string[]): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) {
    problems.push(`${name}: "${raw}" must be an integer from ${min} to ${max}`);
  }
  return n;
}

function phenomenaOf(source: string, raw: string, problems: string[]): number[] {
  const parts = raw.split(",").map((p) => p.trim());
  if (raw.trim() === "" || parts.some((p) => !/^\d{1,9}$/.test(p))) {
    problems.push(
      `${source}: "${raw}" must be a comma-separated list of numeric ids, e.g. 5,6001,8`,
    );
    return [];
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

function nearOf(raw: string, problems: string[]): Near | null {
  const parts = raw.split(",").map((p) => p.trim());
  const [lon, lat, km] = parts.map((p) => (p === "" ? NaN : Number(p)));
  if (
    parts.length !== 3 || !(lon! >= -180 && lon! <= 180) || !(lat! >= -90 && lat! <= 90) ||
    !(km! > 0 && km! <= 20_000)
  ) {
    problems.push(
      `--near: "${raw}" must be LON,LAT,KM with -180 ≤ LON ≤ 180, -90 ≤ LAT ≤ 90 and KM > 0`,
    );
    return null;
  }
  return { lon: lon!, lat: lat!, km: km! };
}

function apiUrlOf(source: string, raw: string, problems: string[]): string {
  try {
    const u = new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new TypeError("scheme");
    if (u.search !== "" || u.hash !== "") throw new TypeError("query");
    return u.toString().replace(/\/*$/, "/");
  } catch {
    problems.push(
      `${source}: "${raw}" must be an http(s) URL without query, e.g. ${INGEST_DEFAULTS.apiUrl}`,
    );
    return raw;
  }
}

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readIngestConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadIngestConfigOptions,
): { help: true } | { help: false; config: IngestConfig } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new ConfigError([`${(e as Error).message}; see --help`]);
  }
  if (values.help) return { help: true };
  const flag = (name: string) => values[name] as string | undefined;
  const pick = (name: string, envName: string | null, fallback: string): string =>
    flag(name) ?? (envName === null ? undefined : env[envName] || undefined) ?? fallback;
  const problems: string[] = [];
  /** Where a value came from, for messages: the flag, else the env variable. */
  const origin = (name: string, envName: string) =>
    flag(name) === undefined && env[envName] ? envName : `--${name}`;

  const timezoneRaw = pick("timezone", "AIRQ_TIMEZONE", INGEST_DEFAULTS.timezone);
  let timezone = timezoneRaw;
  let tzOk = true;
  try {
    timezone = checkTimezone(timezoneRaw);
  } catch (e) {
    tzOk = false;
    problems.push(`${origin("timezone", "AIRQ_TIMEZONE")}: ${(e as Error).message}`);
  }
  const from = flag("date") ?? (tzOk ? yesterday(options.now, timezone) : undefined);
  const to = flag("to") ?? from;
  let dates: string[] = [];
  let run: RunDates = { dates, range: [], lookback: [], arrayIndex: undefined };
  const lookbackDays = parseLookbackDays(flag("lookback-days"), problems);
  let datesOk = from !== undefined;
  for (const [name, d] of [["--date", from], ["--to", to]] as const) {
    if (d === undefined) continue;
    try {
      parseDate(d);
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      datesOk = false;
    }
  }
  if (datesOk) {
    try {
      run = planRunDates({
        from: from!,
        to: to!,
        lookbackDays,
        arrayIndex: env.AWS_BATCH_JOB_ARRAY_INDEX,
      });
      dates = run.dates;
      const last = dayWindow(dates.at(-1)!, tzOk ? timezone : "UTC");
      if (tzOk && last.endMs > options.now.epochMilliseconds) {
        problems.push(
          `${
            flag("to") === undefined ? "--date" : "--to"
          } "${last.date}" is not over yet in ${timezone}: it ends at ${last.endIso}`,
        );
      }
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const lake = pick("lake", "AIRQ_LAKE", INGEST_DEFAULTS.lake);
  let lakeUri: LakeUri = { kind: "file", uri: lake, path: "" };
  try {
    lakeUri = parseLakeUri(lake, options.cwd);
  } catch (e) {
    problems.push(`${origin("lake", "AIRQ_LAKE")}: ${(e as Error).message}`);
  }
  const apiUrl = apiUrlOf(
    origin("api-url", "AIRQ_API_URL"),
    pick("api-url", "AIRQ_API_URL", INGEST_DEFAULTS.apiUrl),
    problems,
  );
  const phenomena = phenomenaOf(
    origin("phenomena", "AIRQ_PHENOMENA"),
    pick("phenomena", "AIRQ_PHENOMENA", INGEST_DEFAULTS.phenomena),
    problems,
  );
  const nearRaw = flag("near");
  const near = nearRaw === undefined ? null : nearOf(nearRaw, problems);
  const d = INGEST_DEFAULTS;
  const concurrency = intIn(
    "--concurrency",
    pick("concurrency", null, `${d.concurrency}`),
    1,
    64,
    problems,
  );
  const chunkSize = intIn(
    "--chunk-size",
    pick("chunk-size", null, `${d.chunkSize}`),
    1,
    1000,
    problems,
  );
  const timeoutMs = intIn(
    "--timeout-ms",
    pick("timeout-ms", null, `${d.timeoutMs}`),
    100,
    600_000,
    problems,
  );
  const retries = intIn("--retries", pick("retries", null, `${d.retries}`), 0, 20, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    help: false,
    config: {
      dates,
      run,
      force: values.force === true,
      lookbackDays,
      lake,
      lakeUri,
      apiUrl,
      timezone,
      phenomena,
      near,
      concurrency,
      chunkSize,
      timeoutMs,
      retries,
    },
  };
}
