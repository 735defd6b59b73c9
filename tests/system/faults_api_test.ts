/**
 * API faults that tests/ingest/ does not cover yet: all five fault kinds at once (429 with
 * Retry-After, 503, dropped connections, answers slower than the timeout, truncated JSON),
 * and a rerun that fails after its retry budget over a complete day, which must stay exactly
 * as it was (nothing published, nothing invalidated).
 */
import assert from "node:assert/strict";
import { type FixtureServerOptions, startFixtureServer } from "../../fixture_api/server.ts";
import { readIngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { createFileStore } from "../../src/lake/file_store.ts";
import { checkLake, corruptUnits, sha256Hex } from "./_lake_checker.ts";

const NOW = Temporal.Instant.from("2026-01-01T00:00:00Z");
const DAY = ["--date", "2024-11-20", "--chunk-size", "5"];

async function ingest(
  dir: string,
  args: string[],
  server: FixtureServerOptions,
  { retries = 5, timeoutMs = 5000, fetch = globalThis.fetch } = {},
) {
  const faults: string[] = [];
  const api = await startFixtureServer({
    now: () => NOW.epochMilliseconds,
    onRequest: (e) => e.fault && faults.push(e.fault),
    ...server,
  });
  try {
    const parsed = readIngestConfig(
      [...args, "--api-url", api.url, "--lake", `file://${dir}`, "--timeout-ms", `${timeoutMs}`],
      {},
      { now: NOW, cwd: dir },
    );
    if (parsed.help) throw new Error("help");
    const events: [string, Record<string, unknown>][] = [];
    const { summary } = await ingestRange(parsed.config, {
      store: createFileStore(dir),
      // Backoff and Retry-After are honoured, scaled down 100x to keep the test short.
      client: createIrcelineClient({
        fetch,
        retries,
        timeoutMs,
        sleep: (ms) => new Promise((r) => setTimeout(r, Math.ceil(ms / 100))),
      }),
      log: (e, f = {}) => events.push([e, f]),
      now: () => Temporal.Now.instant(),
    });
    return { summary, events, faults };
  } finally {
    await api.close();
  }
}

/** Every file of the lake with its sha256. */
async function files(dir: string): Promise<Record<string, string>> {
  const store = createFileStore(dir);
  const out: Record<string, string> = {};
  for await (const { key } of store.list("")) out[key] = await sha256Hex((await store.get(key))!);
  return out;
}

async function withDirs(fn: (a: string, b: string) => Promise<void>): Promise<void> {
  const a = await Deno.makeTempDir({ prefix: "airq-faults-api-" });
  const b = await Deno.makeTempDir({ prefix: "airq-faults-api-" });
  try {
    await fn(a, b);
  } finally {
    await Deno.remove(a, { recursive: true });
    await Deno.remove(b, { recursive: true });
  }
}

Deno.test("ingestRange() completes every series through 20 % faults of all five kinds", async () => {
  await withDirs(async (clean, dir) => {
    const reference = await ingest(clean, DAY, { stations: 30 });
    assert.equal(reference.summary.ok, true);
    const run = await ingest(dir, DAY, {
      failureRate: 0.2,
      failureModes: ["429", "503", "drop", "slow", "truncate"],
      slowMs: 10_000,
      stations: 30,
      seed: 1,
    }, { timeoutMs: 400 });
    assert.equal(run.summary.ok, true);
    assert.deepEqual([...new Set(run.faults)].sort(), ["429", "503", "drop", "slow", "truncate"]);
    assert.equal(run.summary.retries, run.faults.length);
    // Same files, byte for byte, as without faults; the manifests differ only in `run`.
    const want = await files(clean);
    const got = await files(dir);
    const data = (f: Record<string, string>) =>
      Object.fromEntries(Object.entries(f).filter(([k]) => !k.endsWith("_manifest.json")));
    assert.deepEqual(data(got), data(want));
    assert.equal(Object.keys(got).length, Object.keys(want).length);
    assert.deepEqual(
      await checkLake(createFileStore(dir)),
      await checkLake(createFileStore(clean)),
    );
  });
});

const FAILED = "^Cannot complete the request after 3 attempts: ";
const STATIONS = '"http://127\\.0\\.0\\.1:\\d+/sos/api/v1/stations\\?expanded=true"';

for (
  const [mode, error] of [
    [
      "truncate",
      `Cannot read the answer of ${STATIONS}: invalid or truncated JSON \\(\\d+ bytes\\)`,
    ],
    [
      "drop",
      `Cannot fetch GET ${STATIONS}: 127\\.0\\.0\\.1:\\d+ closed the connection: error reading a body from connection$`,
    ],
    ["503", `Cannot fetch GET ${STATIONS}: status 503 Service Unavailable: \\{"statusCode":503,`],
    ["slow", `Cannot fetch GET ${STATIONS}: no answer within 300 ms$`],
    ["429", `Cannot fetch GET ${STATIONS}: status 429 Too Many Requests: `],
  ] as const
) {
  Deno.test(`ingestRange() rerun failing with "${mode}" after its retries leaves the day as it was`, async () => {
    await withDirs(async (dir) => {
      const first = await ingest(dir, ["--date", "2024-11-19", "--to", "2024-11-20"], {});
      assert.equal(first.summary.ok, true);
      const before = await files(dir);
      const trusted = await checkLake(createFileStore(dir));
      const run = await ingest(dir, [...DAY, "--force"], {
        failureRate: 1,
        failureModes: [mode],
        maxFailuresPerRequest: 1000,
        slowMs: 10_000,
      }, { retries: 2, timeoutMs: 300 });
      assert.deepEqual(run.summary.days, [{ date: "2024-11-20", status: "failed" }]);
      const done = run.events.find(([e]) => e === "day_done")![1];
      const errors = done.errors as string[];
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, new RegExp(FAILED + error));
      assert.equal(run.faults.length, 3);
      assert.deepEqual(await files(dir), before);
      const after = await checkLake(createFileStore(dir));
      assert.deepEqual(corruptUnits(after), []);
      assert.deepEqual(after, trusted);
    });
  });
}

Deno.test("ingestRange() publishes nothing of a day when one values chunk fails after its retries", async () => {
  await withDirs(async (dir) => {
    const first = await ingest(dir, ["--date", "2024-11-19", "--to", "2024-11-20"], {});
    assert.equal(first.summary.ok, true);
    const before = await files(dir);
    const trusted = await checkLake(createFileStore(dir));
    // The API answers everything but the bulk chunk holding series 7148 (503 every time).
    const failing: typeof fetch = (input, init) =>
      typeof init?.body === "string" && init.body.includes('"7148"')
        ? Promise.resolve(new Response('{"statusCode":503}', { status: 503 }))
        : fetch(input, init);
    const run = await ingest(dir, [...DAY, "--force"], {}, { retries: 2, fetch: failing });
    assert.deepEqual(run.summary.days, [{ date: "2024-11-20", status: "failed" }]);
    const done = run.events.find(([e]) => e === "day_done")![1];
    assert.ok((done.values as number) > 0, "the other chunks were fetched");
    assert.match(
      (done.errors as string[]).join("\n"),
      /Cannot fetch POST "http:\/\/127\.0\.0\.1:\d+\/sos\/api\/v1\/timeseries\/getData": status 503/,
    );
    assert.deepEqual(await files(dir), before);
    assert.deepEqual(await checkLake(createFileStore(dir)), trusted);
  });
});
