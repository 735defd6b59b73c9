/**
 * `deno task transform`, declared once: its flags and variables, its config reader (flags
 * win over env; pure: the clock and cwd are passed in) and the permissions a run needs.
 */
import { checkSetting } from "../config/check_setting.ts";
import {
  ARRAY_INDEX_ENV,
  DATE_FLAG,
  DEPLOYMENT_ENV_DECLARATION,
  forceFlag,
  LAKE_FLAG,
  lookbackFlag,
  S3_ENV,
  TIMEZONE_FLAG,
  TO_FLAG,
} from "../config/common_flags.ts";
import type { TaskDeclaration } from "../config/declaration.ts";
import { parseDeclared, throwProblems } from "../config/declared_flags.ts";
import { lakePermissions } from "../config/permissions.ts";
import { readRunOptions } from "../config/run_options.ts";
import type { ReadContext, ReadResult, TaskSpec } from "../config/task_spec.ts";
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
  /** Lanes of a multi-day run (`--workers N`); absent: defaultWorkers(), chosen by the task. */
  workers?: number;
}

/** Largest accepted `--workers`. */
export const MAX_WORKERS = 16;

/**
 * Days that share one DuckDB-WASM aggregate pass (as many as the range has, up to this): one
 * pass of 8 days costs about a third of 8 passes of one (bench/RESULTS.md).
 */
export const DAYS_PER_PASS = 8;

/**
 * From this many days on, a run without --workers uses two lanes (this thread and one Deno
 * Worker). A worker starts no DuckDB-WASM, so it pays off early: on 2 cores one week took
 * 2.7 s in one lane and 2.6 s in two, two weeks 4.4 s and 3.7 s (bench/RESULTS.md).
 */
export const WORKERS_FROM_DAYS = 8;

/** Lanes of a run of `days` days without --workers: 1, or min(2, `cpus`) from a week on. */
export function defaultWorkers(days: number, cpus: number): number {
  return days >= WORKERS_FROM_DAYS ? Math.max(1, Math.min(2, cpus)) : 1;
}

/** What `deno task transform` accepts and does. */
export const TRANSFORM_DECLARATION: TaskDeclaration = {
  name: "transform",
  script: "tasks/transform.ts",
  purpose: "Turn raw days (<lake>/raw/irceline/date=D/, verified against their _manifest.json) " +
    "into two clean Parquet tables with DuckDB-WASM, one partition per day: " +
    "clean/measurements_hourly/date=D/ and clean/aggregate_station_by_day/date=D/, each " +
    "part-0.parquet (one file, replaced in place) + _SUCCESS. A rerun of an unchanged raw day " +
    "writes byte-identical files.",
  usage: "[--date YYYY-MM-DD] [--to YYYY-MM-DD] [options]",
  details: [
    "A day whose two partitions have a _SUCCESS built from the current raw _manifest.json " +
    "(source_manifest_sha256) and files that verify is skipped unless --force.",
    "A day without _manifest.json (not ingested, or ingest unfinished) or with a raw file that " +
    "differs from its manifest fails and leaves its clean partitions as they were; the other " +
    "days go on.",
  ],
  flags: [
    DATE_FLAG,
    TO_FLAG,
    LAKE_FLAG,
    TIMEZONE_FLAG,
    lookbackFlag("also transform the N days before --date"),
    forceFlag("transform every day again, even when up to date"),
    {
      name: "workers",
      kind: "int",
      arg: "N",
      defaultText: `1 below ${WORKERS_FROM_DAYS} days, else min(2, CPU count)`,
      min: 1,
      max: MAX_WORKERS,
      help: "parallel lanes for a range of 2 or more days: this process and N−1 Deno Workers " +
        `(about 60 MiB each; the one DuckDB-WASM stays in this process). Days go in passes of up ` +
        `to ${DAYS_PER_PASS} consecutive days, handed out in date order. Two lanes pay off from ` +
        `about ${WORKERS_FROM_DAYS} days on (measured on 2 cores)`,
    },
  ],
  env: [ARRAY_INDEX_ENV, ...S3_ENV, DEPLOYMENT_ENV_DECLARATION],
  exitCodes: { ok: "every day is transformed", failed: "a day failed (the others went on)" },
  examples: [
    "deno task transform --date 2024-11-20",
    "deno task transform --date 2024-01-01 --to 2024-12-31 --workers 2",
  ],
};

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readTransformConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadContext,
): ReadResult<TransformConfig> {
  const flags = parseDeclared(TRANSFORM_DECLARATION.flags, args, env);
  if (flags.help) return { help: true };
  const problems: string[] = [];
  const timezone = checkSetting(flags.setting("timezone"), checkTimezone, problems);
  const from = flags.text("date") ??
    (timezone === undefined ? undefined : yesterday(options.now, timezone));
  const { run } = readRunOptions({
    from,
    to: flags.text("to"),
    lookbackDays: flags.text("lookback-days"),
    arrayIndex: env.AWS_BATCH_JOB_ARRAY_INDEX,
  }, problems);
  const lake = flags.setting("lake");
  checkSetting(lake, (v) => parseLakeUri(v, options.cwd), problems);
  const workersText = flags.text("workers");
  const workers = workersText === undefined ? undefined : checkSetting(
    { value: workersText, source: "--workers" },
    checkWorkers,
    problems,
  );
  throwProblems(problems);
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

/**
 * A multi-day transform runs several isolates (this thread and its Deno Workers); V8 lets each
 * heap grow far beyond what a pass keeps alive (≈ 20–100 MiB). 4 MiB semi-spaces and a 512 MiB
 * cap per isolate keep a year's RSS near 512 MiB at the same speed (bench/RESULTS.md). Not used
 * for one day, where any --v8-flags costs ~60 ms of start-up (V8 snapshot checks).
 */
const RANGE_V8_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=512"];

/** The transform task: declaration, reader and permissions (the lake, CPU count). */
export const TRANSFORM_TASK: TaskSpec<TransformConfig> = {
  declaration: TRANSFORM_DECLARATION,
  read: readTransformConfig,
  permissions: (config, { env, cwd }) => ({
    ...lakePermissions(parseLakeUri(config.lake, cwd), env),
    sys: "cpus",
    ...(config.dates.length > 1 ? { v8Flags: RANGE_V8_FLAGS } : {}),
  }),
};
