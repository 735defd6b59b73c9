/**
 * Configuration of `deno task load` from flags and env (flags win). Pure: the clock and
 * the working directory are passed in; the private key file is read by the task and
 * passed as `privateKeyFile`. Every problem is collected into one ConfigError, and no
 * message ever contains a secret.
 */
import { DEFAULT_LAKE, DEFAULT_TIMEZONE } from "../config/defaults.ts";
import { checkSetting } from "../config/check_setting.ts";
import { parseFlags } from "../config/parse_flags.ts";
import { readRunOptions } from "../config/run_options.ts";
import { ConfigError } from "../errors.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import type { SnowflakeConnectionConfig } from "../snowflake.ts";
import { checkTimezone, yesterday } from "../time/day_window.ts";
import { readConnectionConfig } from "./connection_config.ts";
import { identifierProblem, parseTableName, type TableName } from "./identifiers.ts";

/** The validated load configuration. */
export interface LoadConfig {
  dates: string[];
  lake: string;
  table: TableName;
  batchSize: number;
  createSchema: boolean;
  /** Load even the dates already loaded from the same partition (`--force`). */
  force: boolean;
  connection: SnowflakeConnectionConfig;
}

/** Defaults of the contract. */
export const LOAD_DEFAULTS = {
  lake: DEFAULT_LAKE,
  timezone: DEFAULT_TIMEZONE,
  database: "AIRQ",
  schema: "CLEAN",
  table: "AGGREGATE_STATION_BY_DAY",
  batchSize: 1000,
  /** rows × 18 binds must stay under Snowflake's inline array-binding threshold (65,280). */
  maxBatchSize: 3000,
  maxDates: 366,
} as const;

/** Options of readLoadConfig(). */
export interface ReadLoadConfigOptions {
  now: Temporal.Instant;
  cwd: string;
  /** Content of SNOWFLAKE_PRIVATE_KEY_PATH, or an Error when it could not be read. */
  privateKeyFile?: string | Error | undefined;
}

const FLAGS = {
  date: { type: "string" },
  to: { type: "string" },
  lake: { type: "string" },
  table: { type: "string" },
  "batch-size": { type: "string" },
  "create-schema": { type: "boolean" },
  force: { type: "boolean" },
  "lookback-days": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readLoadConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadLoadConfigOptions,
): { help: true } | { help: false; config: LoadConfig } {
  const flags = parseFlags(args, { flags: FLAGS, env });
  if (flags.help) return { help: true };
  const flag = flags.text;
  const problems: string[] = [];

  const timezone = checkSetting(
    { value: env.AIRQ_TIMEZONE || LOAD_DEFAULTS.timezone, source: "AIRQ_TIMEZONE" },
    checkTimezone,
    problems,
  ) ?? LOAD_DEFAULTS.timezone;
  const from = flag("date") ?? yesterday(options.now, timezone);
  const to = flag("to") ?? from;
  const { run } = readRunOptions({
    from,
    to,
    lookbackDays: flag("lookback-days"),
    arrayIndex: env.AWS_BATCH_JOB_ARRAY_INDEX,
  }, problems);
  const dates = run?.dates ?? [];
  if (dates.length > LOAD_DEFAULTS.maxDates) {
    problems.push(
      `--date "${from}" to --to "${to}" spans ${dates.length} days: load at most ${LOAD_DEFAULTS.maxDates} per run`,
    );
  }

  const lake = flags.pick("lake", "AIRQ_LAKE", LOAD_DEFAULTS.lake);
  checkSetting(lake, (v) => parseLakeUri(v, options.cwd), problems);

  const table = flags.pick("table", "AIRQ_SNOWFLAKE_TABLE", LOAD_DEFAULTS.table);
  const contextDefault = (name: string, fallback: string): string => {
    const v = env[name]?.trim();
    const problem = v ? identifierProblem(v, name) : undefined;
    if (problem) problems.push(problem);
    return v && !problem ? v : fallback;
  };
  const parsed = parseTableName(table.value, {
    database: contextDefault("SNOWFLAKE_DATABASE", LOAD_DEFAULTS.database),
    schema: contextDefault("SNOWFLAKE_SCHEMA", LOAD_DEFAULTS.schema),
  }, table.source);
  problems.push(...parsed.problems);

  const batchRaw = flag("batch-size") ?? `${LOAD_DEFAULTS.batchSize}`;
  const batchSize = /^\d+$/.test(batchRaw) ? Number(batchRaw) : NaN;
  if (!(batchSize >= 1 && batchSize <= LOAD_DEFAULTS.maxBatchSize)) {
    problems.push(
      `--batch-size: "${batchRaw}" must be an integer from 1 to ${LOAD_DEFAULTS.maxBatchSize}`,
    );
  }
  const { connection, problems: connectionProblems } = readConnectionConfig(env, {
    privateKeyFile: options.privateKeyFile,
  });
  problems.push(...connectionProblems);
  if (problems.length) throw new ConfigError(problems);
  return {
    help: false,
    config: {
      dates,
      lake: lake.value,
      table: parsed.name!,
      batchSize,
      createSchema: flags.on("create-schema"),
      force: flags.on("force"),
      connection,
    },
  };
}
