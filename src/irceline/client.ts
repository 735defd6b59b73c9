/**
 * The HTTP adapter of the API: sends an ApiRequest with a timeout, a User-Agent and
 * retries (src/http/retry.ts), and returns the answer's exact bytes plus its JSON.
 * Counts requests (every attempt) and retries.
 */
import { cutBody, HttpError, redactUrl, redactUserInfo } from "../errors.ts";
import { parseRetryAfter, retry } from "../http/retry.ts";
import { networkCause } from "../http/network_cause.ts";
import { AIRQ_VERSION } from "../version.ts";
import { decodeJson } from "./decode_json.ts";
import { MAX_ANSWER_BYTES } from "./limits.ts";
import type { ApiRequest } from "./requests.ts";

/** One successful answer. */
export interface ApiResponse {
  request: ApiRequest;
  status: number;
  contentType: string;
  /** The body exactly as received. */
  bytes: Uint8Array;
  json: unknown;
}

/** Information passed to `onRetry`. */
export interface ClientRetryInfo {
  request: ApiRequest;
  attempt: number;
  delayMs: number;
  error: unknown;
}

/** Options of createIrcelineClient(). */
export interface IrcelineClientOptions {
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms, covering the body too (default 60_000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** Base backoff delay in ms (default 250). */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Epoch ms now, for Retry-After dates. */
  now?: () => number;
  userAgent?: string;
  onRetry?: (info: ClientRetryInfo) => void;
  /** Largest answer in bytes (default MAX_ANSWER_BYTES); a larger one fails, unretried. */
  maxBytes?: number;
}

/** Attempts and retries of a client, or of some of its calls. */
export interface ClientStats {
  requests: number;
  retries: number;
}

/** A client of the API. */
export interface IrcelineClient {
  /** Send with retries; `counts`, when given, also counts this call's attempts and retries. */
  send(request: ApiRequest, counts?: ClientStats): Promise<ApiResponse>;
  stats(): ClientStats;
}

/** The User-Agent airq sends. */
export const USER_AGENT = `airq/${AIRQ_VERSION}`;

/** Create a client; nothing is sent until `send`. */
export function createIrcelineClient(options: IrcelineClientOptions = {}): IrcelineClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? MAX_ANSWER_BYTES;
  let requests = 0;
  let retries = 0;

  async function attempt(request: ApiRequest, counts?: ClientStats): Promise<ApiResponse> {
    requests++;
    if (counts !== undefined) counts.requests++;
    const headers: Record<string, string> = {
      "accept": "application/json",
      "user-agent": options.userAgent ?? USER_AGENT,
    };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const url = redactUrl(request.url);
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await doFetch(request.url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      bytes = await readCapped(res, maxBytes);
    } catch (error) {
      if (error instanceof TooLarge) {
        throw new Error(
          `Cannot fetch ${request.method} "${url}": the answer is larger than ${maxBytes} ` +
            `bytes, the limit of one API answer: check --api-url (AIRQ_API_URL)`,
        );
      }
      throw networkError(`${request.method} "${url}"`, request.url, error, timeoutMs);
    }
    if (!res.ok) {
      const snippet = cutBody(new TextDecoder().decode(bytes));
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), now());
      throw new HttpError(
        `Cannot fetch ${request.method} "${url}": status ${res.status} ${res.statusText}: ${snippet}`,
        {
          status: res.status,
          url: request.url,
          bodySnippet: snippet,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
      );
    }
    const contentType = res.headers.get("content-type") ?? "";
    const json = decodeJson(bytes, contentType, url);
    // The answer names its request without user info: it is stored and shown from here on.
    const shown = { ...request, url: redactUserInfo(request.url) };
    return { request: shown, status: res.status, contentType, bytes, json };
  }

  return {
    send(request, counts) {
      return retry(() => attempt(request, counts), {
        attempts: (options.retries ?? 5) + 1,
        ...(options.baseDelayMs === undefined ? {} : { baseDelayMs: options.baseDelayMs }),
        ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
        ...(options.random === undefined ? {} : { random: options.random }),
        onRetry: ({ attempt, delayMs, error }) => {
          retries++;
          if (counts !== undefined) counts.retries++;
          const shown = { ...request, url: redactUserInfo(request.url) };
          options.onRetry?.({ request: shown, attempt, delayMs, error });
        },
      });
    },
    stats: () => ({ requests, retries }),
  };
}

/** An answer over the size limit (not retriable: the same request gets the same answer). */
class TooLarge extends Error {}

/** The body of `res`, read chunk by chunk and abandoned past `max` bytes. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > max) {
    await res.body?.cancel();
    throw new TooLarge();
  }
  if (res.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += chunk.byteLength;
    if (total > max) throw new TooLarge(); // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * A network failure naming the request, the host and port and why (refused, DNS, TLS…); same
 * class, so retry() still sees it as retriable.
 */
function networkError(what: string, url: string, error: unknown, timeoutMs: number): unknown {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new DOMException(
      `Cannot fetch ${what}: no answer within ${timeoutMs} ms`,
      "TimeoutError",
    );
  }
  if (error instanceof TypeError) {
    return new TypeError(`Cannot fetch ${what}: ${networkCause(url, error)}`, { cause: error });
  }
  return error;
}
