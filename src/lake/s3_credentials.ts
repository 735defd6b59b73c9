/**
 * AWS credentials for the S3 store: static keys from the environment, or temporary keys from
 * the ECS/AWS Batch container credentials endpoint, cached and refreshed before they expire.
 */
import { ConfigError, cutBody, HttpError } from "../errors.ts";
import { retry, type RetryOptions } from "../http/retry.ts";
import type { S3Credentials } from "./s3_request.ts";

/** Supplies current credentials; `invalidate()` forces a refresh on the next call. */
export interface CredentialProvider {
  /** Where credentials come from, for logs ("environment" or the endpoint URL). */
  readonly source: string;
  get(): Promise<S3Credentials>;
  invalidate(): void;
}

/** Options of credentialsFromEnv(). */
export interface CredentialOptions {
  fetch?: typeof fetch;
  /** Epoch ms now (default Date.now). */
  now?: () => number;
  /** Base of AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (default http://169.254.170.2). */
  containerBaseUrl?: string;
  /** Refresh this long before Expiration (default 5 minutes). */
  refreshMarginMs?: number;
  /** Timeout of one endpoint call (default 5 s). */
  timeoutMs?: number;
  /** Retry of the endpoint call (sleep/random injectable). */
  retry?: RetryOptions;
  /** Reads AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (default Deno.readTextFile). */
  readTextFile?: (path: string) => Promise<string>;
}

/** The ECS/Batch credentials endpoint host. */
export const CONTAINER_CREDENTIALS_BASE = "http://169.254.170.2";

const ALLOWED_HTTP_HOSTS = new Set(["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]);

/**
 * Choose the credential source from the environment. Throws ConfigError naming the variables
 * to set when there is none, or when only half of a key pair is set.
 */
export function credentialsFromEnv(
  env: Record<string, string | undefined>,
  options: CredentialOptions = {},
): CredentialProvider {
  const id = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  if (id && secret) {
    const credentials: S3Credentials = { accessKeyId: id, secretAccessKey: secret };
    if (env.AWS_SESSION_TOKEN) credentials.sessionToken = env.AWS_SESSION_TOKEN;
    return { source: "environment", get: () => Promise.resolve(credentials), invalidate() {} };
  }
  if (id || secret) {
    throw new ConfigError([
      `${id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"} is not set but ` +
      `${id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY"} is: set both (and AWS_SESSION_TOKEN ` +
      `for temporary credentials)`,
    ]);
  }
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (relative) {
    const base = (options.containerBaseUrl ?? CONTAINER_CREDENTIALS_BASE).replace(/\/+$/, "");
    if (!relative.startsWith("/")) {
      throw new ConfigError([
        `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI "${relative}" must start with "/"`,
      ]);
    }
    return containerProvider(`${base}${relative}`, env, options);
  }
  if (full) {
    let url: URL;
    try {
      url = new URL(full);
    } catch {
      throw new ConfigError([`AWS_CONTAINER_CREDENTIALS_FULL_URI "${full}" is not a URL`]);
    }
    const loopback = url.hostname === "localhost" || url.hostname.startsWith("127.") ||
      url.hostname === "[::1]" || ALLOWED_HTTP_HOSTS.has(url.hostname);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
      throw new ConfigError([
        `AWS_CONTAINER_CREDENTIALS_FULL_URI "${full}" must be https, or http on a loopback ` +
        `or ECS link-local host`,
      ]);
    }
    return containerProvider(url.toString(), env, options);
  }
  throw new ConfigError([
    "no AWS credentials for the s3:// lake: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY " +
    "(and AWS_SESSION_TOKEN for temporary credentials), or run on AWS Batch/ECS where " +
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set",
  ]);
}

function containerProvider(
  url: string,
  env: Record<string, string | undefined>,
  options: CredentialOptions,
): CredentialProvider {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const readTextFile = options.readTextFile ?? Deno.readTextFile;
  let cached: S3Credentials | undefined;
  let pending: Promise<S3Credentials> | undefined;

  async function authorization(): Promise<string | undefined> {
    const file = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
    if (file) return (await readTextFile(file)).trim();
    return env.AWS_CONTAINER_AUTHORIZATION_TOKEN || undefined;
  }

  async function fetchOnce(): Promise<S3Credentials> {
    const token = await authorization();
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers.authorization = token;
    const res = await doFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    if (!res.ok) {
      throw new HttpError(
        `Cannot fetch container credentials from "${url}": status ${res.status}: ${cutBody(text)}`,
        { status: res.status, url, bodySnippet: cutBody(text) },
      );
    }
    return parseContainerCredentials(text, url);
  }

  async function refresh(): Promise<S3Credentials> {
    const fresh = await retry(fetchOnce, options.retry ?? {});
    cached = fresh;
    return fresh;
  }

  return {
    source: url,
    get(): Promise<S3Credentials> {
      const expires = cached?.expiresAtMs;
      if (cached && (expires === undefined || now() < expires - margin)) {
        return Promise.resolve(cached);
      }
      pending ??= refresh().finally(() => (pending = undefined));
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** Parse the JSON of the container credentials endpoint; SyntaxError names the bad field. */
export function parseContainerCredentials(text: string, url: string): S3Credentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyntaxError(`Invalid container credentials from "${url}": not JSON`);
  }
  const o = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  for (const field of ["AccessKeyId", "SecretAccessKey"]) {
    if (typeof o[field] !== "string" || o[field] === "") {
      throw new SyntaxError(`Invalid container credentials from "${url}": ${field} is missing`);
    }
  }
  const credentials: S3Credentials = {
    accessKeyId: o.AccessKeyId as string,
    secretAccessKey: o.SecretAccessKey as string,
  };
  if (typeof o.Token === "string" && o.Token !== "") credentials.sessionToken = o.Token;
  if (o.Expiration !== undefined) {
    const at = typeof o.Expiration === "string" ? Date.parse(o.Expiration) : NaN;
    if (Number.isNaN(at)) {
      throw new SyntaxError(
        `Invalid container credentials from "${url}": Expiration is not a date`,
      );
    }
    credentials.expiresAtMs = at;
  }
  return credentials;
}
