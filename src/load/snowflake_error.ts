/**
 * Map errors from snowflake-sdk to one clear, actionable SnowflakeError. Pure: works
 * on the fields the driver sets (`code`, `sqlState`, `name`, `message`) and removes
 * every configured secret from the text, so no password or key is ever echoed.
 */

/** What went wrong, for the hint and for callers that retry. */
export type SnowflakeErrorKind =
  | "authentication"
  | "role"
  | "warehouse"
  | "permission"
  | "missing_object"
  | "network"
  | "session"
  | "sql";

/** A Snowflake failure with a hint naming what to fix. */
export class SnowflakeError extends Error {
  override name = "SnowflakeError";
  readonly kind: SnowflakeErrorKind;
  readonly code: string | undefined;
  readonly sqlState: string | undefined;
  constructor(
    message: string,
    init: { kind: SnowflakeErrorKind; code?: string; sqlState?: string; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    this.sqlState = init.sqlState;
  }
  /** Whether running again later may succeed (network trouble, lost session). */
  get retriable(): boolean {
    return this.kind === "network" || this.kind === "session";
  }
}

const HINTS: Record<SnowflakeErrorKind, string> = {
  authentication:
    "check SNOWFLAKE_ACCOUNT and SNOWFLAKE_USER, and SNOWFLAKE_PASSWORD or the key pair (the user's RSA_PUBLIC_KEY must match SNOWFLAKE_PRIVATE_KEY)",
  role: "check that SNOWFLAKE_ROLE exists and is granted to SNOWFLAKE_USER",
  warehouse:
    "check that SNOWFLAKE_WAREHOUSE is set, exists, and that the role has USAGE on it (GRANT USAGE ON WAREHOUSE … TO ROLE …)",
  permission:
    "grant the role USAGE on the database and schema, CREATE TABLE on the schema (first load) and SELECT, INSERT, DELETE on the table",
  missing_object:
    "check the database and schema names (SNOWFLAKE_DATABASE, SNOWFLAKE_SCHEMA, --table) and that the role has USAGE on them",
  network:
    "check SNOWFLAKE_ACCOUNT (or SNOWFLAKE_HOST/PORT/PROTOCOL) and that this machine can reach Snowflake over HTTPS",
  session: "the session was lost; run the load again",
  sql: "this is a bug or an unexpected table definition; check the table's columns",
};

const AUTH_CODES = new Set(["390100", "390101", "390102", "390144", "390318", "390422", "394304"]);
/** Lost session: Snowflake's 39011x/390104 and the driver's 401004 (invalid token). */
const SESSION_CODES = new Set(["390104", "390112", "390114", "401004"]);
const NETWORK_NAMES = new Set(["NetworkError", "RequestFailedError", "RequestTimeoutError"]);

/** Classify a driver error by code, SQL state and message. */
export function classifySnowflakeError(
  e: { code?: unknown; sqlState?: unknown; name?: unknown; message?: unknown },
): SnowflakeErrorKind {
  const code = e.code === undefined || e.code === null ? "" : String(e.code);
  const message = typeof e.message === "string" ? e.message : "";
  if (
    AUTH_CODES.has(code) || /incorrect username or password|JWT token is invalid/i.test(message)
  ) {
    return "authentication";
  }
  if (code === "390189" || /role .* is not granted|role .* does not exist/i.test(message)) {
    return "role";
  }
  if (code === "000606" || /no active warehouse|warehouse .* does not exist/i.test(message)) {
    return "warehouse";
  }
  if (code === "003001" || /insufficient privileges/i.test(message)) return "permission";
  if (code === "002003" || /does not exist or not authorized/i.test(message)) {
    return "missing_object";
  }
  if (SESSION_CODES.has(code) || /login again|invalid token|session .*expired/i.test(message)) {
    return "session";
  }
  if (
    code === "401001" || NETWORK_NAMES.has(String(e.name)) ||
    /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|socket hang up|network/i.test(message)
  ) {
    return "network";
  }
  return "sql";
}

/** Remove each secret (and its JSON-escaped form) from a text. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    out = out.replaceAll(s, "***").replaceAll(JSON.stringify(s).slice(1, -1), "***");
  }
  return out;
}

/** Options of toSnowflakeError(). */
export interface ToSnowflakeErrorOptions {
  /** What was being done, e.g. `connect to "acct" as "LOADER"`; the message starts "Cannot <action>". */
  action: string;
  /** Secret values that must never appear in the message. */
  secrets: readonly (string | undefined)[];
}

/** Wrap any error thrown by the driver as a SnowflakeError with a hint. */
export function toSnowflakeError(error: unknown, options: ToSnowflakeErrorOptions): SnowflakeError {
  if (error instanceof SnowflakeError) return error;
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as {
    code?: unknown;
    sqlState?: unknown;
    name?: unknown;
    message?: unknown;
  };
  const kind = classifySnowflakeError(e);
  const code = e.code === undefined || e.code === null ? undefined : String(e.code);
  const sqlState = typeof e.sqlState === "string" ? e.sqlState : undefined;
  const raw = (typeof e.message === "string" ? e.message : String(error)).replace(/\s+/g, " ")
    .trim();
  const detail = redactSecrets(raw, options.secrets);
  const shownCode = code && !detail.startsWith(code) ? `${code}: ` : "";
  return new SnowflakeError(
    `Cannot ${options.action}: ${kind} error: ${shownCode}${detail}: ${HINTS[kind]}`,
    {
      kind,
      ...(code === undefined ? {} : { code }),
      ...(sqlState === undefined ? {} : { sqlState }),
    },
  );
}
