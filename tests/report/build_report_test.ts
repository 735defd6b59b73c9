import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { rawManifestKey } from "../../src/lake/layout.ts";
import { buildReport } from "../../src/report/build_report.ts";
import { readReportDay } from "../../src/report/read_report_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { publishAggregates, row, sampleRows } from "./_aggregates.ts";

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("readReportDay() returns the published rows with numbers for INT64 ids", async () => {
  const store = new MemoryStore();
  const rows = [
    row({ station_id: 9_007_199_254, timeseries_id: 123_456_789_012, uom: null, longitude: null }),
  ];
  await publishAggregates(store, "2024-11-20", rows, "c".repeat(64));
  const day = await readReportDay(store, "2024-11-20");
  assert.deepEqual(day, {
    date: "2024-11-20",
    rows,
    sourceManifestSha256: "c".repeat(64),
    rawManifestSha256: undefined,
  });
});

Deno.test("readReportDay() returns undefined for a partition without _SUCCESS", async () => {
  assert.equal(await readReportDay(new MemoryStore(), "2024-11-20"), undefined);
});

Deno.test("readReportDay() hashes the raw manifest now in the lake", async () => {
  const store = new MemoryStore();
  const manifest = new TextEncoder().encode('{"manifest_version":1}');
  await store.put(rawManifestKey("2024-11-20"), manifest);
  await publishAggregates(store, "2024-11-20", [row()]);
  const day = await readReportDay(store, "2024-11-20");
  assert.equal(day!.rawManifestSha256, await sha256Hex(manifest));
});

Deno.test("readReportDay() refuses a Parquet file altered after publishing", async () => {
  const store = new MemoryStore();
  await publishAggregates(store, "2024-11-20", [row()]);
  const key = [...store.objects.keys()].find((k) => k.endsWith(".parquet"))!;
  const bytes = store.objects.get(key)!;
  bytes[bytes.length - 20]! ^= 0xff;
  await assert.rejects(() => readReportDay(store, "2024-11-20"), (e: unknown) => {
    assert.ok(e instanceof LakeError);
    assert.match(
      e.message,
      /^Cannot read partition "clean\/aggregate_station_by_day\/date=2024-11-20\/": ".*\.parquet" has sha256 "[0-9a-f]{64}" but _SUCCESS says "[0-9a-f]{64}": rerun "deno task transform --date 2024-11-20"$/,
    );
    return true;
  });
});

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
      'memory://: run "deno task transform --date 2024-11-20" first',
  });
  await assert.rejects(
    () => buildReport(store, { from: "2024-11-18", to: "2024-11-20", airqVersion: "0.1.0" }),
    {
      name: "LakeError",
      message:
        'Cannot build the report for any date from "2024-11-18" to "2024-11-20": no published ' +
        'aggregate_station_by_day partition in memory://: run "deno task transform --date 2024-11-18 --to 2024-11-20" first',
    },
  );
  assert.deepEqual(store.puts, []);
});
