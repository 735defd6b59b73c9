/**
 * Building and signing S3 requests, separate from sending them. Path-style URLs
 * `<endpoint>/<bucket>/<key>`, SigV4 through aws4fetch's `AwsClient.sign()` with service "s3"
 * and an explicit region, and a signed payload (`x-amz-content-sha256` = hex sha256 of the body).
 * No fetch and no clock: the signing datetime can be passed in, so tests replay AWS's vectors.
 */
import { AwsClient } from "aws4fetch";
import { ConfigError, redactUserInfo } from "../errors.ts";
import { sha256Hex } from "../sha256_hex.ts";

/** Credentials for SigV4. `expiresAtMs` is set for temporary (container) credentials. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiresAtMs?: number;
}

/** Where requests go: the endpoint (no trailing slash), the region and the bucket. */
export interface S3Target {
  endpoint: string;
  region: string;
  bucket: string;
}

/** One S3 call to build. */
export type S3Operation =
  | { op: "PutObject"; key: string; body: Uint8Array; contentType?: string }
  | { op: "GetObject"; key: string }
  | { op: "DeleteObject"; key: string }
  | { op: "ListObjectsV2"; prefix: string; continuationToken?: string; maxKeys?: number }
  | { op: "CreateBucket" };

/** An unsigned request: method, URL, headers and body. */
export interface S3RequestInit {
  method: "GET" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** Default region when neither AWS_REGION nor AWS_DEFAULT_REGION is set. */
export const DEFAULT_REGION = "eu-west-1";

/** The hex sha256 of the empty body. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * Endpoint and region from the environment: AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, else
 * `https://s3.<region>.amazonaws.com`; region from AWS_REGION, AWS_DEFAULT_REGION or eu-west-1.
 */
export function s3EndpointFromEnv(
  env: Record<string, string | undefined>,
): { endpoint: string; region: string } {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION;
  const problems: string[] = [];
  if (!/^[a-z0-9-]{1,40}$/.test(region)) {
    problems.push(`AWS_REGION "${region}" is not a region name (example: eu-west-1)`);
  }
  const name = env.AWS_ENDPOINT_URL_S3 ? "AWS_ENDPOINT_URL_S3" : "AWS_ENDPOINT_URL";
  const raw = env[name] || `https://s3.${region}.amazonaws.com`;
  let endpoint = raw;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    if (url.username || url.password || url.search || url.hash) throw new Error("extra parts");
    endpoint = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    problems.push(
      `${name} "${redactUserInfo(raw)}" is not an http(s) URL without user info, query or ` +
        "fragment, such as http://127.0.0.1:7070",
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { endpoint, region };
}

/** Timeout of one S3 request in ms when AIRQ_S3_TIMEOUT_MS is not set. */
export const DEFAULT_S3_TIMEOUT_MS = 20_000;

/** AIRQ_S3_TIMEOUT_MS: the timeout of one S3 request, 100 ms to 10 minutes. */
export function s3TimeoutFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.AIRQ_S3_TIMEOUT_MS;
  if (raw === undefined || raw === "") return DEFAULT_S3_TIMEOUT_MS;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 100 && n <= 600_000)) {
    throw new ConfigError([
      `AIRQ_S3_TIMEOUT_MS "${raw}" must be an integer from 100 to 600000 (milliseconds)`,
    ]);
  }
  return n;
}

/** Percent-encode a key for the URL path the way SigV4 canonicalises it (RFC 3986, "/" kept). */
export function encodeKey(key: string): string {
  return key.split("/").map((part) =>
    encodeURIComponent(part).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    )
  ).join("/");
}

/** Build the unsigned request of one operation (path-style, signed payload hash). */
export async function buildS3Request(
  target: S3Target,
  operation: S3Operation,
): Promise<S3RequestInit> {
  const base = `${target.endpoint}/${target.bucket}`;
  const headers: Record<string, string> = { "x-amz-content-sha256": EMPTY_SHA256 };
  switch (operation.op) {
    case "PutObject":
      headers["x-amz-content-sha256"] = await sha256Hex(operation.body);
      headers["content-type"] = operation.contentType ?? "application/octet-stream";
      return {
        method: "PUT",
        url: `${base}/${encodeKey(operation.key)}`,
        headers,
        body: operation.body,
      };
    case "GetObject":
      return { method: "GET", url: `${base}/${encodeKey(operation.key)}`, headers };
    case "DeleteObject":
      return { method: "DELETE", url: `${base}/${encodeKey(operation.key)}`, headers };
    case "ListObjectsV2": {
      const query = new URLSearchParams({ "list-type": "2", prefix: operation.prefix });
      if (operation.continuationToken !== undefined) {
        query.set("continuation-token", operation.continuationToken);
      }
      if (operation.maxKeys !== undefined) query.set("max-keys", String(operation.maxKeys));
      // URLSearchParams writes spaces as "+"; S3 wants %20 (aws4fetch signs the decoded value).
      return { method: "GET", url: `${base}?${query.toString().replace(/\+/g, "%20")}`, headers };
    }
    case "CreateBucket":
      return { method: "PUT", url: base, headers };
  }
}

/** Options of signRequest(). */
export interface SignOptions {
  service: string;
  region: string;
  /** Signing time as `YYYYMMDDTHHMMSSZ` (default: now). */
  datetime?: string;
  /** Sign every header, including ones aws4fetch skips by default such as `range`. */
  allHeaders?: boolean;
}

/** Sign a request with SigV4 through aws4fetch; returns a Request ready for any fetch. */
export async function signRequest(
  init: { method: string; url: string; headers?: Record<string, string>; body?: Uint8Array },
  credentials: S3Credentials,
  options: SignOptions,
): Promise<Request> {
  const client = new AwsClient({
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    service: options.service,
    region: options.region,
    retries: 0,
  });
  const aws: Record<string, unknown> = {};
  if (options.datetime !== undefined) aws.datetime = options.datetime;
  if (options.allHeaders) aws.allHeaders = true;
  return await client.sign(init.url, {
    method: init.method,
    headers: init.headers ?? {},
    ...(init.body !== undefined ? { body: init.body as BodyInit } : {}),
    aws,
  });
}

/** Build and sign one S3 operation. */
export async function signS3Request(
  target: S3Target,
  operation: S3Operation,
  credentials: S3Credentials,
  options: { datetime?: string } = {},
): Promise<Request> {
  const init = await buildS3Request(target, operation);
  return await signRequest(init, credentials, {
    service: "s3",
    region: target.region,
    ...(options.datetime !== undefined ? { datetime: options.datetime } : {}),
  });
}
