import assert from "node:assert/strict";
import { buildReport } from "../../src/report/build_report.ts";
import { MemoryStore } from "../_fakes.ts";
import { publishAggregates, sampleRows } from "../support/aggregates.ts";

Deno.test("buildReport() writes the day page at reports/date=D/index.html", async () => {
  const store = new MemoryStore();
  const rows = sampleRows("2024-11-20");
  await publishAggregates(store, "2024-11-20", rows, "e".repeat(64));
  const built = await buildReport(store, { from: "2024-11-20", airqVersion: "0.1.0" });
  assert.equal(built.key, "reports/date=2024-11-20/index.html");
  assert.equal(store.puts.at(-1), "reports/date=2024-11-20/index.html");
  const html = new TextDecoder().decode(store.objects.get(built.key));
  assert.equal(built.bytes, store.objects.get(built.key)!.byteLength);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, new RegExp(`<code>${"e".repeat(64)}</code>`));
  const levels: Record<number, number> = { 6001: 15, 5: 45, 8: 25 };
  const over = rows.filter((r) => r.avg_value > (levels[r.phenomenon_id] ?? Infinity)).length;
  assert.ok(over > 0);
  assert.deepEqual(built.model.summary, {
    stations: 7,
    series: 28,
    over,
    invalid: rows.filter((r) => r.value_count < 18).length,
  });
});

Deno.test("buildReport() of a range writes reports/range=D1_D2 and lists missing days", async () => {
  const store = new MemoryStore();
  await publishAggregates(store, "2024-11-18", sampleRows("2024-11-18", 0));
  await publishAggregates(store, "2024-11-20", sampleRows("2024-11-20", 2));
  const built = await buildReport(store, {
    from: "2024-11-18",
    to: "2024-11-20",
    airqVersion: "0.1.0",
  });
  assert.equal(built.key, "reports/range=2024-11-18_2024-11-20/index.html");
  assert.deepEqual(built.model.missingDates, ["2024-11-19"]);
  assert.deepEqual(built.model.trends.map((t) => t.series.length), [7, 7, 7, 7]);
  const csvKey = "reports/range=2024-11-18_2024-11-20/daily.csv";
  assert.deepEqual(store.puts.slice(-2), [csvKey, built.key], "the CSV before the page");
  const csv = new TextDecoder().decode(store.objects.get(csvKey)).split("\r\n");
  assert.equal(csv.length, 1 + 28 + 28 + 1);
  assert.match(csv[0]!, /^date,station_id,station_label,/);
  assert.match(
    new TextDecoder().decode(store.objects.get(built.key)),
    /<a class="daily-csv" href="daily.csv">/,
  );
});

Deno.test("buildReport() is byte-identical on a rerun over the same partitions", async () => {
  const store = new MemoryStore();
  await publishAggregates(store, "2024-11-20", sampleRows("2024-11-20"));
  const a = await buildReport(store, { from: "2024-11-20", airqVersion: "0.1.0" });
  const first = store.objects.get(a.key)!;
  await buildReport(store, { from: "2024-11-20", airqVersion: "0.1.0" });
  assert.deepEqual(store.objects.get(a.key), first);
});

Deno.test("buildReport() fails with LakeError when nothing is published", async () => {
  const store = new MemoryStore();
  await assert.rejects(() => buildReport(store, { from: "2024-11-20", airqVersion: "0.1.0" }), {
    name: "LakeError",
    message:
      'Cannot build the report for "2024-11-20": no published aggregate_station_by_day partition in ' +
      'memory://: run "deno task transform --date 2024-11-20 --lake memory://" first',
  });
  await assert.rejects(
    () => buildReport(store, { from: "2024-11-18", to: "2024-11-20", airqVersion: "0.1.0" }),
    {
      name: "LakeError",
      message:
        'Cannot build the report for any date from "2024-11-18" to "2024-11-20": no published ' +
        'aggregate_station_by_day partition in memory://: run "deno task transform --date 2024-11-18 --to 2024-11-20 --lake memory://" first',
    },
  );
  assert.deepEqual(store.puts, []);
});
