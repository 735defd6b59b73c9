import assert from "node:assert/strict";
import { call, withServer } from "./_server.ts";
import { type FixtureServer, startFixtureServer } from "../server.ts";

const HOUR = 3_600_000;
/** Distinct getData paths: one hour each, so every request is a new request key. */
const paths = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const end = new Date(Date.UTC(2024, 0, 1) + i * HOUR).toISOString();
    return `timeseries/6152/getData?timespan=${encodeURIComponent(`PT1H/${end}`)}`;
  });

async function status(server: FixtureServer, path: string): Promise<number> {
  const res = await fetch(new URL(path, server.url));
  await res.body?.cancel();
  return res.status;
}

Deno.test("startFixtureServer() fails about 20 % of 500 requests at failureRate 0.2", async () => {
  await withServer({ failureRate: 0.2, failureModes: ["503"], seed: 42 }, async (server) => {
    const statuses = [];
    for (const path of paths(500)) statuses.push(await status(server, path));
    const failed = statuses.filter((s) => s === 503).length;
    assert.ok(failed >= 70 && failed <= 130, `failed ${failed} of 500`);
    assert.equal(statuses.filter((s) => s === 200).length, 500 - failed);
    assert.deepEqual(server.stats().failures, failed);
    assert.deepEqual(server.stats().requests, 500);
  });
});

Deno.test("startFixtureServer() fails the same requests for the same seed", async () => {
  const run = async (seed: number) => {
    const out: number[] = [];
    await withServer({ failureRate: 0.3, failureModes: ["429", "503"], seed }, async (server) => {
      for (const path of paths(60)) out.push(await status(server, path));
    });
    return out;
  };
  const first = await run(5);
  assert.deepEqual(await run(5), first);
  assert.notDeepEqual(await run(6), first);
});

Deno.test("startFixtureServer() lets attempt k of a request succeed after k failures", async () => {
  await withServer(
    { failureRate: 1, failureModes: ["429"], maxFailuresPerRequest: 2, retryAfterSeconds: 3 },
    async (server) => {
      const path = "timeseries/6152/getData?timespan=PT1H/2023-11-22T01:00:00Z";
      const first = await fetch(new URL(path, server.url));
      assert.equal(first.status, 429);
      assert.equal(first.headers.get("retry-after"), "3");
      assert.deepEqual(await first.json(), {
        statusCode: 429,
        reason: "Too Many Requests",
        userMessage: "Too many requests, please retry later.",
      });
      assert.equal(await status(server, path), 429);
      assert.equal(await status(server, path), 200);
      assert.equal(await status(server, path), 200);
      assert.equal(await status(server, "stations"), 429, "another request has its own count");
    },
  );
});

Deno.test("startFixtureServer() drops the connection: reading the body is a network error", async () => {
  await withServer(
    { failureRate: 1, failureModes: ["drop"], maxFailuresPerRequest: 1 },
    async (server) => {
      const res = await fetch(new URL("stations", server.url));
      await assert.rejects(res.text(), TypeError);
      assert.equal((await call(server, "stations")).status, 200);
      assert.equal(server.stats().failures, 1);
    },
  );
});

Deno.test("startFixtureServer() truncates the JSON body in truncate mode", async () => {
  await withServer(
    { failureRate: 1, failureModes: ["truncate"], maxFailuresPerRequest: 1 },
    async (server) => {
      const cut = await fetch(new URL("stations/1030", server.url));
      assert.equal(cut.status, 200);
      const text = await cut.text();
      assert.throws(() => JSON.parse(text), SyntaxError);
      const whole = await call(server, "stations/1030");
      assert.equal(text, whole.text.slice(0, Math.floor(whole.text.length / 2)));
    },
  );
});

Deno.test("startFixtureServer() waits slowMs through the injected sleep in slow mode", async () => {
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  await withServer(
    { failureRate: 1, failureModes: ["slow"], slowMs: 45_000, latencyMs: 10, sleep },
    async (server) => {
      assert.equal((await call(server, "stations")).status, 200);
      assert.deepEqual(sleeps, [10, 45_000]);
    },
  );
});

Deno.test("close() ends a pending slow answer instead of waiting for it", async () => {
  const server = await startFixtureServer({
    failureRate: 1,
    failureModes: ["slow"],
    slowMs: 3_600_000,
  });
  const pending = fetch(new URL("stations", server.url)).then(async (res) => {
    await res.body?.cancel();
    return res.status;
  }, () => -1);
  while (server.stats().requests === 0) await new Promise((r) => setTimeout(r, 5));
  await server.close();
  assert.ok([200, -1].includes(await pending));
});

Deno.test("startFixtureServer() rejects a failure rate outside 0..1 with TypeError", async () => {
  await assert.rejects(startFixtureServer({ failureRate: 1.5 }), {
    name: "TypeError",
    message: 'Cannot start fixture server: failureRate "1.5" not in 0..1',
  });
});
