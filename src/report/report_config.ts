/**
 * `deno task report`, declared once: its flags and variables, its config reader (flags win;
 * pure: the clock is passed in; every problem collected into one ConfigError) and the
 * permissions a run needs.
 */
import {
  DATE_FLAG,
  DEPLOYMENT_ENV_DECLARATION,
  LAKE_FLAG,
  S3_ENV,
  TIMEZONE_FLAG,
  TO_FLAG,
  YEAR_FLAG,
} from "../config/common_flags.ts";
import type { TaskDeclaration } from "../config/declaration.ts";
import { parseDeclared, throwProblems } from "../config/declared_flags.ts";
import { lakePermissions } from "../config/permissions.ts";
import type { ReadContext, ReadResult, TaskSpec } from "../config/task_spec.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, dateRange, yesterday } from "../time/day_window.ts";

/** The validated report configuration. */
export interface ReportConfig {
  from: string;
  to: string;
  lake: string;
  /** `--year`: write the year's compliance page instead of the daily one. */
  year?: number;
}

/** What `deno task report` accepts and does. */
export const REPORT_DECLARATION: TaskDeclaration = {
  name: "report",
  script: "tasks/report.ts",
  purpose: "Write <lake>/reports/date=D/index.html (a range: reports/range=D1_D2/index.html), " +
    "a self-contained HTML page of the daily means per station, read from " +
    "clean/aggregate_station_by_day; prints where it is.",
  usage: "[--date YYYY-MM-DD] [--to YYYY-MM-DD] [--lake URI] | --year YYYY [--lake URI]",
  details: [
    "A day without a published partition is listed as missing on the page.",
    "With --year: <lake>/reports/year=YYYY/index.html, the year's compliance with the EU limit " +
    "values and WHO guidelines, read from clean/compliance_station_by_year (run " +
    '"deno task compliance --year YYYY" first).',
  ],
  flags: [
    DATE_FLAG,
    TO_FLAG,
    {
      ...YEAR_FLAG,
      defaultText: "none (the daily page)",
      help: "write the year's compliance page (not with --date)",
    },
    LAKE_FLAG,
    { ...TIMEZONE_FLAG, help: "time zone of the default date" },
  ],
  env: [...S3_ENV, DEPLOYMENT_ENV_DECLARATION],
  exitCodes: { ok: "the report is written", failed: "the lake could not be read or written" },
  examples: [
    "deno task report --date 2024-11-20",
    "deno task report --date 2024-11-01 --to 2024-11-30",
    "deno task report --year 2024",
  ],
};

/** Parse args and env; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readReportConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadContext,
): ReadResult<ReportConfig> {
  const flags = parseDeclared(REPORT_DECLARATION.flags, args, env);
  if (flags.help) return { help: true };
  const problems: string[] = [];
  const flag = flags.text;
  const lake = flags.setting("lake").value;
  const checkLake = () => {
    try {
      parseLakeUri(lake, options.cwd);
    } catch (e) {
      problems.push((e as Error).message);
    }
  };
  if (flag("year") !== undefined) {
    if (flag("date") !== undefined || flag("to") !== undefined) {
      problems.push("--year: use either --year or --date/--to, not both");
    }
    const year = flags.int("year", problems);
    checkLake();
    throwProblems(problems);
    return { help: false, config: { from: `${year}-01-01`, to: `${year}-12-31`, lake, year } };
  }
  const timezone = flags.setting("timezone").value;
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
  checkLake();
  throwProblems(problems);
  return { help: false, config: { from: from!, to: to!, lake } };
}

/** The report task: declaration, reader and permissions (the lake, CPU count). */
export const REPORT_TASK: TaskSpec<ReportConfig> = {
  declaration: REPORT_DECLARATION,
  read: readReportConfig,
  permissions: (config, { env, cwd }) => ({
    ...lakePermissions(parseLakeUri(config.lake, cwd), env),
    sys: "cpus",
  }),
};
