import assert from "node:assert/strict";
import { HttpError } from "../../src/errors.ts";
import {
  backoffDelay,
  isRetriableError,
  parseRetryAfter,
  retry,
  RetryError,
} from "../../src/http/retry.ts";

function http(status: number, retryAfterMs?: number): HttpError {
  return new HttpError(`status ${status}`, {
    status,
    url: "http://x/",
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

Deno.test("retry() retries 429/5xx and network errors, then succeeds", async () => {
  const slept: number[] = [];
  const errors = [http(429), http(503), new TypeError("connection reset")];
  const result = await retry(
    (attempt) => {
      const e = errors[attempt - 1];
      return e ? Promise.reject(e) : Promise.resolve("ok");
    },
    { sleep: (ms) => (slept.push(ms), Promise.resolve()), random: () => 0, baseDelayMs: 100 },
  );
  assert.equal(result, "ok");
  assert.deepEqual(slept, [50, 100, 200]);
});

Deno.test("retry() does not retry a 404 or a TypeError thrown by our own code path", async () => {
  let calls = 0;
  await assert.rejects(
    retry(() => (calls++, Promise.reject(http(404))), { sleep: () => Promise.resolve() }),
    (e: unknown) => e instanceof HttpError && e.status === 404,
  );
  assert.equal(calls, 1);
});

Deno.test("retry() throws RetryError with the last error as cause after its budget", async () => {
  let calls = 0;
  const err = await retry(() => (calls++, Promise.reject(http(503))), {
    attempts: 3,
    sleep: () => Promise.resolve(),
  }).catch((e) => e);
  assert.ok(err instanceof RetryError);
  assert.equal(calls, 3);
  assert.match(err.message, /^Cannot complete the request after 3 attempts: status 503$/);
  assert.equal((err.cause as HttpError).status, 503);
});

Deno.test("backoffDelay() honours Retry-After above the jittered delay, capped", () => {
  const opts = { baseDelayMs: 100, maxDelayMs: 5_000, random: () => 1 };
  assert.equal(backoffDelay(1, http(429, 3_000), opts), 3_000);
  assert.equal(backoffDelay(1, http(429, 60_000), opts), 5_000);
  assert.equal(backoffDelay(4, http(503), opts), 800);
  assert.equal(backoffDelay(20, http(503), opts), 5_000);
});

Deno.test("parseRetryAfter() reads seconds and HTTP dates", () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);
  assert.equal(parseRetryAfter("2", now), 2_000);
  assert.equal(parseRetryAfter("Mon, 01 Jan 2024 12:00:05 GMT", now), 5_000);
  assert.equal(parseRetryAfter(null, now), undefined);
  assert.equal(parseRetryAfter("soon", now), undefined);
});

Deno.test("isRetriableError() retries 429, 5xx, timeouts, aborts, network and marked body errors only", () => {
  const marked = Object.assign(new SyntaxError("truncated body"), { retriable: true });
  const retriable = [
    http(429),
    http(500),
    http(503),
    new DOMException("slow", "TimeoutError"),
    new DOMException("gone", "AbortError"),
    new TypeError("connection reset"),
    marked,
  ];
  const terminal = [
    http(400),
    http(404),
    new DOMException("no", "NotFoundError"),
    new SyntaxError("bad JSON"),
    Object.assign(new SyntaxError("bad JSON"), { retriable: "yes" }),
    new RangeError("bad option"),
    "a string",
  ];
  assert.deepEqual(retriable.map(isRetriableError), retriable.map(() => true));
  assert.deepEqual(terminal.map(isRetriableError), terminal.map(() => false));
});

Deno.test("retry() reports each retry to onRetry with its attempt, delay and error", async () => {
  const seen: unknown[] = [];
  const errors = [http(503), http(429)];
  await retry(
    (attempt) => errors[attempt - 1] ? Promise.reject(errors[attempt - 1]) : Promise.resolve(1),
    {
      sleep: () => Promise.resolve(),
      random: () => 0,
      baseDelayMs: 100,
      onRetry: (info) => seen.push(info),
    },
  );
  assert.deepEqual(seen, [
    { attempt: 1, delayMs: 50, error: errors[0] },
    { attempt: 2, delayMs: 100, error: errors[1] },
  ]);
});

Deno.test("retry() waits for real between attempts when no sleep is injected", async () => {
  const started = performance.now();
  const result = await retry(
    (attempt) => attempt === 1 ? Promise.reject(http(503)) : Promise.resolve("ok"),
    { random: () => 0, baseDelayMs: 80 },
  );
  assert.equal(result, "ok");
  // The delay is 40 ms (half of 80 with no jitter); timers never fire much before their time.
  assert.ok(performance.now() - started >= 30, `waited ${performance.now() - started} ms`);
});

Deno.test("RetryError names itself and keeps the attempt count", () => {
  const e = new RetryError(4, "plain");
  assert.deepEqual([e.name, e.attempts, e.message], [
    "RetryError",
    4,
    "Cannot complete the request after 4 attempts: plain",
  ]);
});

Deno.test("parseRetryAfter() takes whole or decimal seconds only, else an HTTP date", () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);
  assert.equal(parseRetryAfter(" 3 ", now), 3_000);
  assert.equal(parseRetryAfter("12", now), 12_000);
  assert.equal(parseRetryAfter("1.25", now), 1_250);
  assert.equal(parseRetryAfter("", now), undefined);
  assert.equal(parseRetryAfter("   ", now), undefined);
  assert.equal(parseRetryAfter("x2", now), undefined);
  assert.equal(parseRetryAfter("01 Jan 2024 12:00:05 GMT", now), 5_000);
  assert.equal(parseRetryAfter("Mon, 01 Jan 2024 11:00:00 GMT", now), 0);
});
