import assert from "node:assert/strict";
import { HttpError } from "../../src/errors.ts";
import { backoffDelay, parseRetryAfter, retry, RetryError } from "../../src/http/retry.ts";

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
