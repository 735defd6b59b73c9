/**
 * Configuration of `deno task transform` from flags and env (flags win), with the same
 * env variables and defaults as ingest. Pure: the clock and cwd are passed in.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../errors.ts";
import { INGEST_DEFAULTS } from "../ingest/config.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, parseDate, yesterday } from "../time/day_window.ts";
import { parseLookbackDays, planRunDates } from "../time/run_dates.ts";

/** The validated transform configuration. */
export interface TransformConfig {
  /** Every date to transform: `--date`..`--to` (or the array job's day) plus lookback days. */
  dates: string[];
  /** Transform even the days whose partitions are up to date (`--force`). */
  force: boolean;
  lake: string;
  timezone: string;
}

/** Defaults (shared with ingest). */
export const TRANSFORM_DEFAULTS = {
  lake: INGEST_DEFAULTS.lake,
  timezone: INGEST_DEFAULTS.timezone,
} as const;

const FLAGS = {
  date: { type: "string" },
  to: { type: "string" },
  lake: { type: "string" },
  timezone: { type: "string" },
  force: { type: "boolean" },
  "lookback-days": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readTransformConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: { now: Temporal.Instant; cwd: string },
): { help: true } | { help: false; config: TransformConfig } {
  let values: {
    date?: string;
    to?: string;
    lake?: string;
    timezone?: string;
    force?: boolean;
    "lookback-days"?: string;
    help?: boolean;
  };
  try {
    values = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new ConfigError([`${(e as Error).message}; see --help`]);
  }
  if (values.help) return { help: true };
  const problems: string[] = [];
  const tzSource = values.timezone !== undefined ? "--timezone" : "AIRQ_TIMEZONE";
  let timezone = values.timezone ?? (env.AIRQ_TIMEZONE || TRANSFORM_DEFAULTS.timezone);
  let tzOk = true;
  try {
    timezone = checkTimezone(timezone);
  } catch (e) {
    problems.push(`${tzSource}: ${(e as Error).message}`);
    tzOk = false;
  }
  const from = values.date ?? (tzOk ? yesterday(options.now, timezone) : undefined);
  const to = values.to ?? from;
  let dates: string[] = [];
  const lookbackDays = parseLookbackDays(values["lookback-days"], problems);
  let datesOk = from !== undefined;
  for (const [name, d] of [["--date", from], ["--to", values.to]] as const) {
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
      dates = planRunDates({
        from: from!,
        to: to!,
        lookbackDays,
        arrayIndex: env.AWS_BATCH_JOB_ARRAY_INDEX,
      }).dates;
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const lakeSource = values.lake !== undefined ? "--lake" : "AIRQ_LAKE";
  const lake = values.lake ?? (env.AIRQ_LAKE || TRANSFORM_DEFAULTS.lake);
  try {
    parseLakeUri(lake, options.cwd);
  } catch (e) {
    problems.push(`${lakeSource}: ${(e as Error).message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { help: false, config: { dates, force: values.force === true, lake, timezone } };
}
