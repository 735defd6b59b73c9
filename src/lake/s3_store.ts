/**
 * ObjectStore on S3 (or any strict S3 server) through aws4fetch: every request is built and
 * signed by s3_request.ts, sent through the injected fetch with a timeout, checked with
 * `res.ok`, and retried once per layer by retry() (503 SlowDown, 500, network resets).
 * Error messages carry the S3 code, the s3:// URI of the key and the status; never a secret.
 */
import { HttpError, StoreUnreachableError } from "../errors.ts";
import { hostPort, networkCause } from "../http/network_cause.ts";
import { isRetriableError, retry, RetryError, type RetryOptions } from "../http/retry.ts";
import { checkKey, checkPrefix } from "./_key.ts";
import { parseListObjectsV2, parseS3Error } from "./_s3_xml.ts";
import type { ObjectInfo, ObjectStore, PutOptions } from "./object_store.ts";
import type { CredentialProvider } from "./s3_credentials.ts";
import {
  DEFAULT_S3_TIMEOUT_MS,
  type S3Operation,
  type S3Target,
  signS3Request,
} from "./s3_request.ts";

/** An error answer from S3, with its S3 error code. */
export class S3Error extends HttpError {
  override name = "S3Error";
  /** The S3 error code, e.g. "NoSuchBucket" ("" when the body had none). */
  readonly code: string;
  constructor(
    message: string,
    init: { status: number; url: string; code: string; bodySnippet: string },
  ) {
    super(message, init);
    this.code = init.code;
  }
  override get retriable(): boolean {
    return super.retriable || this.code === "RequestTimeout" || this.code === "SlowDown";
  }
}

/** Options of createS3Store(). */
export interface S3StoreOptions {
  bucket: string;
  /** Key prefix inside the bucket: "" or ending with "/". */
  prefix: string;
  endpoint: string;
  region: string;
  credentials: CredentialProvider;
  fetch?: typeof fetch;
  /** Timeout of one request in ms (default DEFAULT_S3_TIMEOUT_MS; AIRQ_S3_TIMEOUT_MS). */
  timeoutMs?: number;
  /** ListObjectsV2 page size (default: the server's, 1000 on AWS). */
  maxKeys?: number;
  /** Retry settings (attempts, sleep, random, onRetry). */
  retry?: RetryOptions;
}

const VERB: Record<S3Operation["op"], string> = {
  PutObject: "put",
  GetObject: "get",
  DeleteObject: "delete",
  ListObjectsV2: "list",
  CreateBucket: "create bucket",
};

/** S3 error codes of bad credentials (XAdminUserNotFound: versitygw's unknown access key). */
const CREDENTIAL_CODES = new Set([
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
  "XAdminUserNotFound",
]);

/** Create an ObjectStore on `s3://bucket/prefix`. */
export function createS3Store(options: S3StoreOptions): ObjectStore {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_S3_TIMEOUT_MS;
  const { bucket, prefix } = options;
  if (prefix !== "" && !prefix.endsWith("/")) {
    throw new TypeError(`Invalid S3 store prefix "${prefix}": must be "" or end with "/"`);
  }
  const target: S3Target = { endpoint: options.endpoint, region: options.region, bucket };
  const location = `s3://${bucket}/${prefix}`.replace(/\/$/, "");
  const uriOf = (key: string) => `s3://${bucket}/${prefix}${key}`;

  /**
   * Send one operation and read its body with `read`, both inside one retried attempt (so a
   * reset mid-body is retried too). Undefined on GetObject 404 NoSuchKey.
   */
  async function send<T>(
    operation: S3Operation,
    key: string,
    read: (res: Response) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await attempts(operation, key, read);
    } catch (error) {
      // Every attempt timed out or failed on the network: the store is unreachable.
      if (error instanceof RetryError && !(error.cause instanceof HttpError)) {
        const last = error.cause instanceof Error ? error.cause.message : String(error.cause);
        throw new StoreUnreachableError(
          `Cannot reach the lake "${location}": ${error.attempts} attempts failed, the last ` +
            `with: ${last}: check AWS_ENDPOINT_URL_S3 ("${options.endpoint}") and the network, ` +
            `or raise AIRQ_S3_TIMEOUT_MS (${timeoutMs} ms)`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** send() without its unreachable check: the retried attempts. */
  async function attempts<T>(
    operation: S3Operation,
    key: string,
    read: (res: Response) => Promise<T>,
  ): Promise<T | undefined> {
    return await retry(async () => {
      const credentials = await options.credentials.get();
      const request = await signS3Request(target, operation, credentials);
      const uri = uriOf(key);
      let res: Response;
      try {
        res = await doFetch(request, { signal: AbortSignal.timeout(timeoutMs) });
        if (res.ok) return await read(res);
      } catch (error) {
        throw networkError(`${VERB[operation.op]} "${uri}"`, request.url, error, timeoutMs);
      }
      const text = await res.text().catch(() => "");
      const parsed = parseS3Error(text);
      const code = parsed?.code ?? "";
      if (res.status === 404 && code === "NoSuchKey" && operation.op === "GetObject") {
        return undefined;
      }
      if (code === "ExpiredToken") options.credentials.invalidate();
      const s3Message = (parsed?.message ?? "").replace(/\.$/, "");
      const detail = parsed
        ? `${code}${s3Message ? `: ${s3Message}` : ""}`
        : res.statusText || "no S3 error body";
      const hint = code === "NoSuchBucket"
        ? `: create bucket "${bucket}" at "${options.endpoint}" or fix the lake URI`
        : CREDENTIAL_CODES.has(code)
        ? ": check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) for " +
          `"${options.endpoint}"`
        : code === "AccessDenied"
        ? `: grant these credentials access to "s3://${bucket}/${prefix}" (IAM policy)`
        : "";
      throw new S3Error(`Cannot ${VERB[operation.op]} "${uri}": ${res.status} ${detail}${hint}`, {
        status: res.status,
        url: request.url,
        code,
        bodySnippet: parsed ? `${code}: ${s3Message}` : "",
      });
    }, {
      ...options.retry,
      isRetriable: (error) =>
        isRetriableError(error) || (error instanceof S3Error && error.code === "ExpiredToken"),
    });
  }

  return {
    location,
    async put(key: string, body: Uint8Array, putOptions?: PutOptions): Promise<void> {
      checkKey(key);
      await send(
        {
          op: "PutObject",
          key: prefix + key,
          body,
          ...(putOptions?.contentType ? { contentType: putOptions.contentType } : {}),
        },
        key,
        drain,
      );
    },
    async get(key: string): Promise<Uint8Array | undefined> {
      checkKey(key);
      return await send(
        { op: "GetObject", key: prefix + key },
        key,
        async (res) => new Uint8Array(await res.arrayBuffer()),
      );
    },
    async *list(listPrefix: string): AsyncIterable<ObjectInfo> {
      checkPrefix(listPrefix);
      let token: string | undefined;
      do {
        const page = (await send(
          {
            op: "ListObjectsV2",
            prefix: prefix + listPrefix,
            ...(token !== undefined ? { continuationToken: token } : {}),
            ...(options.maxKeys !== undefined ? { maxKeys: options.maxKeys } : {}),
          },
          listPrefix,
          async (res) => parseListObjectsV2(await res.text()),
        ))!;
        for (const object of page.objects) {
          if (!object.key.startsWith(prefix)) continue;
          yield { key: object.key.slice(prefix.length), size: object.size };
        }
        token = page.nextContinuationToken;
      } while (token !== undefined);
    },
    async delete(key: string): Promise<void> {
      checkKey(key);
      await send({ op: "DeleteObject", key: prefix + key }, key, drain);
    },
  };
}

async function drain(res: Response): Promise<void> {
  await res.arrayBuffer();
}

/** A network failure naming the object, the endpoint's host and port and why. */
function networkError(what: string, url: string, error: unknown, timeoutMs: number): unknown {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new DOMException(
      `Cannot ${what}: no answer from ${hostPort(url).target} within ${timeoutMs} ms`,
      "TimeoutError",
    );
  }
  if (error instanceof TypeError) {
    return new TypeError(`Cannot ${what}: ${networkCause(url, error)}`, { cause: error });
  }
  return error;
}
