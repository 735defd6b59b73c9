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
      duration_ms: 70,
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
