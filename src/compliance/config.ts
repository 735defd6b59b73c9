/**
 * `deno task compliance`, declared once: its flags and variables, its config reader (flags
 * win over env; pure: the clock and cwd are passed in) and the permissions a run needs.
 */
import { checkSetting } from "../config/check_setting.ts";
import { forceFlag, LAKE_FLAG, S3_ENV, TIMEZONE_FLAG, YEAR_FLAG } from "../config/common_flags.ts";
import type { TaskDeclaration } from "../config/declaration.ts";
import { parseDeclared, throwProblems } from "../config/declared_flags.ts";
import { lakePermissions } from "../config/permissions.ts";
import type { ReadContext, ReadResult, TaskSpec } from "../config/task_spec.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, yesterday } from "../time/day_window.ts";

/** The validated compliance configuration. */
export interface ComplianceConfig {
  year: number;
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
    "(part-<sha16>.parquet + _SUCCESS).",
  usage: "[--year YYYY] [--lake URI] [options]",
  details: [
    "Reads only published partitions: clean/aggregate_station_by_day and " +
    "clean/measurements_hourly of every day of the year so far. A year whose _SUCCESS lists " +
    "the same input partitions (the sha256 of each _SUCCESS) is skipped unless --force.",
    "The rules (valid day, 75 % capture, strictly above) and the sources: docs/compliance.md.",
  ],
  flags: [
    YEAR_FLAG,
    LAKE_FLAG,
    TIMEZONE_FLAG,
    forceFlag("build the year again, even when its inputs are unchanged"),
  ],
  env: S3_ENV,
  exitCodes: {
    ok: "the year is built or up to date",
    failed: "no day of the year is published, or a partition could not be read",
  },
  examples: ["deno task compliance --year 2024", "deno task compliance --year 2024 --force"],
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
  const year = flags.text("year") === undefined
    ? (timezone === undefined ? NaN : Number(yesterday(options.now, timezone).slice(0, 4)))
    : flags.int("year", problems);
  const lake = flags.setting("lake");
  checkSetting(lake, (v) => parseLakeUri(v, options.cwd), problems);
  throwProblems(problems);
  return {
    help: false,
    config: { year, lake: lake.value, timezone: timezone!, force: flags.on("force") },
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
