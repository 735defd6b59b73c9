/**
 * Open the ObjectStore for a lake URI: `file://…` → file store, `s3://bucket/prefix` → S3 store.
 */
import type { RetryOptions } from "../http/retry.ts";
import type { Logger } from "../log/logger.ts";
import { createFileStore } from "./file_store.ts";
import { parseLakeUri } from "./lake_uri.ts";
import type { ObjectStore } from "./object_store.ts";
import { credentialsFromEnv } from "./s3_credentials.ts";
import { s3EndpointFromEnv, s3TimeoutFromEnv } from "./s3_request.ts";
import { createS3Store } from "./s3_store.ts";

/** Options of openStore(). */
export interface OpenStoreOptions {
  /** Environment (AWS_* variables for s3://); never read from Deno.env here. */
  env: Record<string, string | undefined>;
  /** Folder that relative file:// URIs are resolved against. */
  cwd: string;
  /** fetch used for S3 and the credentials endpoint (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** Base URL of AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (default http://169.254.170.2). */
  containerCredentialsBaseUrl?: string;
  /** Retry settings of S3 calls (attempts, sleep, random, onRetry). */
  retry?: RetryOptions;
  /** ListObjectsV2 page size (default: the server's). */
  maxKeys?: number;
  /** Logs each S3 retry as a warning (event "s3_retry"), as API retries are logged. */
  log?: Logger;
}

/**
 * Open the store of a lake URI. `store.location` is `file:///abs` or `s3://bucket/prefix`.
 * Throws RangeError for a bad URI and ConfigError for missing or invalid AWS settings.
 *
 * @example
 * const store = await openStore("s3://my-lake/airq", { env: Deno.env.toObject(), cwd: Deno.cwd() });
 */
export async function openStore(uri: string, options: OpenStoreOptions): Promise<ObjectStore> {
  const parsed = parseLakeUri(uri, options.cwd);
  if (parsed.kind === "file") return await Promise.resolve(createFileStore(parsed.path));
  const { endpoint, region } = s3EndpointFromEnv(options.env);
  const timeoutMs = s3TimeoutFromEnv(options.env);
  const log = options.log;
  const retry: RetryOptions | undefined = log === undefined ? options.retry : {
    ...options.retry,
    onRetry: (info) => {
      options.retry?.onRetry?.(info);
      const error = info.error instanceof Error ? info.error.message : String(info.error);
      log("s3_retry", { attempt: info.attempt, delay_ms: info.delayMs, error }, "warn");
    },
  };
  const credentials = credentialsFromEnv(options.env, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.containerCredentialsBaseUrl
      ? { containerBaseUrl: options.containerCredentialsBaseUrl }
      : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return createS3Store({
    bucket: parsed.bucket,
    prefix: parsed.prefix,
    endpoint,
    region,
    credentials,
    timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(retry ? { retry } : {}),
    ...(options.maxKeys !== undefined ? { maxKeys: options.maxKeys } : {}),
  });
}
