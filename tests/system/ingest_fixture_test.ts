/**
 * The ingest against the fixture API over real HTTP into a file:// lake in a temp folder.
 */
import assert from "node:assert/strict";
import { type FixtureServerOptions, startFixtureServer } from "../../fixture_api/server.ts";
import { readIngestConfig } from "../../src/ingest/config.ts";
import { ingestRange, type IngestSummary } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { rawDayPrefix, rawManifestKey } from "../../src/lake/layout.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { parseManifest, type RawManifest } from "../../src/lake/raw_manifest.ts";

const NOW = Temporal.Instant.from("2026-01-01T00:00:00Z");

interface Run {
  summary: IngestSummary;
  events: [string, Record<string, unknown>][];
  requests: number;
}

async function ingest(
  lakeDir: string,
  args: string[],
  server: FixtureServerOptions = {},
  { retries = 5, timeoutMs = 5000 } = {},
): Promise<Run> {
  const api = await startFixtureServer(server);
  try {
    const parsed = readIngestConfig(
      [
        ...args,
        "--api-url",
        api.url,
        "--lake",
        `file://${lakeDir}`,
        "--retries",
        `${retries}`,
        "--timeout-ms",
        "5000",
      ],
      {},
      { now: NOW, cwd: lakeDir },
    );
    assert.equal(parsed.help, false);
    if (parsed.help) throw new Error("help");
    const store = await openStore(parsed.config.lake, { env: {}, cwd: lakeDir });
    // Backoff and Retry-After are honoured but scaled down 100x to keep the test fast.
    const client = createIrcelineClient({
      retries,
      timeoutMs,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.ceil(ms / 100))),
    });
    const events: Run["events"] = [];
    const { summary } = await ingestRange(parsed.config, {
      store,
      client,
      log: (e, f = {}) => events.push([e, f]),
      now: () => Temporal.Now.instant(),
    });
    return { summary, events, requests: api.stats().requests };
  } finally {
    await api.close();
  }
}

async function readManifest(lakeDir: string, date: string): Promise<RawManifest> {
  const path = `${lakeDir}/${rawManifestKey(date)}`;
  return parseManifest(await Deno.readTextFile(path), path);
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** sha256, mtime and inode (a rename-over changes it) of every non-`_` file of a day. */
async function snapshot(
  lakeDir: string,
  date: string,
): Promise<Map<string, [string, number, number | null]>> {
  const out = new Map<string, [string, number, number | null]>();
  const root = `${lakeDir}/${rawDayPrefix(date)}`;
  async function walk(dir: string): Promise<void> {
    for await (const e of Deno.readDir(dir)) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (!e.name.startsWith("_")) {
        const stat = await Deno.stat(p);
        out.set(p.slice(root.length), [
          await sha256(await Deno.readFile(p)),
          stat.mtime!.getTime(),
          stat.ino,
        ]);
      }
    }
  }
  await walk(root.replace(/\/$/, ""));
  return out;
}

async function withLake(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "airq-ingest-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("ingestRange() stores a full day from the fixture API byte for byte with a manifest", async () => {
  await withLake(async (dir) => {
    const run = await ingest(dir, ["--date", "2024-11-20"]);
    assert.equal(run.summary.ok, true);
    const m = await readManifest(dir, "2024-11-20");
    assert.equal(m.window.timespan, "2024-11-20T00:00:00+01:00/2024-11-21T00:00:00+01:00");
    assert.equal(m.window.hours, 24);
    assert.equal(m.phenomena_found["71"], 0);
    assert.ok(m.series.length > 0);
    assert.equal(run.summary.series, m.series.length);
    const files = await snapshot(dir, "2024-11-20");
    assert.deepEqual([...files.keys()].sort(), m.files.map((f) => f.path));
    for (const f of m.files) assert.equal(files.get(f.path)![0], f.sha256);
    assert.ok(m.series.every((s) => m.files.some((f) => f.path === s.file)));
    // The stored discovery answer is exactly what the API sends.
    const api = await startFixtureServer();
    try {
      const direct = new Uint8Array(
        await (await fetch(`${api.url}stations?expanded=true`)).arrayBuffer(),
      );
      assert.deepEqual(
        await Deno.readFile(`${dir}/${rawDayPrefix("2024-11-20")}stations.json`),
        direct,
      );
    } finally {
      await api.close();
    }
    // Every stored value stamp lies in the inclusive window the API was asked for.
    let values = 0;
    for (const f of m.files.filter((f) => f.kind === "values_bulk")) {
      const body = JSON.parse(
        await Deno.readTextFile(`${dir}/${rawDayPrefix("2024-11-20")}${f.path}`),
      );
      for (const s of Object.values(body) as { values: { timestamp: number }[] }[]) {
        for (const v of s.values) {
          assert.ok(v.timestamp >= m.window.start_ms && v.timestamp <= m.window.end_ms);
          values++;
        }
      }
    }
    assert.equal(values, run.summary.values);
    assert.deepEqual(
      run.events.map(([e]) => e).filter((e) => e !== "progress"),
      ["start", "day_start", "discovered", "day_done", "summary"],
    );
  });
});

Deno.test("ingestRange() rerun leaves every non-_ file byte-identical and untouched", async () => {
  await withLake(async (dir) => {
    assert.equal((await ingest(dir, ["--date", "2024-11-20"])).summary.ok, true);
    const before = await snapshot(dir, "2024-11-20");
    const run = await ingest(dir, ["--date", "2024-11-20", "--force"]);
    assert.equal(run.summary.ok, true);
    assert.deepEqual(await snapshot(dir, "2024-11-20"), before);
    const done = run.events.find(([e]) => e === "day_done")![1];
    assert.equal(done.written, 0);
    assert.equal(done.unchanged, before.size);
    await readManifest(dir, "2024-11-20");
  });
});

Deno.test("ingestRange() completes every series through a 20 % failure rate", async () => {
  await withLake(async (clean) => {
    await withLake(async (dir) => {
      const args = ["--date", "2024-11-20", "--chunk-size", "5"];
      await ingest(clean, args, { stations: 30 });
      const faults: string[] = [];
      const run = await ingest(dir, args, {
        onRequest: (e) => e.fault && faults.push(e.fault),
        stations: 30,
        failureRate: 0.2,
        failureModes: ["429", "503", "drop", "truncate"],
        seed: 11,
      });
      assert.equal(run.summary.ok, true);
      assert.deepEqual([...new Set(faults)].sort(), ["429", "503", "drop", "truncate"]);
      assert.equal(run.summary.retries, faults.length);
      assert.equal(run.summary.requests, run.requests);
      assert.ok(run.summary.series > 50, `expected > 50 series, got ${run.summary.series}`);
      const expected = await readManifest(clean, "2024-11-20");
      const got = await readManifest(dir, "2024-11-20");
      assert.deepEqual(got.series, expected.series);
      assert.deepEqual(
        got.files.map((f) => [f.path, f.sha256]),
        expected.files.map((f) => [f.path, f.sha256]),
      );
    });
  });
});

Deno.test("ingestRange() asks for the 23-hour window of the spring DST day", async () => {
  await withLake(async (dir) => {
    const run = await ingest(dir, ["--date", "2024-03-31", "--phenomena", "8"]);
    assert.equal(run.summary.ok, true);
    const m = await readManifest(dir, "2024-03-31");
    assert.deepEqual(m.window, {
      start: "2024-03-31T00:00:00+01:00",
      end: "2024-04-01T00:00:00+02:00",
      start_ms: Date.UTC(2024, 2, 30, 23),
      end_ms: Date.UTC(2024, 2, 31, 22),
      hours: 23,
      timespan: "2024-03-31T00:00:00+01:00/2024-04-01T00:00:00+02:00",
    });
    const bulk = m.files.find((f) => f.kind === "values_bulk")!;
    assert.equal(JSON.parse(bulk.request.body!).timespan, m.window.timespan);
    const body = JSON.parse(
      await Deno.readTextFile(`${dir}/${rawDayPrefix("2024-03-31")}${bulk.path}`),
    );
    const stamps = (Object.values(body) as { values: { timestamp: number }[] }[])
      .flatMap((s) => s.values.map((v) => v.timestamp));
    assert.ok(stamps.length > 0);
    assert.equal(Math.min(...stamps) >= m.window.start_ms, true);
    assert.equal(Math.max(...stamps) <= m.window.end_ms, true);
  });
});

Deno.test("ingestRange() with --near keeps only the stations the API returns near the point", async () => {
  await withLake(async (all) => {
    await withLake(async (dir) => {
      await ingest(all, ["--date", "2024-11-20"]);
      const run = await ingest(dir, ["--date", "2024-11-20", "--near", "4.40346,51.21989,10"]);
      assert.equal(run.summary.ok, true);
      const full = await readManifest(all, "2024-11-20");
      const near = await readManifest(dir, "2024-11-20");
      assert.deepEqual(near.near, { lon: 4.40346, lat: 51.21989, km: 10 });
      const stationsOf = (m: RawManifest) => new Set(m.series.map((s) => s.station_id));
      assert.ok(stationsOf(near).size > 0);
      assert.ok(stationsOf(near).size < stationsOf(full).size);
      assert.ok([...stationsOf(near)].every((id) => stationsOf(full).has(id)));
      assert.equal(
        near.files[0]!.request.url.endsWith(
          "stations?expanded=true&near=%7B%22center%22%3A%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B4.40346%2C51.21989%5D%7D%2C%22radius%22%3A10%7D",
        ),
        true,
      );
    });
  });
});

Deno.test("ingestRange() against an API that always answers 503 fails without a manifest", async () => {
  await withLake(async (dir) => {
    const run = await ingest(
      dir,
      ["--date", "2024-11-20"],
      { failureRate: 1, failureModes: ["503"], maxFailuresPerRequest: 1000 },
      { retries: 2 },
    );
    assert.equal(run.summary.ok, false);
    assert.deepEqual(run.summary.days, [{ date: "2024-11-20", status: "failed" }]);
    assert.equal(run.requests, 3);
    await assert.rejects(Deno.stat(`${dir}/${rawDayPrefix("2024-11-20")}`), Deno.errors.NotFound);
  });
});

Deno.test("ingestRange() times out a hanging answer and retries it", async () => {
  await withLake(async (dir) => {
    const faults: string[] = [];
    const run = await ingest(dir, ["--date", "2024-11-20", "--phenomena", "8"], {
      failureRate: 1,
      failureModes: ["slow"],
      maxFailuresPerRequest: 1,
      slowMs: 10_000,
      onRequest: (e) => e.fault && faults.push(e.fault),
    }, { timeoutMs: 300 });
    assert.equal(run.summary.ok, true);
    // stations, the NO2 unit listing and one bulk chunk: each hung once, then answered.
    assert.deepEqual(faults, ["slow", "slow", "slow"]);
    assert.equal(run.summary.retries, 3);
    assert.equal(run.summary.requests, 6);
  });
});
