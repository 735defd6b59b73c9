import assert from "node:assert/strict";
import { HttpError } from "../../src/errors.ts";
import { RetryError } from "../../src/http/retry.ts";
import { createIrcelineClient, USER_AGENT } from "../../src/irceline/client.ts";
import { bulkValuesRequest, stationsRequest } from "../../src/irceline/requests.ts";

const API = "http://api.test/sos/api/v1/";
const JSON_TYPE = { "content-type": "application/json;charset=UTF-8" };

interface Sent {
  url: string;
  method: string;
  body: string | null;
  headers: Record<string, string>;
  hasSignal: boolean;
}

/** A fetch that answers from a queue and records what was sent. */
function queueFetch(answers: (() => Response)[]) {
  const sent: Sent[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    sent.push({
      url: req.url,
      method: req.method,
      body: init?.body === undefined ? null : await req.text(),
      headers: Object.fromEntries(req.headers),
      hasSignal: init?.signal instanceof AbortSignal,
    });
    const next = answers.shift();
    if (!next) throw new Error("unexpected request");
    return next();
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const noSleep = { sleep: () => Promise.resolve(), random: () => 0 };

Deno.test("client.send() POSTs the body with JSON headers, User-Agent and a timeout", async () => {
  const { fetch, sent } = queueFetch([
    () => new Response('{"1":{"values":[]}}', { headers: JSON_TYPE }),
  ]);
  const client = createIrcelineClient({ fetch, ...noSleep });
  const req = bulkValuesRequest(API, "2024-01-01T00:00:00+01:00/2024-01-02T00:00:00+01:00", [1]);
  const res = await client.send(req);
  assert.deepEqual(sent, [{
    url: "http://api.test/sos/api/v1/timeseries/getData",
    method: "POST",
    body: '{"timespan":"2024-01-01T00:00:00+01:00/2024-01-02T00:00:00+01:00","timeseries":["1"]}',
    headers: {
      "accept": "application/json",
      "content-type": "application/json",
      "user-agent": USER_AGENT,
    },
    hasSignal: true,
  }]);
  assert.equal(USER_AGENT, "airq/0.1.0");
  assert.equal(new TextDecoder().decode(res.bytes), '{"1":{"values":[]}}');
  assert.deepEqual(res.json, { "1": { values: [] } });
  assert.equal(res.status, 200);
  assert.deepEqual(client.stats(), { requests: 1, retries: 0 });
});

Deno.test("client.send() retries 429 honouring Retry-After, 503, a reset and a truncated body", async () => {
  const slept: number[] = [];
  const { fetch, sent } = queueFetch([
    () => new Response('{"statusCode":429}', { status: 429, headers: { "retry-after": "3" } }),
    () => new Response("busy", { status: 503, statusText: "Service Unavailable" }),
    () => {
      throw new TypeError("connection reset");
    },
    () => new Response("[{", { headers: JSON_TYPE }),
    () => new Response("[]", { headers: JSON_TYPE }),
  ]);
  const retried: number[] = [];
  const client = createIrcelineClient({
    fetch,
    sleep: (ms) => (slept.push(ms), Promise.resolve()),
    random: () => 0,
    baseDelayMs: 100,
    onRetry: ({ attempt }) => retried.push(attempt),
  });
  const res = await client.send(stationsRequest(API, null));
  assert.deepEqual(res.json, []);
  assert.equal(sent.length, 5);
  assert.ok(sent.every((s) => s.url === "http://api.test/sos/api/v1/stations?expanded=true"));
  assert.deepEqual(slept, [3_000, 100, 200, 400]);
  assert.deepEqual(retried, [1, 2, 3, 4]);
  assert.deepEqual(client.stats(), { requests: 5, retries: 4 });
});

Deno.test("client.send() throws HttpError at once for a 404, with status and cut body", async () => {
  const body =
    '{"statusCode":404,"reason":"Not Found","userMessage":"The timeseries with id \'9\' was not found."}';
  const { fetch, sent } = queueFetch([
    () => new Response(body, { status: 404, statusText: "Not Found" }),
  ]);
  const client = createIrcelineClient({ fetch, ...noSleep });
  const err = await client.send(bulkValuesRequest(API, "x/y", [9])).catch((e) => e);
  assert.ok(err instanceof HttpError);
  assert.equal(err.status, 404);
  assert.equal(
    err.message,
    `Cannot fetch POST "http://api.test/sos/api/v1/timeseries/getData": status 404 Not Found: ${body}`,
  );
  assert.equal(sent.length, 1);
});

Deno.test("client.send() gives up with RetryError after its retries", async () => {
  const { fetch, sent } = queueFetch(
    Array.from(
      { length: 3 },
      () => () => new Response("down", { status: 503, statusText: "Service Unavailable" }),
    ),
  );
  const client = createIrcelineClient({ fetch, retries: 2, ...noSleep });
  const err = await client.send(stationsRequest(API, null)).catch((e) => e);
  assert.ok(err instanceof RetryError);
  assert.equal(
    err.message,
    'Cannot complete the request after 3 attempts: Cannot fetch GET "http://api.test/sos/api/v1/stations?expanded=true": status 503 Service Unavailable: down',
  );
  assert.equal(sent.length, 3);
  assert.deepEqual(client.stats(), { requests: 3, retries: 2 });
});

Deno.test("client.send() does not retry an HTML answer and names its content type", async () => {
  const { fetch, sent } = queueFetch([
    () => new Response("<html></html>", { headers: { "content-type": "text/html" } }),
  ]);
  const client = createIrcelineClient({ fetch, ...noSleep });
  await assert.rejects(client.send(stationsRequest(API, null)), {
    name: "SyntaxError",
    message:
      'Cannot read the answer of "http://api.test/sos/api/v1/stations?expanded=true": content type "text/html" is not JSON (a wrong --api-url, a proxy or a maintenance page?): <html></html>',
  });
  assert.equal(sent.length, 1);
});

Deno.test("client.send() retries a timed-out attempt", async () => {
  const { fetch, sent } = queueFetch([
    () => {
      throw new DOMException("Signal timed out.", "TimeoutError");
    },
    () => new Response("[]", { headers: JSON_TYPE }),
  ]);
  const client = createIrcelineClient({ fetch, timeoutMs: 5, ...noSleep });
  assert.deepEqual((await client.send(stationsRequest(API, null))).json, []);
  assert.equal(sent.length, 2);
});

Deno.test("client.send() names host, port and cause when the API's port is closed", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = closed.addr.port;
  closed.close();
  const client = createIrcelineClient({ retries: 0, ...noSleep });
  const api = `http://127.0.0.1:${port}/sos/api/v1/`;
  const err = await client.send(stationsRequest(api, null)).catch((e) => e);
  assert.ok(err instanceof RetryError);
  assert.equal(
    err.message,
    `Cannot complete the request after 1 attempts: Cannot fetch GET "${api}stations?expanded=true": ` +
      `connection refused by 127.0.0.1:${port} (is the server running on that port?)`,
  );
  assert.ok(err.cause instanceof TypeError);
});

Deno.test("client.send() names the request in reset and timeout errors, keeping them retriable", async () => {
  const { fetch, sent } = queueFetch([
    () => {
      throw new TypeError("connection reset");
    },
    () => {
      throw new DOMException("Signal timed out.", "TimeoutError");
    },
  ]);
  const client = createIrcelineClient({ fetch, retries: 1, timeoutMs: 300, ...noSleep });
  const err = await client.send(stationsRequest(API, null)).catch((e) => e);
  assert.ok(err instanceof RetryError);
  assert.equal(
    err.message,
    'Cannot complete the request after 2 attempts: Cannot fetch GET "http://api.test/sos/api/v1/stations?expanded=true": no answer within 300 ms',
  );
  assert.equal(sent.length, 2);
  assert.deepEqual(client.stats(), { requests: 2, retries: 1 });
});

Deno.test("client.send() refuses an answer over maxBytes while reading it, without retrying", async () => {
  const chunked = () =>
    new Response(
      new ReadableStream({
        pull(c) {
          c.enqueue(new TextEncoder().encode('["xxxxxxxx",'));
        },
      }),
      { headers: JSON_TYPE },
    );
  const declared = () =>
    new Response("[1,2,3,4,5,6,7,8,9,10,11,12]", {
      headers: { ...JSON_TYPE, "content-length": "28" },
    });
  for (const answer of [chunked, declared]) {
    const { fetch, sent } = queueFetch([answer, answer]);
    const client = createIrcelineClient({ fetch, maxBytes: 20, retries: 1, ...noSleep });
    await assert.rejects(() => client.send(stationsRequest(API, null)), {
      message: `Cannot fetch GET "${API}stations?expanded=true": the answer is larger than 20 ` +
        "bytes, the limit of one API answer: check --api-url (AIRQ_API_URL)",
    });
    assert.equal(sent.length, 1);
  }
});
