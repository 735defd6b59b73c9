/**
 * Configuration of `deno task load` from flags and env (flags win). Pure: the clock and
 * the working directory are passed in; the private key file is read by the task and
 * passed as `privateKeyFile`. Every problem is collected into one ConfigError, and no
 * message ever contains a secret.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../errors.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";
import type { SnowflakeAuth, SnowflakeConnectionConfig } from "../snowflake.ts";
import { checkTimezone, dateRange, parseDate, yesterday } from "../time/day_window.ts";
import { identifierProblem, parseTableName, type TableName } from "./identifiers.ts";

/** The validated load configuration. */
export interface LoadConfig {
  dates: string[];
  lake: string;
  table: TableName;
  batchSize: number;
  createSchema: boolean;
  connection: SnowflakeConnectionConfig;
}

/** Defaults of the contract. */
export const LOAD_DEFAULTS = {
  lake: "file://./lake",
  timezone: "Europe/Brussels",
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
  help: { type: "boolean", short: "h" },
} as const;

function authOf(
  env: Record<string, string | undefined>,
  keyFile: string | Error | undefined,
  problems: string[],
): SnowflakeAuth | undefined {
  const password = env.SNOWFLAKE_PASSWORD || undefined;
  const keyText = env.SNOWFLAKE_PRIVATE_KEY || undefined;
  const keyPath = env.SNOWFLAKE_PRIVATE_KEY_PATH || undefined;
  const passphrase = env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE || undefined;
  const methods = [
    password && "SNOWFLAKE_PASSWORD",
    keyText && "SNOWFLAKE_PRIVATE_KEY",
    keyPath &&
    "SNOWFLAKE_PRIVATE_KEY_PATH",
  ].filter(Boolean);
  if (methods.length === 0) {
    problems.push(
      "SNOWFLAKE_PRIVATE_KEY, SNOWFLAKE_PRIVATE_KEY_PATH or SNOWFLAKE_PASSWORD must be set",
    );
    return undefined;
  }
  if (methods.length > 1) {
    problems.push(`${methods.join(" and ")} are both set: set exactly one way to authenticate`);
    return undefined;
  }
  if (password) {
    if (passphrase) {
      problems.push("SNOWFLAKE_PRIVATE_KEY_PASSPHRASE is set but no private key is configured");
    }
    return { kind: "password", password };
  }
  let pem = keyText;
  if (keyPath) {
    if (keyFile instanceof Error || keyFile === undefined) {
      const why = keyFile instanceof Error ? keyFile.message : "not read";
      problems.push(`SNOWFLAKE_PRIVATE_KEY_PATH: cannot read "${keyPath}": ${why}`);
      return undefined;
    }
    pem = keyFile;
  }
  // secret stores often keep PEM on one line with literal "\n"
  pem = pem!.includes("\\n") && !pem!.includes("\n") ? pem!.replaceAll("\\n", "\n") : pem!;
  const where = keyPath ? `SNOWFLAKE_PRIVATE_KEY_PATH "${keyPath}"` : "SNOWFLAKE_PRIVATE_KEY";
  if (!/-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    problems.push(
      `${where} is not a PEM PKCS#8 private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN ENCRYPTED PRIVATE KEY-----")`,
    );
    return undefined;
  }
  if (pem.includes("ENCRYPTED PRIVATE KEY") && !passphrase) {
    problems.push(`${where} is encrypted: set SNOWFLAKE_PRIVATE_KEY_PASSPHRASE`);
  }
  return { kind: "keypair", privateKey: pem, ...(passphrase ? { passphrase } : {}) };
}

function connectionOf(
  env: Record<string, string | undefined>,
  keyFile: string | Error | undefined,
  problems: string[],
): SnowflakeConnectionConfig {
  const get = (name: string) => env[name]?.trim() || undefined;
  for (const name of ["SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER"]) {
    if (!get(name)) problems.push(`${name} must be set`);
  }
  const account = get("SNOWFLAKE_ACCOUNT") ?? "";
  if (account && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(account)) {
    problems.push(
      `SNOWFLAKE_ACCOUNT "${account}" must be an account identifier like "myorg-myaccount" (no scheme, no ".snowflakecomputing.com")`,
    );
  }
  for (const name of ["SNOWFLAKE_ROLE", "SNOWFLAKE_WAREHOUSE"]) {
    const v = get(name);
    const problem = v === undefined ? undefined : identifierProblem(v, name);
    if (problem) problems.push(problem);
  }
  const host = get("SNOWFLAKE_HOST");
  if (host && !/^[A-Za-z0-9.-]+$/.test(host)) {
    problems.push(`SNOWFLAKE_HOST "${host}" must be a host name only (no scheme, port or path)`);
  }
  const portRaw = get("SNOWFLAKE_PORT");
  const port = portRaw === undefined ? undefined : Number(portRaw);
  if (portRaw !== undefined && !(/^\d+$/.test(portRaw) && port! >= 1 && port! <= 65535)) {
    problems.push(`SNOWFLAKE_PORT "${portRaw}" must be an integer from 1 to 65535`);
  }
  const protocol = get("SNOWFLAKE_PROTOCOL");
  if (protocol !== undefined && protocol !== "http" && protocol !== "https") {
    problems.push(`SNOWFLAKE_PROTOCOL "${protocol}" must be "https" or "http"`);
  }
  if ((portRaw !== undefined || protocol !== undefined) && !host) {
    problems.push("SNOWFLAKE_PORT and SNOWFLAKE_PROTOCOL need SNOWFLAKE_HOST");
  }
  const auth = authOf(env, keyFile, problems);
  const optional = (name: string, key: keyof SnowflakeConnectionConfig) =>
    get(name) ? { [key]: get(name) } : {};
  return {
    account,
    username: get("SNOWFLAKE_USER") ?? "",
    ...optional("SNOWFLAKE_ROLE", "role"),
    ...optional("SNOWFLAKE_WAREHOUSE", "warehouse"),
    ...optional("SNOWFLAKE_DATABASE", "database"),
    ...optional("SNOWFLAKE_SCHEMA", "schema"),
    auth: auth ?? { kind: "password", password: "" },
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    ...(protocol ? { protocol: protocol as "http" | "https" } : {}),
  };
}

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readLoadConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: ReadLoadConfigOptions,
): { help: true } | { help: false; config: LoadConfig } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new ConfigError([`${(e as Error).message}; see --help`]);
  }
  if (values.help) return { help: true };
  const flag = (name: string) => values[name] as string | undefined;
  const problems: string[] = [];

  let timezone: string = LOAD_DEFAULTS.timezone;
  try {
    timezone = checkTimezone(env.AIRQ_TIMEZONE || LOAD_DEFAULTS.timezone);
  } catch (e) {
    problems.push(`AIRQ_TIMEZONE: ${(e as Error).message}`);
  }
  const from = flag("date") ?? yesterday(options.now, timezone);
  const to = flag("to") ?? from;
  let dates: string[] = [];
  const badDates = [["--date", from], ["--to", to]].filter(([name, d]) => {
    try {
      parseDate(d!);
      return false;
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      return true;
    }
  });
  if (badDates.length === 0) {
    try {
      dates = dateRange(from, to);
      if (dates.length > LOAD_DEFAULTS.maxDates) {
        problems.push(
          `--date "${from}" to --to "${to}" spans ${dates.length} days: load at most ${LOAD_DEFAULTS.maxDates} per run`,
        );
      }
    } catch (e) {
      problems.push((e as Error).message);
    }
  }

  const lakeSource = flag("lake") !== undefined ? "--lake" : "AIRQ_LAKE";
  const lake = flag("lake") ?? (env.AIRQ_LAKE || LOAD_DEFAULTS.lake);
  try {
    parseLakeUri(lake, options.cwd);
  } catch (e) {
    problems.push(`${lakeSource}: ${(e as Error).message}`);
  }

  const tableSource = flag("table") !== undefined ? "--table" : "AIRQ_SNOWFLAKE_TABLE";
  const tableText = flag("table") ?? (env.AIRQ_SNOWFLAKE_TABLE || LOAD_DEFAULTS.table);
  const contextDefault = (name: string, fallback: string): string => {
    const v = env[name]?.trim();
    const problem = v ? identifierProblem(v, name) : undefined;
    if (problem) problems.push(problem);
    return v && !problem ? v : fallback;
  };
  const parsed = parseTableName(tableText, {
    database: contextDefault("SNOWFLAKE_DATABASE", LOAD_DEFAULTS.database),
    schema: contextDefault("SNOWFLAKE_SCHEMA", LOAD_DEFAULTS.schema),
  }, tableSource);
  problems.push(...parsed.problems);

  const batchRaw = flag("batch-size") ?? `${LOAD_DEFAULTS.batchSize}`;
  const batchSize = /^\d+$/.test(batchRaw) ? Number(batchRaw) : NaN;
  if (!(batchSize >= 1 && batchSize <= LOAD_DEFAULTS.maxBatchSize)) {
    problems.push(
      `--batch-size: "${batchRaw}" must be an integer from 1 to ${LOAD_DEFAULTS.maxBatchSize}`,
    );
  }
  const connection = connectionOf(env, options.privateKeyFile, problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    help: false,
    config: {
      dates,
      lake,
      table: parsed.name!,
      batchSize,
      createSchema: values["create-schema"] === true,
      connection,
    },
  };
}
