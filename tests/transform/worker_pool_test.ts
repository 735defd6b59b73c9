import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { createFileStore } from "../../src/lake/file_store.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { transformRange } from "../../src/transform/transform_range.ts";
import { sha256Of, windowStamps, writeRawDay } from "../_raw_day.ts";

const TZ = "Europe/Brussels";
const DATES = ["2024-01-01", "2024-01-02", "2024-01-03"];

/** A temp file:// lake with raw days `dates` (2 series each, values depending on the day). */
async function rawLake(dates: string[]): Promise<{ dir: string; store: ObjectStore }> {
  const dir = await Deno.makeTempDir({ prefix: "airq-worker-pool-" });
  const store = createFileStore(dir);
  for (const [i, date] of dates.entries()) {
    const values = (k: number) =>
      windowStamps(date).slice(1).map((t, h): [number, number] => [t, i * 100 + h * k + 0.5]);
    await writeRawDay(store, {
      date,
      series: [
        { id: 1, station: 2, phenomenon: 5, values: values(1) },
        { id: 3, station: 4, phenomenon: 8, values: values(2) },
      ],
    });
  }
  return { dir, store };
}

/** sha256 of every clean/ object, by key. */
async function cleanHashes(store: ObjectStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const { key } of store.list("clean/")) {
    out[key] = await sha256Of((await store.get(key))!);
  }
  return out;
}

async function run(dir: string, store: ObjectStore, count: number, url?: URL) {
  const events: [string, Record<string, unknown>][] = [];
  const result = await transformRange(DATES, {
    store,
    timezone: TZ,
    db: openDuckDb,
    log: (event, fields = {}) => events.push([event, fields]),
    clock: () => performance.now(),
    workers: { count, lake: `file://${dir}`, env: {}, cwd: dir, ...(url ? { url } : {}) },
  });
  return { ...result, events };
}

Deno.test("transformRange() with 2 workers publishes the same bytes and reports as 1 worker", async () => {
  const one = await rawLake(DATES);
  const two = await rawLake(DATES);
  try {
    const a = await run(one.dir, one.store, 1);
    const b = await run(two.dir, two.store, 2);
    const strip = (days: typeof a.days) => days.map((d) => ({ ...d, duration_ms: 0 }));
    assert.deepEqual(strip(b.days), strip(a.days));
    assert.deepEqual(b.days.map((d) => [d.date, d.status]), DATES.map((d) => [d, "ok"]));
    assert.deepEqual(
      { ...b.summary, duration_ms: 0 },
      { ...a.summary, duration_ms: 0, lake: b.summary.lake },
    );
    const hashes = await cleanHashes(one.store);
    assert.equal(Object.keys(hashes).length, 12);
    assert.deepEqual(await cleanHashes(two.store), hashes);
    assert.deepEqual(b.events.map(([e, f]) => [e, f.date]), [
      ["start", undefined],
      ...DATES.map((d) => ["day_done", d]),
      ["summary", undefined],
    ]);
  } finally {
    await Deno.remove(one.dir, { recursive: true });
    await Deno.remove(two.dir, { recursive: true });
  }
});

Deno.test("transformRange() with 2 workers reports a failed day and completes the others", async () => {
  const { dir, store } = await rawLake(["2024-01-01", "2024-01-03"]);
  try {
    const { summary, days } = await run(dir, store, 2);
    assert.deepEqual(days.map((d) => [d.date, d.status]), [
      ["2024-01-01", "ok"],
      ["2024-01-02", "failed"],
      ["2024-01-03", "ok"],
    ]);
    assert.match(
      (days[1] as { error: string }).error,
      /^Cannot transform 2024-01-02: .* has no _manifest\.json/,
    );
    assert.equal(summary.ok, false);
    assert.equal(summary.days_failed, 1);
    assert.deepEqual(
      Object.keys(await cleanHashes(store)).filter((k) => k.endsWith("_SUCCESS")).sort(),
      [
        "clean/aggregate_station_by_day/date=2024-01-01/_SUCCESS",
        "clean/aggregate_station_by_day/date=2024-01-03/_SUCCESS",
        "clean/measurements_hourly/date=2024-01-01/_SUCCESS",
        "clean/measurements_hourly/date=2024-01-03/_SUCCESS",
      ],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// Two lanes: this thread takes the first pass (01, 02), the worker the second (03).
Deno.test("transformRange() reports a crashed worker as a failed day and goes on", async () => {
  const { dir, store } = await rawLake(DATES);
  try {
    const url = new URL("./_crash_worker.ts", import.meta.url);
    const { summary, days } = await run(dir, store, 2, url);
    assert.deepEqual(days.map((d) => [d.date, d.status]), [
      ["2024-01-01", "ok"],
      ["2024-01-02", "ok"],
      ["2024-01-03", "failed"],
    ]);
    assert.match(
      (days[2] as { error: string }).error,
      /^Cannot transform 2024-01-03: the worker crashed: .*worker died on purpose/,
    );
    assert.equal(summary.days_ok, 2);
    assert.equal(await store.get("clean/measurements_hourly/date=2024-01-03/_SUCCESS"), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
