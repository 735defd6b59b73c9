import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { transformRange } from "../../src/transform/transform_range.ts";
import { MemoryStore } from "../_fakes.ts";
import { windowStamps, writeRawDay } from "../_raw_day.ts";

Deno.test("transformRange() goes on after a failed day and reports each date", async () => {
  const store = new MemoryStore();
  for (const date of ["2024-01-01", "2024-01-03"]) {
    const values = windowStamps(date).slice(1).map((t): [number, number] => [t, 1]);
    await writeRawDay(store, { date, series: [{ id: 1, station: 2, phenomenon: 5, values }] });
  }
  const events: [string, Record<string, unknown>, string][] = [];
  let t = 0;
  const { summary, days } = await transformRange(["2024-01-01", "2024-01-02", "2024-01-03"], {
    store,
    timezone: "Europe/Brussels",
    db: openDuckDb,
    log: (event, fields = {}, level = "info") => events.push([event, fields, level]),
    clock: () => (t += 10),
  });
  assert.deepEqual(days.map((d) => [d.date, d.status]), [
    ["2024-01-01", "ok"],
    ["2024-01-02", "failed"],
    ["2024-01-03", "ok"],
  ]);
  assert.deepEqual(
    { ...summary, bytes_written: 0 },
    {
      ok: false,
      lake: "memory://",
      timezone: "Europe/Brussels",
      days_ok: 2,
      days_failed: 1,
      days_skipped: 0,
      rows_in: 48,
      hourly_rows: 48,
      aggregate_rows: 2,
      bytes_written: 0,
      duration_ms: 130,
      days: [
        { date: "2024-01-01", status: "ok" },
        { date: "2024-01-02", status: "failed" },
        { date: "2024-01-03", status: "ok" },
      ],
    },
  );
  assert.equal(
    summary.bytes_written,
    days.reduce((n, d) => n + (d.status === "ok" ? d.bytes_written : 0), 0),
  );
  assert.deepEqual(events.map(([e, , level]) => [e, level]), [
    ["start", "info"],
    ["day_done", "info"],
    ["day_done", "error"],
    ["day_done", "info"],
    ["summary", "error"],
  ]);
  assert.match(
    events[2]![1].error as string,
    /^Cannot transform 2024-01-02: .* has no _manifest\.json/,
  );
});

Deno.test("transformRange() skips a day built from the current manifest and redoes a changed or forced one", async () => {
  const store = new MemoryStore();
  const day = (v: number) => ({
    date: "2024-01-01",
    series: [{
      id: 1,
      station: 2,
      phenomenon: 5,
      values: windowStamps("2024-01-01").slice(1).map((t): [number, number] => [t, v]),
    }],
  });
  await writeRawDay(store, day(1));
  const run = async (force = false) =>
    (await transformRange(["2024-01-01"], {
      store,
      timezone: "Europe/Brussels",
      force,
      db: openDuckDb,
      log: () => {},
      clock: () => 0,
    })).summary;
  assert.deepEqual((await run()).days, [{ date: "2024-01-01", status: "ok" }]);
  const marker = "clean/aggregate_station_by_day/date=2024-01-01/_SUCCESS";
  const first = store.objects.get(marker);
  const again = await run();
  assert.deepEqual([again.days, again.days_skipped, again.ok], [
    [{ date: "2024-01-01", status: "skipped" }],
    1,
    true,
  ]);
  assert.deepEqual((await run(true)).days, [{ date: "2024-01-01", status: "ok" }]);
  assert.deepEqual(store.objects.get(marker), first);
  await writeRawDay(store, day(2));
  assert.deepEqual((await run()).days, [{ date: "2024-01-01", status: "ok" }]);
  assert.notDeepEqual(store.objects.get(marker), first);
});

Deno.test("transformRange() fails each day with the DuckDB start error, or the raw error first", async () => {
  const store = new MemoryStore();
  const values = windowStamps("2024-01-01").slice(1).map((t): [number, number] => [t, 1]);
  await writeRawDay(store, {
    date: "2024-01-01",
    series: [{ id: 1, station: 2, phenomenon: 5, values }],
  });
  let starts = 0;
  const { days } = await transformRange(["2024-01-01", "2024-01-02"], {
    store,
    timezone: "Europe/Brussels",
    // Rejects after the raw day is read: the day must fail with it, never as unhandled.
    db: () => {
      starts++;
      return new Promise((_, reject) =>
        setTimeout(() => reject(new Error("Cannot start DuckDB-WASM: boom")), 20)
      );
    },
    log: () => {},
    clock: () => 0,
  });
  // The two days share one aggregate pass: DuckDB-WASM is started once, when the first day is
  // read, and its failure fails the day that needed it, never as an unhandled rejection.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(starts, 1);
  assert.deepEqual(days.map((d) => [d.date, d.status, "error" in d ? d.error : ""]), [
    ["2024-01-01", "failed", "Cannot start DuckDB-WASM: boom"],
    [
      "2024-01-02",
      "failed",
      'Cannot transform 2024-01-02: "raw/irceline/date=2024-01-02/" in memory:// has no ' +
      '_manifest.json (never ingested, or the ingest did not finish): run "deno task ingest ' +
      '--date 2024-01-02 --lake memory://" first',
    ],
  ]);
  assert.deepEqual(
    store.objects.has("clean/aggregate_station_by_day/date=2024-01-01/_SUCCESS"),
    false,
  );
});
