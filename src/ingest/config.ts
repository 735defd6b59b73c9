/**
 * `deno task ingest`, declared once: its flags and variables, its config reader (flags win
 * over env; pure: the clock and the working folder are passed in; every problem collected
 * into one ConfigError) and the permissions a run needs.
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
import { DEFAULT_API_URL, DEFAULT_PHENOMENA } from "../config/defaults.ts";
import { lakePermissions, netHost } from "../config/permissions.ts";
import { readRunOptions } from "../config/run_options.ts";
import type { ReadContext, ReadResult, TaskSpec } from "../config/task_spec.ts";
import type { Near } from "../irceline/requests.ts";
import { type LakeUri, parseLakeUri } from "../lake/lake_uri.ts";
import { checkTimezone, dayWindow, yesterday } from "../time/day_window.ts";
import type { RunDates } from "../time/run_dates.ts";
import { apiUrlOf, nearOf, phenomenaOf } from "./_settings.ts";

/** The validated ingest configuration. */
export interface IngestConfig {
  /** Every date to ingest: `--date`..`--to` (or the array job's day) plus lookback days. */
  dates: string[];
  /** The planned dates (range, lookback, array index). */
  run: RunDates;
  /** Redo complete days too (`--force`). */
  force: boolean;
  /** Replace days the lake holds with another selection (`--replace`). */
  replace: boolean;
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

/** What `deno task ingest` accepts and does. */
export const INGEST_DECLARATION: TaskDeclaration = {
  name: "ingest",
  script: "tasks/ingest.ts",
  purpose: "Fetch IRCEL-CELINE hourly measurements (52°North timeseries API v1) for local " +
    "calendar days and store the API's answers byte for byte under " +
    "<lake>/raw/irceline/date=YYYY-MM-DD/, then _manifest.json (written last; a folder " +
    "without it is incomplete).",
  usage: "[--date YYYY-MM-DD] [--to YYYY-MM-DD] [options]",
  details: [
    "A day whose _manifest.json is complete and verified (same window, time zone, --near and " +
    "phenomena; every file matches its sha256) is skipped unless --force or it lies in the " +
    "lookback window; a fetched day rewrites only the files whose answers changed.",
    "A day that is not over yet is refused. A day fails when any selected series could not be " +
    "fetched: its folder keeps its previous state (no new _manifest.json) and the other days go on.",
    "A day the lake holds with other phenomena or --near is refused before anything is fetched " +
    "(exit 2) unless --replace: one run never narrows or widens another's day by accident.",
  ],
  flags: [
    DATE_FLAG,
    TO_FLAG,
    LAKE_FLAG,
    {
      name: "api-url",
      kind: "url",
      arg: "URL",
      env: "AIRQ_API_URL",
      default: DEFAULT_API_URL,
      valid: "an http(s) URL without query",
      help: "base URL of the 52°North timeseries API v1",
    },
    TIMEZONE_FLAG,
    {
      name: "phenomena",
      kind: "list",
      arg: "IDS",
      env: "AIRQ_PHENOMENA",
      default: DEFAULT_PHENOMENA,
      valid: "comma-separated numeric ids",
      help: "phenomena to fetch (5 PM10, 6001 PM2.5, 8 NO2, 71 CO2, 1 SO2)",
    },
    {
      name: "near",
      kind: "list",
      arg: "LON,LAT,KM",
      defaultText: "every station",
      valid: "-180..180, -90..90, KM > 0",
      help: "only stations within KM of LON,LAT (a box at the server)",
    },
    { ...intFlag("concurrency", 4, 1, 64), help: "requests in flight" },
    { ...intFlag("chunk-size", 100, 1, 1000), help: "series per bulk getData POST" },
    { ...intFlag("timeout-ms", 60_000, 100, 600_000), help: "per-request timeout in ms" },
    {
      ...intFlag("retries", 5, 0, 20),
      help: "retries per request on 429/5xx/network errors/timeouts/truncated bodies " +
        "(jittered backoff, honours Retry-After)",
    },
    lookbackFlag(
      "also ingest the N days before --date and fetch the last N+1 days again even when " +
        "complete (late values, corrections)",
    ),
    forceFlag("fetch every day again, even when complete"),
    {
      name: "replace",
      kind: "boolean",
      help: "replace days the lake holds with other phenomena or --near (refused otherwise)",
    },
  ],
  env: [ARRAY_INDEX_ENV, ...S3_ENV, DEPLOYMENT_ENV_DECLARATION],
  exitCodes: { ok: "every day is complete", failed: "a day failed (the others went on)" },
  examples: [
    "deno task ingest --date 2024-11-20",
    "deno task ingest --date 2024-11-01 --to 2024-11-30 --lake s3://my-lake/airq",
  ],
};

function intFlag(name: string, fallback: number, min: number, max: number) {
  return { name, kind: "int" as const, arg: "N", default: `${fallback}`, min, max };
}

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readIngestConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadContext,
): ReadResult<IngestConfig> {
  const flags = parseDeclared(INGEST_DECLARATION.flags, args, env);
  if (flags.help) return { help: true };
  const flag = flags.text;
  const problems: string[] = [];

  const timezone = checkSetting(flags.setting("timezone"), checkTimezone, problems);
  const from = flag("date") ??
    (timezone === undefined ? undefined : yesterday(options.now, timezone));
  const { lookbackDays, run } = readRunOptions({
    from,
    to: flag("to"),
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
  const lakeSetting = flags.setting("lake");
  const lakeUri = checkSetting(lakeSetting, (v) => parseLakeUri(v, options.cwd), problems);
  const apiUrl = apiUrlOf(flags.setting("api-url"), problems);
  const phenomena = phenomenaOf(flags.setting("phenomena"), problems);
  const nearRaw = flag("near");
  const near = nearRaw === undefined ? null : nearOf(nearRaw, problems);
  const concurrency = flags.int("concurrency", problems);
  const chunkSize = flags.int("chunk-size", problems);
  const timeoutMs = flags.int("timeout-ms", problems);
  const retries = flags.int("retries", problems);
  throwProblems(problems);
  return {
    help: false,
    config: {
      dates: run!.dates,
      run: run!,
      force: flags.on("force"),
      replace: flags.on("replace"),
      lookbackDays,
      lake: lakeSetting.value,
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

/** The ingest task: declaration, reader and permissions (the lake and the API host). */
export const INGEST_TASK: TaskSpec<IngestConfig> = {
  declaration: INGEST_DECLARATION,
  read: readIngestConfig,
  permissions: (config, { env }) => {
    const lake = lakePermissions(config.lakeUri, env);
    return { ...lake, net: [...lake.net, netHost(config.apiUrl)] };
  },
};
