/**
 * Snowflake connection settings from SNOWFLAKE_* variables: account, user, role, warehouse,
 * database, schema, host override and exactly one way to authenticate (key pair or
 * password). Pure: the key file is read by the task. Messages never contain a secret.
 */
import { createPrivateKey } from "node:crypto";
import { netHostProblem } from "../config/net_host.ts";
import type { SnowflakeAuth, SnowflakeConnectionConfig } from "../snowflake.ts";
import { identifierProblem } from "./identifiers.ts";

function authOf(
  env: Record<string, string | undefined>,
  options: ReadConnectionConfigOptions,
  problems: string[],
): SnowflakeAuth | undefined {
  const keyFile = options.privateKeyFile;
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
  if (keyPath && options.keyFileLater) return { kind: "keypair", privateKey: "" };
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
  } else if (!keyReadable(pem, passphrase)) {
    problems.push(
      `Cannot read the private key of ${where}: the PEM block does not decode to a private ` +
        `key${passphrase ? " with SNOWFLAKE_PRIVATE_KEY_PASSPHRASE" : ""}: set it to the key ` +
        `made by "openssl genrsa 2048 | openssl pkcs8 -topk8 -nocrypt" (whole, with its ` +
        `BEGIN/END lines)${passphrase ? " or check the passphrase" : ""}`,
    );
  }
  return { kind: "keypair", privateKey: pem, ...(passphrase ? { passphrase } : {}) };
}

/** Whether `pem` decodes to a private key (the driver would fail to sign with it otherwise). */
function keyReadable(pem: string, passphrase: string | undefined): boolean {
  try {
    createPrivateKey({ key: pem, format: "pem", ...(passphrase ? { passphrase } : {}) });
    return true;
  } catch {
    return false;
  }
}

/** Options of readConnectionConfig(). */
export interface ReadConnectionConfigOptions {
  /** Content of SNOWFLAKE_PRIVATE_KEY_PATH, or an Error when it could not be read. */
  privateKeyFile?: string | Error | undefined;
  /**
   * Leave the key file unread and unchecked (the launcher plans a run without reading
   * secrets; the task itself reads and checks the file).
   */
  keyFileLater?: boolean;
}

/** The connection settings from SNOWFLAKE_* variables, and every problem found (no secrets). */
export function readConnectionConfig(
  env: Record<string, string | undefined>,
  options: ReadConnectionConfigOptions = {},
): { connection: SnowflakeConnectionConfig; problems: string[] } {
  const problems: string[] = [];
  const get = (name: string) => env[name]?.trim() || undefined;
  for (const name of ["SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER"]) {
    if (!get(name)) problems.push(`${name} must be set`);
  }
  const account = get("SNOWFLAKE_ACCOUNT") ?? "";
  const accountHost = `${account}.snowflakecomputing.com`;
  if (
    account && (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(account) || netHostProblem(accountHost))
  ) {
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
  if (host && (!/^[A-Za-z0-9.-]+$/.test(host) || netHostProblem(host))) {
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
  const auth = authOf(env, options, problems);
  const optional = (name: string, key: keyof SnowflakeConnectionConfig) =>
    get(name) ? { [key]: get(name) } : {};
  const connection: SnowflakeConnectionConfig = {
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
  return { connection, problems };
}
