/**
 * Adapter around snowflake-sdk (npm, the official Node driver) under Deno: connect with
 * capped retries, execute with bind variables (single or array binding), clean close,
 * and every driver error mapped to a SnowflakeError without secrets.
 *
 * Node-compat settings: `configure({ logLevel: "OFF" })` (otherwise the driver writes
 * JSON lines on stdout and a snowflake.log in the cwd), `connect(callback)` wrapped in a
 * Promise (connectAsync() resolves even when the login fails), login and query retries
 * capped (the defaults retry a dead endpoint for minutes).
 */
import snowflake from "snowflake-sdk";
import { toSnowflakeError } from "./load/snowflake_error.ts";
import { putSql } from "./load/stage_sql.ts";

/** How to authenticate: password, or key pair (PEM PKCS#8 private key). */
export type SnowflakeAuth =
  | { kind: "password"; password: string }
  | { kind: "keypair"; privateKey: string; passphrase?: string };

/** Connection settings (secrets only inside `auth`). */
export interface SnowflakeConnectionConfig {
  account: string;
  username: string;
  role?: string;
  warehouse?: string;
  database?: string;
  schema?: string;
  auth: SnowflakeAuth;
  /** Override of `<account>.snowflakecomputing.com` (tests, private link). */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

/** Options of connectSnowflake(). */
export interface ConnectOptions {
  /** Login retries after the first attempt (default 2). */
  loginRetries?: number;
  /** Retries of one query request on network errors and 5xx (default 5). */
  queryRetries?: number;
  /** Request timeout in ms (default 90 s, the driver's). */
  timeoutMs?: number;
}

/** Result of one statement. */
export interface ExecuteResult {
  rows: Record<string, unknown>[];
  /** Rows inserted/deleted/updated for DML; undefined for other statements. */
  rowsAffected: number | undefined;
}

/** An open session. */
export interface SnowflakeSession {
  /** Run one statement; `binds` is one row of values, or an array of rows (array binding). */
  execute(sql: string, binds?: (string | null)[] | (string | null)[][]): Promise<ExecuteResult>;
  /** Close the session (idempotent; errors on close are ignored). */
  close(): Promise<void>;
}

function secretsOf(config: SnowflakeConnectionConfig): (string | undefined)[] {
  return config.auth.kind === "password"
    ? [config.auth.password]
    : [config.auth.privateKey, config.auth.passphrase];
}

/** Open a session; SnowflakeError (authentication, network, role…) when it fails. */
export async function connectSnowflake(
  config: SnowflakeConnectionConfig,
  options: ConnectOptions = {},
): Promise<SnowflakeSession> {
  snowflake.configure({ logLevel: "OFF" });
  const secrets = secretsOf(config);
  const connectionOptions: snowflake.ConnectionOptions = {
    account: config.account,
    username: config.username,
    application: "airq",
    sfRetryMaxLoginRetries: options.loginRetries ?? 2,
    sfRetryMaxNumRetries: options.queryRetries ?? 5,
    timeout: options.timeoutMs ?? 90_000,
    ...(config.role ? { role: config.role } : {}),
    ...(config.warehouse ? { warehouse: config.warehouse } : {}),
    ...(config.database ? { database: config.database } : {}),
    ...(config.schema ? { schema: config.schema } : {}),
    ...(config.host
      ? {
        accessUrl: `${config.protocol ?? "https"}://${config.host}${
          config.port ? `:${config.port}` : ""
        }`,
      }
      : {}),
    ...(config.auth.kind === "password" ? { password: config.auth.password } : {
      authenticator: "SNOWFLAKE_JWT",
      privateKey: config.auth.privateKey,
      ...(config.auth.passphrase ? { privateKeyPass: config.auth.passphrase } : {}),
    }),
  } as unknown as snowflake.ConnectionOptions;
  const where = `connect to Snowflake account "${config.account}" as "${config.username}"`;
  let connection: snowflake.Connection;
  try {
    connection = snowflake.createConnection(connectionOptions);
  } catch (e) {
    throw toSnowflakeError(e, { action: where, secrets });
  }
  const err = await new Promise<unknown>((resolve) => connection.connect((e) => resolve(e)));
  if (err) {
    await new Promise<void>((resolve) => connection.destroy(() => resolve()));
    throw toSnowflakeError(err, { action: where, secrets });
  }
  let closed = false;
  return {
    execute(sql, binds) {
      return new Promise((resolve, reject) => {
        connection.execute({
          sqlText: sql,
          ...(binds === undefined ? {} : { binds: binds as snowflake.Binds }),
          complete: (e, statement, rows) => {
            if (e) {
              const first = sql.replace(/\s+/g, " ").slice(0, 60);
              reject(toSnowflakeError(e, { action: `run "${first}"`, secrets }));
            } else {
              resolve({
                rows: (rows ?? []) as Record<string, unknown>[],
                rowsAffected: nonNegative(statement.getNumUpdatedRows()),
              });
            }
          },
        });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => connection.destroy(() => resolve()));
    },
  };
}

function nonNegative(n: number | undefined): number | undefined {
  return n === undefined || n < 0 ? undefined : n;
}

/**
 * Upload bytes to a stage folder the only way the driver can: write them to a temporary
 * file, `PUT` it (putSql in load/stage_sql.ts), then remove the file. Throws when the PUT's
 * answer is not UPLOADED (the driver reports a failed upload as a result row, not an error).
 */
export async function putFileToStage(
  session: SnowflakeSession,
  file: { bytes: Uint8Array; fileName: string; folder: string },
): Promise<void> {
  if (!/^[A-Za-z0-9_.-]+$/.test(file.fileName)) {
    throw new RangeError(`Invalid file name to PUT: "${file.fileName}"`);
  }
  const dir = await Deno.makeTempDir({ prefix: "airq-put-" });
  try {
    const path = `${dir}/${file.fileName}`;
    await Deno.writeFile(path, file.bytes);
    const { rows } = await session.execute(putSql(path, file.folder));
    const status = String(rows[0]?.status ?? rows[0]?.STATUS ?? "");
    if (rows.length !== 1 || status !== "UPLOADED") {
      const why = String(rows[0]?.message ?? rows[0]?.MESSAGE ?? (status || "no answer"));
      throw new Error(`Cannot put "${file.fileName}" to ${file.folder}: ${why.slice(0, 300)}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
