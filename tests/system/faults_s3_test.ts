/**
 * Ingest + transform into s3:// through a fault-injecting proxy in front of versitygw: the run
 * completes, every object is identical to a fault-free run (sha256), and no `_manifest.json` or
 * `_SUCCESS` reached S3 before the data it lists.
 */
import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { readIngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { parseManifest } from "../../src/lake/raw_manifest.ts";
import { parseSuccessMarker } from "../../src/lake/success_marker.ts";
import { transformRange } from "../../src/transform/transform_range.ts";
import { type ProxyRecord, S3_FAULT_MODES, startS3FaultProxy } from "../_s3_fault_proxy.ts";
import { startVersitygw } from "../_versitygw.ts";
import { checkLake, corruptUnits, sha256Hex } from "./_lake_checker.ts";

const NOW = Temporal.Instant.from("2026-01-01T00:00:00Z");
const DATES = ["2024-11-19", "2024-11-20"];
const BUCKET = "airq-faults";
const fastSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.ceil(ms / 100)));
const decoder = new TextDecoder();

async function pipeline(apiUrl: string, lake: string, env: Record<string, string>) {
  const parsed = readIngestConfig(
    ["--date", DATES[0]!, "--to", DATES[1]!, "--api-url", apiUrl, "--lake", lake],
    env,
    { now: NOW, cwd: "/" },
  );
  if (parsed.help) throw new Error("help");
  const store = await openStore(lake, { env, cwd: "/", retry: { sleep: fastSleep } });
  const client = createIrcelineClient({ retries: 3, timeoutMs: 5000, sleep: fastSleep });
  const ingest = await ingestRange(parsed.config, {
    store,
    client,
    log: () => {},
    now: () => Temporal.Now.instant(),
  });
  const transform = await transformRange(DATES, {
    store,
    timezone: "Europe/Brussels",
    db: openDuckDb,
    log: () => {},
    clock: () => performance.now(),
  });
  return { store, ingest: ingest.summary, transform: transform.summary };
}

/** key → sha256 of every object; manifests without `run`, markers without the manifest hash. */
async function digest(store: ObjectStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const { key } of store.list("")) {
    const body = (await store.get(key))!;
    if (key.endsWith("/_manifest.json")) {
      const { run: _run, ...rest } = parseManifest(decoder.decode(body), key);
      out[key] = JSON.stringify(rest);
    } else if (key.endsWith("/_SUCCESS")) {
      const { source_manifest_sha256: _s, ...rest } = parseSuccessMarker(decoder.decode(body), key);
      out[key] = JSON.stringify(rest);
    } else {
      out[key] = await sha256Hex(body);
    }
  }
  return out;
}

/** Keys PUT successfully (S3 answered 2xx), in the order S3 applied them. */
function appliedPuts(records: ProxyRecord[], prefix: string): string[] {
  return records
    .filter((r) => r.method === "PUT" && r.upstreamStatus !== undefined && r.upstreamStatus < 300)
    .map((r) => decodeURIComponent(r.path))
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length));
}

Deno.test({
  name: "ingest and transform into s3:// complete through 503/500/resets with intact objects",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const vgw = await startVersitygw();
  const api = await startFixtureServer({ now: () => NOW.epochMilliseconds });
  const proxy = await startS3FaultProxy(vgw.endpoint, { failureRate: 0.2, seed: 3 });
  try {
    await vgw.bucket(BUCKET);
    const reference = await pipeline(api.url, `s3://${BUCKET}/reference`, vgw.env);
    assert.equal(reference.ingest.ok, true);
    assert.equal(reference.transform.ok, true);

    const env = { ...vgw.env, AWS_ENDPOINT_URL_S3: proxy.endpoint };
    const faulty = await pipeline(api.url, `s3://${BUCKET}/faulty`, env);
    assert.equal(faulty.ingest.ok, true);
    assert.equal(faulty.transform.ok, true);

    const records = proxy.records();
    const seen = new Set(records.flatMap((r) => (r.fault ? [r.fault] : [])));
    assert.deepEqual([...seen].sort(), [...S3_FAULT_MODES].sort());
    assert.ok(records.filter((r) => r.fault).length >= 10, "expected at least 10 faults");

    // Every object intact: same keys and the same bytes as the fault-free run.
    const direct = (prefix: string) =>
      openStore(`s3://${BUCKET}/${prefix}`, { env: vgw.env, cwd: "/" });
    const want = await digest(await direct("reference"));
    const got = await digest(await direct("faulty"));
    assert.ok(Object.keys(want).length > 20, `only ${Object.keys(want).length} objects`);
    assert.deepEqual(got, want);

    // Every marker is trusted, and each marker reached S3 after everything it lists.
    const state = await checkLake(await direct("faulty"));
    assert.deepEqual(corruptUnits(state), []);
    assert.equal(Object.values(state).every((s) => s.status === "trusted"), true);
    const order = appliedPuts(records, `/${BUCKET}/faulty/`);
    const firstPut = (key: string) => order.indexOf(key);
    const lake = await direct("faulty");
    let markers = 0;
    for (const date of DATES) {
      const prefix = `raw/irceline/date=${date}/`;
      const manifestAt = order.lastIndexOf(`${prefix}_manifest.json`);
      const manifest = parseManifest(
        decoder.decode((await lake.get(`${prefix}_manifest.json`))!),
        prefix,
      );
      for (const f of manifest.files) {
        const at = firstPut(`${prefix}${f.path}`);
        assert.ok(
          at >= 0 && at < manifestAt,
          `${prefix}${f.path} put at ${at}, manifest ${manifestAt}`,
        );
      }
      markers++;
      for (const table of ["measurements_hourly", "aggregate_station_by_day"]) {
        const key = `clean/${table}/date=${date}/_SUCCESS`;
        const marker = parseSuccessMarker(decoder.decode((await lake.get(key))!), key);
        const markerAt = order.lastIndexOf(key);
        assert.ok(markerAt > manifestAt, `${key} before the raw manifest`);
        for (const f of marker.files) {
          const at = firstPut(f.key);
          assert.ok(at >= 0 && at < markerAt, `${f.key} put at ${at}, _SUCCESS at ${markerAt}`);
        }
        markers++;
      }
    }
    assert.equal(markers, 6);
  } finally {
    await proxy.close();
    await api.close();
    await vgw.close();
  }
});

Deno.test({
  name: "ingest into s3:// fails after its retry budget and keeps the previous day trusted",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const vgw = await startVersitygw();
  const api = await startFixtureServer({ now: () => NOW.epochMilliseconds });
  // Every PUT of a values file fails with 503 SlowDown, on every attempt.
  const proxy = await startS3FaultProxy(vgw.endpoint, {
    failureRate: 1,
    modes: ["503"],
    maxFailuresPerRequest: 1000,
    eligible: (method, path) => method === "PUT" && path.includes("/values/"),
  });
  try {
    await vgw.bucket(BUCKET);
    const lakeUri = `s3://${BUCKET}/lake`;
    const direct = await openStore(lakeUri, { env: vgw.env, cwd: "/" });
    const first = await pipeline(api.url, lakeUri, vgw.env);
    assert.equal(first.ingest.ok, true);
    const before = await checkLake(direct);
    const objectsBefore = await digest(direct);

    // A rerun with smaller chunks must write new values files, and S3 refuses every one.
    const env = { ...vgw.env, AWS_ENDPOINT_URL_S3: proxy.endpoint };
    const parsed = readIngestConfig(
      [
        ...["--date", "2024-11-20", "--force", "--api-url", api.url, "--lake", lakeUri],
        ...["--chunk-size", "7"],
      ],
      env,
      { now: NOW, cwd: "/" },
    );
    if (parsed.help) throw new Error("help");
    const store = await openStore(lakeUri, { env, cwd: "/", retry: { sleep: fastSleep } });
    const client = createIrcelineClient({ retries: 1, timeoutMs: 5000, sleep: fastSleep });
    const events: [string, Record<string, unknown>][] = [];
    const { summary } = await ingestRange(parsed.config, {
      store,
      client,
      log: (e, f = {}) => events.push([e, f]),
      now: () => Temporal.Now.instant(),
    });
    assert.deepEqual(summary.days, [{ date: "2024-11-20", status: "failed" }]);
    const done = events.find(([e]) => e === "day_done")![1];
    assert.match(
      String((done.errors as string[])[0]),
      /^Cannot complete the request after 5 attempts: Cannot put "s3:\/\/airq-faults\/lake\/raw\/irceline\/date=2024-11-20\/values\/bulk_\d+_\d+\.json": 503 SlowDown: Please reduce your request rate/,
    );
    const puts = proxy.records().filter((r) => r.method === "PUT" && r.path.includes("/values/"));
    assert.ok(puts.length >= 5);
    assert.equal(puts.every((r) => r.fault === "503"), true);

    // The previous complete day is still what readers trust, file for file.
    const after = await checkLake(direct);
    assert.deepEqual(corruptUnits(after), []);
    assert.deepEqual(after["raw/2024-11-20"], before["raw/2024-11-20"]);
    const objectsAfter = await digest(direct);
    for (const [key, sha] of Object.entries(objectsBefore)) {
      assert.equal(objectsAfter[key], sha, key);
    }
  } finally {
    await proxy.close();
    await api.close();
    await vgw.close();
  }
});
