/**
 * Configuration of `deno task report` from flags and env (flags win; same AIRQ_LAKE and
 * AIRQ_TIMEZONE as ingest and transform). Pure: the clock is passed in. Every problem is
 * collected into one ConfigError.
 */
import { DEFAULT_LAKE, DEFAULT_TIMEZONE } from "../config/defaults.ts";
import { parseFlags } from "../config/parse_flags.ts";
import { ConfigError } from "../errors.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, dateRange, yesterday } from "../time/day_window.ts";

/** The validated report configuration. */
export interface ReportConfig {
  from: string;
  to: string;
  lake: string;
}

/** Help text of the report task. */
export const REPORT_HELP =
  `Usage: deno task report [--date YYYY-MM-DD] [--to YYYY-MM-DD] [--lake URI]

Writes <lake>/reports/date=D/index.html (a range: reports/range=D1_D2/index.html), a
self-contained HTML page of the daily means per station (from clean/aggregate_station_by_day).

  --date      first (or only) day; default: yesterday in AIRQ_TIMEZONE (Europe/Brussels)
  --to        last day of a range, inclusive
  --lake      lake URI: file://./lake (default, env AIRQ_LAKE) or s3://bucket/prefix
  --timezone  IANA zone for the default date (env AIRQ_TIMEZONE)
  -h, --help  this text`;

const FLAGS = {
  date: { type: "string" },
  to: { type: "string" },
  lake: { type: "string" },
  timezone: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parse args and env; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readReportConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: { now: Temporal.Instant; cwd: string },
): { help: true } | { help: false; config: ReportConfig } {
  const flags = parseFlags(args, { flags: FLAGS, env });
  if (flags.help) return { help: true };
  const problems: string[] = [];
  const flag = flags.text;
  const timezone = flags.pick("timezone", "AIRQ_TIMEZONE", DEFAULT_TIMEZONE).value;
  let from = flag("date");
  if (from === undefined) {
    try {
      from = yesterday(options.now, checkTimezone(timezone));
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const to = flag("to") ?? from;
  if (from !== undefined && to !== undefined) {
    try {
      dateRange(from, to);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const lake = flags.pick("lake", "AIRQ_LAKE", DEFAULT_LAKE).value;
  try {
    parseLakeUri(lake, options.cwd);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (problems.length) throw new ConfigError(problems);
  return { help: false, config: { from: from!, to: to!, lake } };
}
