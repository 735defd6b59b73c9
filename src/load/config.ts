/**
 * `deno task load`, declared once: its flags and variables, its config reader (flags win;
 * pure: the clock and the working folder are passed in; the private key file is read by the
 * task and passed as `privateKeyFile`; every problem collected into one ConfigError, no
 * message ever contains a secret) and the permissions a run needs.
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
  TO_FLAG,
} from "../config/common_flags.ts";
import type { TaskDeclaration } from "../config/declaration.ts";
import { parseDeclared, throwProblems } from "../config/declared_flags.ts";
import { DEFAULT_TIMEZONE } from "../config/defaults.ts";
import { lakePermissions } from "../config/permissions.ts";
import { readRunOptions } from "../config/run_options.ts";
import type { ReadContext, ReadResult, TaskSpec } from "../config/task_spec.ts";
import type { CleanTable } from "../lake/layout.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import type { SnowflakeConnectionConfig } from "../snowflake.ts";
import { checkTimezone, yesterday } from "../time/day_window.ts";
import { readConnectionConfig } from "./connection_config.ts";
import { identifierProblem, parseTableName, type TableName } from "./identifiers.ts";
import { STATE_TABLE } from "./load_state.ts";

/** The validated load configuration. */
export interface LoadConfig {
  dates: string[];
  lake: string;
  /** The clean table loaded (`--clean-table`). */
  cleanTable: CleanTable;
  table: TableName;
  /**
   * The years of the dates, loaded from clean/compliance_station_by_year into `table` with
   * the daily table (none with measurements_hourly).
   */
  compliance: { table: TableName; years: string[] };
  batchSize: number;
  createSchema: boolean;
  /** Load even the dates already loaded from the same partition (`--force`). */
  force: boolean;
  /** Only say, per date, what would be deleted and inserted (`--dry-run`). */
  dryRun: boolean;
  connection: SnowflakeConnectionConfig;
}

/** Limits and Snowflake names of the contract. */
export const LOAD_DEFAULTS = {
  database: "AIRQ",
  schema: "CLEAN",
  table: "AGGREGATE_STATION_BY_DAY",
  complianceTable: "COMPLIANCE_STATION_BY_YEAR",
  /** The target table of `--clean-table measurements_hourly`. */
  hourlyTable: "MEASUREMENTS_HOURLY",
  batchSize: 1000,
  /**
   * rows × 20 binds (the compliance table; the daily one has 18) must stay under
   * Snowflake's inline array-binding threshold (65,280).
   */
  maxBatchSize: 3000,
  maxDates: 366,
} as const;

/** Options of readLoadConfig(). */
export interface ReadLoadConfigOptions extends ReadContext {
  /** Content of SNOWFLAKE_PRIVATE_KEY_PATH, or an Error when it could not be read. */
  privateKeyFile?: string | Error | undefined;
  /** Leave the key file unread (the launcher's plan); the task reads and checks it. */
  keyFileLater?: boolean;
}

const D = LOAD_DEFAULTS;
const CLEAN_TABLES: readonly CleanTable[] = ["aggregate_station_by_day", "measurements_hourly"];

/** What `deno task load` accepts and does. */
export const LOAD_DECLARATION: TaskDeclaration = {
  name: "load",
  script: "tasks/load.ts",
  purpose: "Load published clean partitions into Snowflake, one transaction per run (delete " +
    "the run's dates and years, insert their rows): clean/aggregate_station_by_day with the " +
    "clean/compliance_station_by_year partitions of their years, or measurements_hourly.",
  usage:
    "[--date YYYY-MM-DD] [--to YYYY-MM-DD] [--lake URI] [--table [[DB.]SCHEMA.]TABLE] [options]",
  details: [
    `A date already loaded from the same partition (table ${STATE_TABLE}) is skipped unless ` +
    "--force; a date not published fails, the others load in one transaction. The default " +
    "date is yesterday in AIRQ_TIMEZONE.",
    "With the daily table (the default), a year of the dates without a compliance partition " +
    '(deno task compliance not run) is reported "missing" and does not fail the run.',
    "The daily and compliance tables are inserted with array binds; the hourly table (about " +
    "14 k rows a day) is PUT to the table's stage and copied with COPY INTO, inside the same " +
    "transaction.",
  ],
  flags: [
    { ...DATE_FLAG, defaultText: "yesterday in AIRQ_TIMEZONE", help: "first (or only) day" },
    TO_FLAG,
    LAKE_FLAG,
    {
      name: "clean-table",
      kind: "string",
      arg: "NAME",
      default: "aggregate_station_by_day",
      valid: `${CLEAN_TABLES.join(" or ")}`,
      help: "the clean table to load",
    },
    {
      name: "table",
      kind: "string",
      arg: "[[DB.]SCHEMA.]TABLE",
      env: "AIRQ_SNOWFLAKE_TABLE",
      defaultText: `${D.table} (${D.hourlyTable} for measurements_hourly)`,
      help: "target table; database and schema default to SNOWFLAKE_DATABASE/SNOWFLAKE_SCHEMA, " +
        `else ${D.database}.${D.schema}`,
    },
    {
      name: "compliance-table",
      kind: "string",
      arg: "[[DB.]SCHEMA.]TABLE",
      env: "AIRQ_SNOWFLAKE_COMPLIANCE_TABLE",
      default: D.complianceTable,
      help: "target table of the compliance years (loaded with the daily table), qualified " +
        "like --table",
    },
    {
      name: "batch-size",
      kind: "int",
      arg: "N",
      default: `${D.batchSize}`,
      min: 1,
      max: D.maxBatchSize,
      help: "rows per INSERT (daily and compliance tables)",
    },
    {
      name: "dry-run",
      kind: "boolean",
      help:
        "print per date (and compliance year) what would be deleted and inserted; change nothing",
    },
    { name: "create-schema", kind: "boolean", help: "create the schema and tables when missing" },
    lookbackFlag("also load the N days before --date"),
    forceFlag("load every date again, even when loaded from the same partition"),
  ],
  env: [
    { name: "AIRQ_TIMEZONE", help: `time zone of the default date (default ${DEFAULT_TIMEZONE})` },
    ARRAY_INDEX_ENV,
    DEPLOYMENT_ENV_DECLARATION,
    { name: "SNOWFLAKE_ACCOUNT", help: "account identifier, e.g. myorg-myaccount (required)" },
    { name: "SNOWFLAKE_USER", help: "user name (required)" },
    { name: "SNOWFLAKE_ROLE", help: "role of the session" },
    { name: "SNOWFLAKE_WAREHOUSE", help: "warehouse of the session" },
    { name: "SNOWFLAKE_DATABASE", help: `database of --table (default ${D.database})` },
    { name: "SNOWFLAKE_SCHEMA", help: `schema of --table (default ${D.schema})` },
    { name: "SNOWFLAKE_PRIVATE_KEY", help: "PEM PKCS#8 private key (key-pair authentication)" },
    { name: "SNOWFLAKE_PRIVATE_KEY_PATH", help: "file holding that key" },
    { name: "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", help: "passphrase of an encrypted key" },
    { name: "SNOWFLAKE_PASSWORD", help: "password (instead of a key)" },
    { name: "SNOWFLAKE_HOST", help: "host instead of <account>.snowflakecomputing.com (tests)" },
    { name: "SNOWFLAKE_PORT", help: "port of SNOWFLAKE_HOST" },
    { name: "SNOWFLAKE_PROTOCOL", help: "https (default) or http, with SNOWFLAKE_HOST" },
    ...S3_ENV,
  ],
  exitCodes: {
    ok: "every date is loaded or skipped",
    failed: "a date failed or the transaction was rolled back",
  },
  examples: [
    "deno task load --date 2024-11-20 --create-schema",
    "deno task load --date 2024-11-20 --clean-table measurements_hourly --dry-run",
  ],
};

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readLoadConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadLoadConfigOptions,
): ReadResult<LoadConfig> {
  const flags = parseDeclared(LOAD_DECLARATION.flags, args, env);
  if (flags.help) return { help: true };
  const flag = flags.text;
  const problems: string[] = [];

  const timezone = checkSetting(
    { value: env.AIRQ_TIMEZONE || DEFAULT_TIMEZONE, source: "AIRQ_TIMEZONE" },
    checkTimezone,
    problems,
  ) ?? DEFAULT_TIMEZONE;
  const from = flag("date") ?? yesterday(options.now, timezone);
  const to = flag("to") ?? from;
  const { run } = readRunOptions({
    from,
    to: flag("to"),
    lookbackDays: flag("lookback-days"),
    arrayIndex: env.AWS_BATCH_JOB_ARRAY_INDEX,
  }, problems);
  const dates = run?.dates ?? [];
  if (dates.length > LOAD_DEFAULTS.maxDates) {
    problems.push(
      `--date "${from}" to --to "${to}" spans ${dates.length} days: load at most ${LOAD_DEFAULTS.maxDates} per run`,
    );
  }

  const lake = flags.setting("lake");
  checkSetting(lake, (v) => parseLakeUri(v, options.cwd), problems);

  const cleanSetting = flags.setting("clean-table");
  const cleanTable = CLEAN_TABLES.find((t) => t === cleanSetting.value);
  if (cleanTable === undefined) {
    problems.push(
      `${cleanSetting.source}: "${cleanSetting.value}" must be ${CLEAN_TABLES.join(" or ")}`,
    );
  }
  const tableSetting = flags.setting("table");
  const table = tableSetting.value !== "" ? tableSetting : {
    value: cleanTable === "measurements_hourly" ? D.hourlyTable : D.table,
    source: tableSetting.source,
  };
  const contextDefault = (name: string, fallback: string): string => {
    const v = env[name]?.trim();
    const problem = v ? identifierProblem(v, name) : undefined;
    if (problem) problems.push(problem);
    return v && !problem ? v : fallback;
  };
  const tableDefaults = {
    database: contextDefault("SNOWFLAKE_DATABASE", LOAD_DEFAULTS.database),
    schema: contextDefault("SNOWFLAKE_SCHEMA", LOAD_DEFAULTS.schema),
  };
  const parsed = parseTableName(table.value, tableDefaults, table.source);
  problems.push(...parsed.problems);
  const compliance = flags.setting("compliance-table");
  const complianceTable = parseTableName(compliance.value, tableDefaults, compliance.source);
  problems.push(...complianceTable.problems);

  const batchSize = flags.int("batch-size", problems);
  const { connection, problems: connectionProblems } = readConnectionConfig(env, {
    privateKeyFile: options.privateKeyFile,
    keyFileLater: options.keyFileLater === true,
  });
  problems.push(...connectionProblems);
  throwProblems(problems);
  return {
    help: false,
    config: {
      dates,
      lake: lake.value,
      cleanTable: cleanTable!,
      table: parsed.name!,
      compliance: {
        table: complianceTable.name!,
        years: cleanTable === "measurements_hourly"
          ? []
          : [...new Set(dates.map((d) => d.slice(0, 4)))],
      },
      batchSize,
      createSchema: flags.on("create-schema"),
      force: flags.on("force"),
      dryRun: flags.on("dry-run"),
      connection,
    },
  };
}

/** host[:port] of the Snowflake account (or of SNOWFLAKE_HOST). */
function snowflakeHost(connection: SnowflakeConnectionConfig): string {
  const host = connection.host ?? `${connection.account}.snowflakecomputing.com`;
  return connection.port === undefined ? host : `${host}:${connection.port}`;
}

/**
 * The load task: declaration, reader (the launcher leaves the key file to the task) and
 * permissions: the lake, Snowflake, the key file, snowflake-sdk's cache (~/.cache/snowflake),
 * sys and ffi (its native helper); the launcher adds the temporary folder (where a staged
 * load writes the files it PUTs).
 */
export const LOAD_TASK: TaskSpec<LoadConfig> = {
  declaration: LOAD_DECLARATION,
  read: (args, env, context) => readLoadConfig(args, env, { ...context, keyFileLater: true }),
  permissions: (config, { env, cwd }) => {
    const lake = lakePermissions(parseLakeUri(config.lake, cwd), env);
    const keyFile = env.SNOWFLAKE_PRIVATE_KEY_PATH ? [env.SNOWFLAKE_PRIVATE_KEY_PATH] : [];
    const cache = env.HOME ? [`${env.HOME}/.cache/snowflake`] : [];
    return {
      net: [...lake.net, snowflakeHost(config.connection)],
      read: [...lake.read, ...keyFile, ...cache],
      write: [...lake.write, ...cache],
      sys: "all",
      ffi: true,
    };
  },
};
