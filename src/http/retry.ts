/**
 * One retry helper for every network call: jittered exponential backoff that honours
 * Retry-After, an `isRetriable` predicate, and injected sleep/random for tests.
 */
import { HttpError } from "../errors.ts";

/** Options of retry(). */
export interface RetryOptions {
  /** Total attempts including the first (default 5). */
  attempts?: number;
  /** Base delay in ms for the exponential backoff (default 250). */
  baseDelayMs?: number;
  /** Upper bound of one delay in ms (default 20_000). */
  maxDelayMs?: number;
  /** Which errors are worth another attempt (default: isRetriableError). */
  isRetriable?: (error: unknown) => boolean;
  /** Sleeps `ms` milliseconds (injected in tests). */
  sleep?: (ms: number) => Promise<void>;
  /** Random number in [0, 1) for jitter (injected in tests). */
  random?: () => number;
  /** Called before each new attempt with the error that caused it and the delay. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Thrown when every attempt failed; `cause` is the last error. */
export class RetryError extends Error {
  override name = "RetryError";
  readonly attempts: number;
  constructor(attempts: number, cause: unknown) {
    const last = cause instanceof Error ? cause.message : String(cause);
    super(`Cannot complete the request after ${attempts} attempts: ${last}`, { cause });
    this.attempts = attempts;
  }
}

/** 429, 5xx, timeouts and network errors are retriable; other errors are terminal. */
export function isRetriableError(error: unknown): boolean {
  if (error instanceof HttpError) return error.retriable;
  if (error instanceof DOMException) {
    return error.name === "TimeoutError" || error.name === "AbortError";
  }
  // fetch() rejects with TypeError on connection resets, refused connections, DNS.
  if (error instanceof TypeError) return true;
  // A truncated or garbled body read from the network.
  if (error instanceof SyntaxError && (error as { retriable?: boolean }).retriable === true) {
    return true;
  }
  return false;
}

/** Parse a Retry-After header (seconds or HTTP date) into ms; undefined when absent/bad. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The delay before attempt `attempt` (1-based count of failures so far): full jitter. */
export function backoffDelay(
  attempt: number,
  error: unknown,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const exp = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(exp / 2 + options.random() * exp / 2);
  const retryAfter = error instanceof HttpError ? error.retryAfterMs : undefined;
  return retryAfter === undefined
    ? jittered
    : Math.min(options.maxDelayMs, Math.max(retryAfter, jittered));
}

/** Run `fn` until it succeeds, a terminal error occurs, or the attempts are used up. */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const isRetriable = options.isRetriable ?? isRetriableError;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    random,
  };
  for (let attempt = 1;; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetriable(error)) throw error;
      if (attempt >= attempts) throw new RetryError(attempts, error);
      const delayMs = backoffDelay(attempt, error, backoff);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
