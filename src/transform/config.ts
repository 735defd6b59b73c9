/**
 * Configuration of `deno task transform` from flags and env (flags win), with the same
 * env variables as ingest and the shared defaults. Pure: the clock and cwd are passed in.
 */
import { DEFAULT_LAKE, DEFAULT_TIMEZONE } from "../config/defaults.ts";
import { checkSetting } from "../config/check_setting.ts";
import { parseFlags } from "../config/parse_flags.ts";
import { readRunOptions } from "../config/run_options.ts";
import { ConfigError } from "../errors.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, yesterday } from "../time/day_window.ts";

/** The validated transform configuration. */
export interface TransformConfig {
  /** Every date to transform: `--date`..`--to` (or the array job's day) plus lookback days. */
  dates: string[];
  /** Transform even the days whose partitions are up to date (`--force`). */
  force: boolean;
  lake: string;
  timezone: string;
  /** Deno Workers for a multi-day run (`--workers N`); absent: min(2, CPU count), chosen by the task. */
  workers?: number;
}

/** Largest accepted `--workers`. */
export const MAX_WORKERS = 16;

/** Defaults (the shared ones). */
export const TRANSFORM_DEFAULTS = {
  lake: DEFAULT_LAKE,
  timezone: DEFAULT_TIMEZONE,
} as const;

const FLAGS = {
  date: { type: "string" },
  to: { type: "string" },
  lake: { type: "string" },
  timezone: { type: "string" },
  force: { type: "boolean" },
  "lookback-days": { type: "string" },
  workers: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readTransformConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: { now: Temporal.Instant; cwd: string },
): { help: true } | { help: false; config: TransformConfig } {
  const flags = parseFlags(args, { flags: FLAGS, env });
  if (flags.help) return { help: true };
  const problems: string[] = [];
  const timezone = checkSetting(
    flags.pick("timezone", "AIRQ_TIMEZONE", TRANSFORM_DEFAULTS.timezone),
    checkTimezone,
    problems,
  );
  const from = flags.text("date") ??
    (timezone === undefined ? undefined : yesterday(options.now, timezone));
  const { run } = readRunOptions({
    from,
    to: flags.text("to"),
    lookbackDays: flags.text("lookback-days"),
    arrayIndex: env.AWS_BATCH_JOB_ARRAY_INDEX,
  }, problems);
  const lake = flags.pick("lake", "AIRQ_LAKE", TRANSFORM_DEFAULTS.lake);
  checkSetting(lake, (v) => parseLakeUri(v, options.cwd), problems);
  const workersText = flags.text("workers");
  const workers = workersText === undefined ? undefined : checkSetting(
    { value: workersText, source: "--workers" },
    checkWorkers,
    problems,
  );
  if (problems.length > 0) throw new ConfigError(problems);
  const config: TransformConfig = {
    dates: run!.dates,
    force: flags.on("force"),
    lake: lake.value,
    timezone: timezone!,
  };
  if (workers !== undefined) config.workers = workers;
  return { help: false, config };
}

/** A whole number of workers in 1..MAX_WORKERS. */
function checkWorkers(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > MAX_WORKERS) {
    throw new Error(`Invalid worker count "${value}": use a whole number from 1 to ${MAX_WORKERS}`);
  }
  return Number(value);
}
