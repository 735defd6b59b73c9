import assert from "node:assert/strict";
import type { IngestConfig } from "../../src/ingest/config.ts";
import { formatSummary } from "../../src/ingest/format_summary.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { MemoryStore } from "../_fakes.ts";
import { fakeApi, SMALL_NETWORK } from "./_fake_api.ts";
import { testIngestConfig } from "./_ingest_config.ts";

const API = "http://api.test/sos/api/v1/";

function config(dates: string[]): IngestConfig {
  return testIngestConfig(dates, { apiUrl: API });
}

/** A clock that advances 1 s per call. */
function tick() {
  let ms = Date.UTC(2024, 11, 1);
  return () => Temporal.Instant.fromEpochMilliseconds(ms += 1000);
}

Deno.test("ingestRange() goes on after a failed day and reports each day's status", async () => {
  const fake = fakeApi({
    series: SMALL_NETWORK,
    failWhen: (_url, body) => (body.includes("2024-11-21T00:00:00+01:00/") ? 503 : undefined),
  });
  const store = new MemoryStore();
  const events: [string, Record<string, unknown> | undefined, string | undefined][] = [];
  const { summary, days } = await ingestRange(config(["2024-11-20", "2024-11-21", "2024-11-22"]), {
    store,
    client: createIrcelineClient({ fetch: fake.fetch, retries: 1, sleep: () => Promise.resolve() }),
    log: (e, f, l) => events.push([e, f, l]),
    now: tick(),
  });
  assert.deepEqual(summary.days, [
    { date: "2024-11-20", status: "ok" },
    { date: "2024-11-21", status: "failed" },
    { date: "2024-11-22", status: "ok" },
  ]);
  assert.equal(summary.ok, false);
  assert.equal(summary.series, 6);
  assert.equal(summary.stations, 4);
  assert.equal(summary.values, 24);
  assert.equal(summary.retries, 1);
  assert.equal(summary.requests, fake.sent.length);
  assert.ok(store.objects.has("raw/irceline/date=2024-11-20/_manifest.json"));
  assert.ok(![...store.objects.keys()].some((k) => k.startsWith("raw/irceline/date=2024-11-21/")));
  assert.ok(store.objects.has("raw/irceline/date=2024-11-22/_manifest.json"));
  assert.deepEqual(days[1]!.phenomena_without_series, [71]);
  assert.match(days[1]!.errors.join("\n"), /Cannot ingest 2024-11-21: 6 of 6 series not fetched/);
  // Days overlap, so their events interleave; each day's come in order, day_done in date order.
  const names = events.map(([e]) => e).filter((e) => e !== "progress");
  assert.equal(names[0], "start");
  assert.equal(names.at(-1), "summary");
  assert.deepEqual(
    events.filter(([e]) => e === "day_done").map(([, f]) => f!.date),
    ["2024-11-20", "2024-11-21", "2024-11-22"],
  );
  for (const date of ["2024-11-20", "2024-11-21", "2024-11-22"]) {
    const ofDay = events.filter(([e, f]) => e !== "progress" && f?.date === date).map(([e]) => e);
    assert.deepEqual(ofDay, ["day_start", "discovered", "day_done"], date);
  }
  assert.equal(events.find(([e, f]) => e === "day_done" && f!.date === "2024-11-21")![2], "error");
  assert.equal(events.at(-1)![2], "error");
  const text = formatSummary(summary, days);
  assert.match(text, /^airq ingest FAILED: 3 day\(s\) into memory:\/\//);
  assert.match(
    text,
    /\n {2}2024-11-21 failed: 6 series, 0 values, 0 written, 0 unchanged, no series for phenomena 71\n/,
  );
});

Deno.test("ingestRange() is ok when every day is complete, with a zero-series phenomenon", async () => {
  const fake = fakeApi({ series: SMALL_NETWORK });
  const { summary, days } = await ingestRange(config(["2024-11-20"]), {
    store: new MemoryStore(),
    client: createIrcelineClient({ fetch: fake.fetch }),
    log: () => {},
    now: tick(),
  });
  assert.equal(summary.ok, true);
  assert.equal(summary.duration_ms > 0, true);
  assert.deepEqual(days[0]!.phenomena_without_series, [71]);
  assert.equal(days[0]!.written, 6);
});
