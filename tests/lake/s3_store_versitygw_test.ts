// Real-server tier: the S3 store against versitygw (strict SigV4, payload hash checks), started
// by each test on 127.0.0.1 with a random port. Install it with `bash .ci/setup/20-versitygw.sh`.
import assert from "node:assert/strict";
import { StoreUnreachableError } from "../../src/errors.ts";
import { openStore } from "../../src/lake/open_store.ts";
import type { ObjectInfo, ObjectStore } from "../../src/lake/object_store.ts";
import { buildS3Request, signRequest } from "../../src/lake/s3_request.ts";
import { S3Error } from "../../src/lake/s3_store.ts";
import { startVersitygw, type Versitygw } from "../_versitygw.ts";

const enc = (s: string) => new TextEncoder().encode(s);

async function withGateway(fn: (gw: Versitygw) => Promise<void>): Promise<void> {
  const gw = await startVersitygw();
  try {
    await fn(gw);
  } finally {
    await gw.close();
  }
}

async function collect(store: ObjectStore, prefix: string): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  for await (const o of store.list(prefix)) out.push(o);
  return out;
}

Deno.test("S3 store puts, gets, pages through and deletes objects on versitygw", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("airq-lake");
    const urls: string[] = [];
    const store = await openStore("s3://airq-lake/team/airq", {
      env: gw.env,
      cwd: "/",
      maxKeys: 2,
      fetch: (input, init) => (urls.push((input as Request).url), fetch(input, init)),
    });
    assert.equal(store.location, "s3://airq-lake/team/airq");
    const keys = [
      "raw/irceline/date=2024-01-01/stations.json",
      "raw/irceline/date=2024-01-01/values/bulk_1_2.json",
      "raw/irceline/date=2024-01-02/a file with spaces.json",
      "raw/irceline/date=2024-01-02/x+y(1)!é.json",
      "raw/irceline/date=2024-01-03/_manifest.json",
    ];
    for (const key of keys) {
      await store.put(key, enc(`body of ${key}`), { contentType: "application/json" });
    }
    await store.put("clean/other.parquet", enc("PAR1"));

    assert.equal(new TextDecoder().decode(await store.get(keys[3]!)), `body of ${keys[3]}`);
    assert.equal(await store.get("raw/irceline/date=2024-01-09/stations.json"), undefined);

    urls.length = 0;
    const listed = await collect(store, "raw/irceline/");
    assert.deepEqual(listed, keys.map((key) => ({ key, size: enc(`body of ${key}`).byteLength })));
    assert.equal(urls.length, 3);
    assert.equal(urls.filter((u) => u.includes("continuation-token=")).length, 2);
    assert.deepEqual((await collect(store, "raw/irceline/date=2024-01-02/")).map((o) => o.key), [
      keys[2],
      keys[3],
    ]);
    assert.deepEqual(await collect(store, "nothing/"), []);

    await store.delete(keys[0]!);
    await store.delete(keys[0]!);
    assert.equal(await store.get(keys[0]!), undefined);
    assert.equal((await collect(store, "")).length, 5);
  });
});

Deno.test("S3 store names SignatureDoesNotMatch for a wrong secret and shows no secret", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("airq-lake");
    const wrong = "WRONG-SECRET-0123456789abcdef";
    const store = await openStore("s3://airq-lake/", {
      env: { ...gw.env, AWS_SECRET_ACCESS_KEY: wrong },
      cwd: "/",
    });
    await assert.rejects(() => store.put("raw/a.json", enc("{}")), (error: unknown) => {
      assert.ok(error instanceof S3Error);
      assert.equal(error.status, 403);
      assert.equal(error.code, "SignatureDoesNotMatch");
      assert.match(
        error.message,
        /^Cannot put "s3:\/\/airq-lake\/raw\/a\.json": 403 SignatureDoesNotMatch: /,
      );
      const shown = `${error.message} ${error.bodySnippet} ${error.url}`;
      for (const secret of [wrong, gw.secretAccessKey, "Signature=", "AWS4-HMAC-SHA256"]) {
        assert.equal(shown.includes(secret), false, secret);
      }
      return true;
    });
  });
});

Deno.test("S3 store names the missing bucket with NoSuchBucket", async () => {
  await withGateway(async (gw) => {
    const store = await openStore("s3://not-created/x", { env: gw.env, cwd: "/" });
    await assert.rejects(() => store.put("a.json", enc("{}")), (error: unknown) => {
      assert.ok(error instanceof S3Error);
      assert.equal(error.code, "NoSuchBucket");
      assert.equal(error.status, 404);
      assert.match(
        error.message,
        new RegExp(
          `^Cannot put "s3://not-created/x/a\\.json": 404 NoSuchBucket: .*: create bucket ` +
            `"not-created" at "${gw.endpoint}" or fix the lake URI$`,
        ),
      );
      return true;
    });
    await assert.rejects(() => collect(store, ""), { name: "S3Error" });
  });
});

Deno.test("versitygw rejects a body that does not match the signed payload hash", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("airq-lake");
    const init = await buildS3Request(
      { endpoint: gw.endpoint, region: gw.region, bucket: "airq-lake" },
      { op: "PutObject", key: "tampered.json", body: enc("original") },
    );
    const req = await signRequest({ ...init, body: enc("tampered") }, gw, {
      service: "s3",
      region: gw.region,
    });
    const res = await fetch(req);
    const text = await res.text();
    assert.equal(res.status, 400);
    assert.match(text, /<Code>XAmzContentSHA256Mismatch<\/Code>/);
  });
});

Deno.test("S3 store uses container credentials served on the ECS endpoint", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("airq-lake");
    const calls: string[] = [];
    let token: string | undefined;
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
      calls.push(new URL(req.url).pathname);
      return Response.json({
        AccessKeyId: gw.accessKeyId,
        SecretAccessKey: gw.secretAccessKey,
        ...(token ? { Token: token } : {}),
        Expiration: new Date(Date.now() + 3_600_000).toISOString(),
      });
    });
    const open = () =>
      openStore("s3://airq-lake/batch", {
        env: {
          AWS_ENDPOINT_URL: gw.endpoint,
          AWS_REGION: gw.region,
          AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/job-1",
        },
        cwd: "/",
        containerCredentialsBaseUrl: `http://127.0.0.1:${server.addr.port}`,
      });
    try {
      const store = await open();
      await store.put("a.json", enc("[1]"));
      assert.equal(new TextDecoder().decode(await store.get("a.json")), "[1]");
      assert.deepEqual(calls, ["/v2/credentials/job-1"]);
      // versitygw cannot issue STS tokens, so a token from the endpoint reaches it and is refused.
      token = "session-token-from-ecs";
      await assert.rejects(() => open().then((s) => s.get("a.json")), {
        name: "S3Error",
        message: 'Cannot get "s3://airq-lake/batch/a.json": 400 InvalidToken: ' +
          "The provided token is malformed or otherwise invalid",
      });
    } finally {
      await server.shutdown();
    }
  });
});

Deno.test("S3 store retries an injected 503 SlowDown and then writes to versitygw", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("airq-lake");
    let calls = 0;
    const sleeps: number[] = [];
    const store = await openStore("s3://airq-lake/", {
      env: gw.env,
      cwd: "/",
      retry: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0.5 },
      fetch: (input, init) => {
        calls++;
        if (calls === 1) {
          return Promise.resolve(
            new Response(
              "<Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>",
              {
                status: 503,
              },
            ),
          );
        }
        return fetch(input, init);
      },
    });
    await store.put("raw/x.json", enc("ok"));
    assert.equal(calls, 2);
    assert.deepEqual(sleeps, [188]);
    assert.equal(new TextDecoder().decode(await store.get("raw/x.json")), "ok");
  });
});

Deno.test("S3 store gives up with StoreUnreachableError when versitygw is gone", async () => {
  const gw = await startVersitygw();
  await gw.bucket("airq-lake");
  const store = await openStore("s3://airq-lake/", {
    env: gw.env,
    cwd: "/",
    retry: { attempts: 2, sleep: () => Promise.resolve() },
  });
  await gw.close();
  await assert.rejects(() => store.get("a.json"), (error: unknown) => {
    assert.ok(error instanceof StoreUnreachableError);
    assert.match(
      error.message,
      /^Cannot reach the lake "s3:\/\/airq-lake": 2 attempts failed, the last with: Cannot get "s3:\/\/airq-lake\/a\.json": /,
    );
    return true;
  });
});

Deno.test("startVersitygw() fails with the setup command when the binary is missing", async () => {
  await assert.rejects(() => startVersitygw({ bin: "/nonexistent/versitygw" }), {
    name: "Error",
    message: 'Cannot start versitygw: "/nonexistent/versitygw" is missing; run ' +
      "`bash .ci/setup/20-versitygw.sh`",
  });
});
