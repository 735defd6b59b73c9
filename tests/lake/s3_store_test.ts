// Offline tier: the S3 store against a fake fetch that records requests and serves canned S3
// answers. The real-server tier is s3_store_versitygw_test.ts.
import assert from "node:assert/strict";
import { RetryError } from "../../src/http/retry.ts";
import { StoreUnreachableError } from "../../src/errors.ts";
import type { CredentialProvider } from "../../src/lake/s3_credentials.ts";
import { createS3Store, S3Error, type S3StoreOptions } from "../../src/lake/s3_store.ts";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

function staticCredentials(): CredentialProvider & { invalidated: number } {
  let n = 1;
  const provider = {
    source: "test",
    invalidated: 0,
    get: () =>
      Promise.resolve({ accessKeyId: `AKID${n}`, secretAccessKey: SECRET, sessionToken: `T${n}` }),
    invalidate() {
      provider.invalidated++;
      n++;
    },
  };
  return provider;
}

const s3Error = (status: number, code: string, message: string) =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message>` +
      `<SignatureProvided>deadbeef</SignatureProvided><StringToSign>AWS4-HMAC-SHA256</StringToSign></Error>`,
    { status, headers: { "content-type": "application/xml" } },
  );

/** A store whose fetch answers from `answers` in order and records every request. */
function fakeStore(
  answers: (() => Response | Promise<Response>)[],
  extra: Partial<S3StoreOptions> = {},
) {
  const requests: Request[] = [];
  const sleeps: number[] = [];
  const credentials = staticCredentials();
  const store = createS3Store({
    bucket: "lake",
    prefix: "airq/",
    endpoint: "http://s3.test:9000",
    region: "eu-west-1",
    credentials,
    fetch: (input) => {
      requests.push(input as Request);
      const next = answers.shift();
      if (!next) throw new Error("unexpected request");
      return Promise.resolve(next());
    },
    retry: { attempts: 4, sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0 },
    ...extra,
  });
  return { store, requests, sleeps, credentials };
}

Deno.test("createS3Store() put() retries a 503 SlowDown and sends the signed payload hash", async () => {
  const { store, requests, sleeps } = fakeStore([
    () => s3Error(503, "SlowDown", "Please reduce your request rate."),
    () => new Response(null, { status: 200 }),
  ]);
  assert.equal(store.location, "s3://lake/airq");
  await store.put("raw/a=1.json", new TextEncoder().encode("abc"), {
    contentType: "application/json",
  });
  assert.equal(requests.length, 2);
  for (const req of requests) {
    assert.equal(req.method, "PUT");
    assert.equal(req.url, "http://s3.test:9000/lake/airq/raw/a%3D1.json");
    assert.equal(
      req.headers.get("x-amz-content-sha256"),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    assert.equal(req.headers.get("content-type"), "application/json");
    assert.match(req.headers.get("authorization") ?? "", /\/eu-west-1\/s3\/aws4_request, /);
    assert.equal(new TextDecoder().decode(await req.arrayBuffer()), "abc");
  }
  assert.deepEqual(sleeps, [125]);
});

Deno.test("createS3Store() retries network resets and 500 InternalError, then gives up", async () => {
  const { store, requests, sleeps } = fakeStore([
    () => Promise.reject(new TypeError("connection reset")),
    () => s3Error(500, "InternalError", "We encountered an internal error."),
    () => s3Error(500, "InternalError", "We encountered an internal error."),
    () => s3Error(500, "InternalError", "We encountered an internal error."),
  ]);
  await assert.rejects(() => store.get("k.json"), (error: unknown) => {
    assert.ok(error instanceof RetryError);
    assert.equal(
      error.message,
      'Cannot complete the request after 4 attempts: Cannot get "s3://lake/airq/k.json": ' +
        "500 InternalError: We encountered an internal error",
    );
    assert.ok(error.cause instanceof S3Error);
    assert.equal(error.cause.code, "InternalError");
    return true;
  });
  assert.equal(requests.length, 4);
  assert.deepEqual(sleeps, [125, 250, 500]);
});

Deno.test("createS3Store() stops at a 403 and never shows the secret or the signature", async () => {
  const { store, requests } = fakeStore([
    () =>
      s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match."),
  ]);
  await assert.rejects(() => store.delete("a b.json"), (error: unknown) => {
    assert.ok(error instanceof S3Error);
    assert.equal(
      error.message,
      'Cannot delete "s3://lake/airq/a b.json": 403 SignatureDoesNotMatch: ' +
        "The request signature we calculated does not match: check AWS_ACCESS_KEY_ID and " +
        'AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) for "http://s3.test:9000"',
    );
    assert.equal(error.status, 403);
    assert.equal(error.retriable, false);
    assert.equal(error.url, "http://s3.test:9000/lake/airq/a%20b.json");
    const shown = JSON.stringify({ m: error.message, b: error.bodySnippet, u: error.url });
    for (const secret of [SECRET, "deadbeef", "Signature=", "T1"]) {
      assert.equal(shown.includes(secret), false, secret);
    }
    return true;
  });
  assert.equal(requests.length, 1);
});

Deno.test("createS3Store() get() returns undefined for NoSuchKey and names a missing bucket", async () => {
  const { store } = fakeStore([
    () => s3Error(404, "NoSuchKey", "The specified key does not exist."),
    () => s3Error(404, "NoSuchBucket", "The specified bucket does not exist"),
  ]);
  assert.equal(await store.get("missing.json"), undefined);
  await assert.rejects(() => store.get("missing.json"), {
    name: "S3Error",
    message: 'Cannot get "s3://lake/airq/missing.json": 404 NoSuchBucket: The specified bucket ' +
      'does not exist: create bucket "lake" at "http://s3.test:9000" or fix the lake URI',
  });
});

Deno.test("createS3Store() refreshes credentials once S3 says ExpiredToken", async () => {
  const { store, requests, credentials } = fakeStore([
    () => s3Error(400, "ExpiredToken", "The provided token has expired."),
    () => new Response("hello"),
  ]);
  assert.equal(new TextDecoder().decode(await store.get("a")), "hello");
  assert.equal(credentials.invalidated, 1);
  assert.deepEqual(requests.map((r) => r.headers.get("x-amz-security-token")), ["T1", "T2"]);
});

Deno.test("createS3Store() list() follows continuation tokens and strips the store prefix", async () => {
  const page = (keys: string[], token?: string) =>
    new Response(
      `<ListBucketResult><IsTruncated>${token !== undefined}</IsTruncated>` +
        keys.map((k) => `<Contents><Key>${k}</Key><Size>${k.length}</Size></Contents>`).join("") +
        (token ? `<NextContinuationToken>${token}</NextContinuationToken>` : "") +
        `</ListBucketResult>`,
    );
  const { store, requests } = fakeStore([
    () => page(["airq/raw/a", "airq/raw/b"], "tok/1+="),
    () => page(["airq/raw/c"]),
  ], { maxKeys: 2 });
  const seen = [];
  for await (const o of store.list("raw/")) seen.push(o);
  assert.deepEqual(seen, [
    { key: "raw/a", size: 10 },
    { key: "raw/b", size: 10 },
    { key: "raw/c", size: 10 },
  ]);
  assert.deepEqual(requests.map((r) => r.url), [
    "http://s3.test:9000/lake?list-type=2&prefix=airq%2Fraw%2F&max-keys=2",
    "http://s3.test:9000/lake?list-type=2&prefix=airq%2Fraw%2F&continuation-token=tok%2F1%2B%3D&max-keys=2",
  ]);
});

Deno.test("createS3Store() names the endpoint and the cause when the connection is refused", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = closed.addr.port;
  closed.close();
  const store = createS3Store({
    bucket: "lake",
    prefix: "airq/",
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: staticCredentials(),
    retry: { attempts: 1, sleep: () => Promise.resolve() },
  });
  await assert.rejects(() => store.get("k.json"), (error: unknown) => {
    assert.ok(error instanceof StoreUnreachableError, String(error));
    assert.ok(
      error.message.includes(
        'the last with: Cannot get "s3://lake/airq/k.json": ' +
          `connection refused by 127.0.0.1:${port} (is the server running on that port?)`,
      ),
      error.message,
    );
    return true;
  });
});

Deno.test("createS3Store() gives every request a timeout that names the key", async () => {
  const { store } = fakeStore([], {
    timeoutMs: 5,
    retry: { attempts: 2, sleep: () => Promise.resolve() },
    fetch: (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
      }),
  });
  await assert.rejects(() => store.put("slow.json", new Uint8Array(1)), (error: unknown) => {
    assert.ok(error instanceof StoreUnreachableError);
    assert.match(
      error.message,
      /^Cannot reach the lake "s3:\/\/lake\/airq": 2 attempts failed, the last with: Cannot put "s3:\/\/lake\/airq\/slow\.json": no answer from s3\.test:9000 within 5 ms: check AWS_ENDPOINT_URL_S3 \(".*"\) and the network, or raise AIRQ_S3_TIMEOUT_MS \(5 ms\)$/,
    );
    assert.ok(error.cause instanceof RetryError);
    assert.ok(error.cause.cause instanceof DOMException);
    assert.equal(error.cause.cause.name, "TimeoutError");
    return true;
  });
});

Deno.test("createS3Store() validates keys before any request", async () => {
  const { store, requests } = fakeStore([]);
  await assert.rejects(() => store.put("../x", new Uint8Array(1)), {
    name: "RangeError",
    message: 'Invalid object key "../x": "." or ".." segment',
  });
  assert.equal(requests.length, 0);
});
