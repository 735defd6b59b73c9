/**
 * `deno task compliance`, declared once: its flags and variables, its config reader (flags
 * win over env; pure: the clock and cwd are passed in) and the permissions a run needs.
 */
import { checkSetting } from "../config/check_setting.ts";
import {
  DATE_FLAG,
  forceFlag,
  LAKE_FLAG,
  lookbackFlag,
  S3_ENV,
  TIMEZONE_FLAG,
  TO_FLAG,
  YEAR_FLAG,
} from "../config/common_flags.ts";
import type { TaskDeclaration } from "../config/declaration.ts";
import { parseDeclared, throwProblems } from "../config/declared_flags.ts";
import { lakePermissions } from "../config/permissions.ts";
import { readRunOptions } from "../config/run_options.ts";
import type { ReadContext, ReadResult, TaskSpec } from "../config/task_spec.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, yesterday } from "../time/day_window.ts";

/** The validated compliance configuration. */
export interface ComplianceConfig {
  /** The years to build, in order: `--year`, or the years of the run's dates. */
  years: number[];
  lake: string;
  timezone: string;
  /** Build even when the year's inputs are unchanged (`--force`). */
  force: boolean;
}

/** What `deno task compliance` accepts and does. */
export const COMPLIANCE_DECLARATION: TaskDeclaration = {
  name: "compliance",
  script: "tasks/compliance.ts",
  purpose: "Check a year's published days against the EU limit values (today's and 2030's) and " +
    "the WHO 2021 guidelines: one row per station, series and standard with exceedances, annual " +
    "mean, data capture and a status, in clean/compliance_station_by_year/year=YYYY/ " +
    "(part-0.parquet + _SUCCESS).",
  usage: "[--year YYYY | --date YYYY-MM-DD [--to YYYY-MM-DD] [--lookback-days N]] [options]",
  details: [
    "Reads only published partitions: clean/aggregate_station_by_day and " +
    "clean/measurements_hourly of every day of the year so far. A year whose _SUCCESS lists " +
    "the same input partitions (the sha256 of each _SUCCESS) is skipped unless --force.",
    "With --date (and --to, --lookback-days) instead of --year: every year those days fall in, " +
    "so the daily run refreshes the previous year too while its lookback reaches back into it.",
    "The rules (valid day, 75 % capture, strictly above) and the sources: docs/compliance.md.",
  ],
  flags: [
    YEAR_FLAG,
    {
      ...DATE_FLAG,
      defaultText: "none",
      help: "a day: build the year it falls in (not with --year)",
    },
    TO_FLAG,
    lookbackFlag("also the years of the N days before --date"),
    LAKE_FLAG,
    TIMEZONE_FLAG,
    forceFlag("build the year again, even when its inputs are unchanged"),
  ],
  env: S3_ENV,
  exitCodes: {
    ok: "the year is built or up to date",
    failed: "no day of the year is published, or a partition could not be read",
  },
  examples: [
    "deno task compliance --year 2024",
    "deno task compliance --year 2024 --force",
    "deno task compliance --date 2025-01-01 --lookback-days 2   # 2024 and 2025",
  ],
};

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readComplianceConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadContext,
): ReadResult<ComplianceConfig> {
  const flags = parseDeclared(COMPLIANCE_DECLARATION.flags, args, env);
  if (flags.help) return { help: true };
  const problems: string[] = [];
  const timezone = checkSetting(flags.setting("timezone"), checkTimezone, problems);
  const years: number[] = [];
  const byDate = ["date", "to", "lookback-days"].some((f) => flags.text(f) !== undefined);
  if (flags.text("year") !== undefined) {
    if (byDate) problems.push("--year: use either --year or --date/--to/--lookback-days, not both");
    years.push(flags.int("year", problems));
  } else if (byDate) {
    const { run } = readRunOptions({
      from: flags.text("date") ?? (timezone && yesterday(options.now, timezone)),
      to: flags.text("to"),
      lookbackDays: flags.text("lookback-days"),
      arrayIndex: undefined,
    }, problems);
    years.push(...new Set(run?.dates.map((d) => Number(d.slice(0, 4))).sort()));
  } else if (timezone !== undefined) {
    years.push(Number(yesterday(options.now, timezone).slice(0, 4)));
  }
  const lake = flags.setting("lake");
  checkSetting(lake, (v) => parseLakeUri(v, options.cwd), problems);
  throwProblems(problems);
  return {
    help: false,
    config: { years, lake: lake.value, timezone: timezone!, force: flags.on("force") },
  };
}

/** The compliance task: declaration, reader and permissions (the lake, CPU count for the Parquet codec). */
export const COMPLIANCE_TASK: TaskSpec<ComplianceConfig> = {
  declaration: COMPLIANCE_DECLARATION,
  read: readComplianceConfig,
  permissions: (config, { env, cwd }) => ({
    ...lakePermissions(parseLakeUri(config.lake, cwd), env),
    sys: "cpus",
  }),
};
