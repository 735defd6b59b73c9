/**
 * ingestRange() overlaps the days of a range: one bound of in-flight requests across days,
 * each day written when all of its answers are in (in any order), and the same raw files and
 * manifests as ingesting the days one at a time.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import type { IngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { sha256Hex } from "../../src/sha256_hex.ts";
import { MemoryStore } from "../_fakes.ts";
import { fakeApi, SMALL_NETWORK } from "./_fake_api.ts";
import { testIngestConfig } from "./_ingest_config.ts";

function config(dates: string[], apiUrl: string, concurrency: number): IngestConfig {
  return testIngestConfig(dates, { apiUrl, concurrency, chunkSize: 2, timeoutMs: 5000 });
}

const DATES = ["2024-11-20", "2024-11-21", "2024-11-22"];

/** The local date a bulk getData body asks for (its timespan starts at D 00:00). */
function dateOf(body: string): string | undefined {
  return /"timespan":"(\d{4}-\d{2}-\d{2})T00:00:00/.exec(body)?.[1];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The fake API behind a wait per request, recording what is in flight. */
function slowApi(wait: (body: string) => Promise<void>) {
  const fake = fakeApi({ series: SMALL_NETWORK });
  const inFlight: string[] = [];
  let most = 0;
  const overlaps = new Set<string>();
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === "string" ? init.body : "";
    const tag = dateOf(body) ?? "discovery";
    inFlight.push(tag);
    most = Math.max(most, inFlight.length);
    const dates = new Set(inFlight.filter((t) => t !== "discovery"));
    if (dates.size > 1) overlaps.add([...dates].sort().join(" "));
    await wait(body);
    inFlight.splice(inFlight.indexOf(tag), 1);
    return await fake.fetch(input, init);
  };
  return { fetch: fetch as typeof globalThis.fetch, most: () => most, overlaps, sent: fake.sent };
}

Deno.test("ingestRange() keeps --concurrency requests in flight across days, never more", async () => {
  // A bulk answer (3 a day) waits until bulks of two days are in flight together, or 2 s:
  // with 4 requests allowed, only overlapping days can get there.
  const overlapped = async () => {
    for (let waited = 0; api.overlaps.size === 0 && waited < 2000; waited += 5) await sleep(5);
  };
  const api = slowApi((body) => body === "" ? sleep(1) : overlapped());
  const events: string[] = [];
  const { summary } = await ingestRange(config(DATES, "http://api.test/sos/api/v1/", 4), {
    store: new MemoryStore(),
    client: createIrcelineClient({ fetch: api.fetch }),
    log: (e) => events.push(e),
    now: () => Temporal.Now.instant(),
  });
  assert.equal(summary.ok, true);
  assert.equal(api.most(), 4);
  assert.ok(api.overlaps.size > 0, "no two days ever had requests in flight together");
  // Per day: discovery, 4 unit listings, 3 bulk chunks of 2 series (phenomenon 71 has none).
  assert.equal(summary.requests, 3 * 8);
  assert.equal(events.filter((e) => e === "day_done").length, 3);
});

Deno.test("ingestRange() writes each day when its answers are in, in any order", async () => {
  // The first day's values answer only once the two later days are written (or after 2 s).
  const store = new MemoryStore();
  const written = (date: string) => store.objects.has(`raw/irceline/date=${date}/_manifest.json`);
  const writtenFirst: string[] = [];
  const laterWritten = async () => {
    const both = () => written("2024-11-21") && written("2024-11-22");
    for (let waited = 0; !both() && waited < 2000; waited += 5) await sleep(5);
    writtenFirst.push(...DATES.filter(written));
  };
  const api = slowApi((body) => dateOf(body) === "2024-11-20" ? laterWritten() : sleep(1));
  const done: string[] = [];
  const { summary, days } = await ingestRange(config(DATES, "http://api.test/sos/api/v1/", 4), {
    store,
    client: createIrcelineClient({ fetch: api.fetch }),
    log: (e, f) => e === "day_done" && done.push(String(f?.date)),
    now: () => Temporal.Now.instant(),
  });
  assert.ok(writtenFirst.includes("2024-11-21") && writtenFirst.includes("2024-11-22"));
  assert.ok(!writtenFirst.includes("2024-11-20"));
  // day_done still comes in date order, once the day before it is done.
  assert.deepEqual(done, DATES);
  assert.deepEqual(summary.days.map((d) => d.date), DATES);
  assert.deepEqual(days.map((d) => d.date), DATES);
  for (const d of days) {
    assert.equal(d.status, "ok");
    // Each day counts its own requests, not those of the days beside it.
    assert.equal(d.requests, 8, d.date);
    assert.ok(store.objects.has(`raw/irceline/date=${d.date}/_manifest.json`));
  }
});

/** sha256 of every file of a lake, manifests without their `run` part. */
async function fingerprint(store: MemoryStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, bytes] of store.objects) {
    if (key.endsWith("_manifest.json")) {
      const manifest = JSON.parse(new TextDecoder().decode(bytes));
      out[key] = await sha256Hex(new TextEncoder().encode(JSON.stringify({ ...manifest, run: 0 })));
    } else out[key] = await sha256Hex(bytes);
  }
  return out;
}

Deno.test("ingestRange() writes the same raw files and manifests as one day at a time", async () => {
  const server = await startFixtureServer({ stations: "fixtures", latencyMs: 2 });
  try {
    const dates = ["2024-10-26", "2024-10-27", "2024-10-28", "2024-10-29"];
    const run = async (groups: string[][]) => {
      const store = new MemoryStore();
      const client = createIrcelineClient({});
      for (const group of groups) {
        const { summary } = await ingestRange(config(group, server.url, 4), {
          store,
          client,
          log: () => {},
          now: () => Temporal.Now.instant(),
        });
        assert.equal(summary.ok, true);
      }
      return await fingerprint(store);
    };
    const oneAtATime = await run(dates.map((d) => [d]));
    const overlapped = await run([dates]);
    assert.ok(Object.keys(oneAtATime).length > 4 * 3);
    assert.deepEqual(overlapped, oneAtATime);
  } finally {
    await server.close();
  }
});
