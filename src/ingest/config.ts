/**
 * Configuration of `deno task ingest` from flags and env (flags win). Pure: the clock
 * and the working directory are passed in. Every problem is collected into one ConfigError.
 */
import {
  DEFAULT_API_URL,
  DEFAULT_LAKE,
  DEFAULT_PHENOMENA,
  DEFAULT_TIMEZONE,
} from "../config/defaults.ts";
import { checkSetting } from "../config/check_setting.ts";
import { parseFlags, type Setting } from "../config/parse_flags.ts";
import { readRunOptions } from "../config/run_options.ts";
import { ConfigError } from "../errors.ts";
import type { Near } from "../irceline/requests.ts";
import { type LakeUri, parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, dayWindow, yesterday } from "../time/day_window.ts";
import type { RunDates } from "../time/run_dates.ts";

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
  lake: DEFAULT_LAKE,
  apiUrl: DEFAULT_API_URL,
  timezone: DEFAULT_TIMEZONE,
  phenomena: DEFAULT_PHENOMENA,
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

function phenomenaOf({ value: raw, source }: Setting, problems: string[]): number[] {
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

function apiUrlOf({ value: raw, source }: Setting, problems: string[]): string {
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
  const flags = parseFlags(args, { flags: FLAGS, env });
  if (flags.help) return { help: true };
  const flag = flags.text;
  const problems: string[] = [];

  const timezone = checkSetting(
    flags.pick("timezone", "AIRQ_TIMEZONE", INGEST_DEFAULTS.timezone),
    checkTimezone,
    problems,
  );
  const from = flag("date") ??
    (timezone === undefined ? undefined : yesterday(options.now, timezone));
  const { lookbackDays, run } = readRunOptions({
    from,
    to: flag("to") ?? from,
    lookbackDays: flag("lookback-days"),
    arrayIndex: env.AWS_BATCH_JOB_ARRAY_INDEX,
  }, problems);
  if (run !== undefined && timezone !== undefined) {
    const last = dayWindow(run.dates.at(-1)!, timezone);
    if (last.endMs > options.now.epochMilliseconds) {
      problems.push(
        `${
          flag("to") === undefined ? "--date" : "--to"
        } "${last.date}" is not over yet in ${timezone}: it ends at ${last.endIso}`,
      );
    }
  }
  const lakeSetting = flags.pick("lake", "AIRQ_LAKE", INGEST_DEFAULTS.lake);
  const lake = lakeSetting.value;
  const lakeUri = checkSetting(lakeSetting, (v) => parseLakeUri(v, options.cwd), problems);
  const apiUrl = apiUrlOf(flags.pick("api-url", "AIRQ_API_URL", INGEST_DEFAULTS.apiUrl), problems);
  const phenomena = phenomenaOf(
    flags.pick("phenomena", "AIRQ_PHENOMENA", INGEST_DEFAULTS.phenomena),
    problems,
  );
  const nearRaw = flag("near");
  const near = nearRaw === undefined ? null : nearOf(nearRaw, problems);
  const d = INGEST_DEFAULTS;
  const concurrency = intIn(
    "--concurrency",
    flag("concurrency") ?? `${d.concurrency}`,
    1,
    64,
    problems,
  );
  const chunkSize = intIn(
    "--chunk-size",
    flag("chunk-size") ?? `${d.chunkSize}`,
    1,
    1000,
    problems,
  );
  const timeoutMs = intIn(
    "--timeout-ms",
    flag("timeout-ms") ?? `${d.timeoutMs}`,
    100,
    600_000,
    problems,
  );
  const retries = intIn("--retries", flag("retries") ?? `${d.retries}`, 0, 20, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    help: false,
    config: {
      dates: run!.dates,
      run: run!,
      force: flags.on("force"),
      lookbackDays,
      lake,
      lakeUri: lakeUri!,
      apiUrl,
      timezone: timezone!,
      phenomena,
      near,
      concurrency,
      chunkSize,
      timeoutMs,
      retries,
    },
  };
}
