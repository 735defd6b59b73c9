import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { rawManifestKey } from "../../src/lake/layout.ts";
import { readReportDay } from "../../src/report/read_report_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { publishAggregates, row } from "../support/aggregates.ts";

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
    source: undefined,
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
  assert.equal(day!.source, undefined, "a manifest that does not parse gives no source");
});

Deno.test("readReportDay() takes the API URL, phenomena and area from the raw manifest", async () => {
  const store = new MemoryStore();
  const manifest = new TextEncoder().encode(JSON.stringify({
    manifest_version: 1,
    airq_version: "0.1.0",
    source: "irceline",
    api_url: "http://127.0.0.1:8080/sos/api/v1/",
    date: "2024-11-20",
    timezone: "Europe/Brussels",
    window: { start_ms: 1732057200000, end_ms: 1732143600000, hours: 24 },
    near: { lon: 4.4, lat: 51.2, km: 10 },
    phenomena_requested: [5, 8],
    files: [],
    series: [],
  }));
  await store.put(rawManifestKey("2024-11-20"), manifest);
  await publishAggregates(store, "2024-11-20", [row()]);
  const day = await readReportDay(store, "2024-11-20");
  assert.deepEqual(day!.source, {
    apiUrl: "http://127.0.0.1:8080/sos/api/v1/",
    phenomenaRequested: [5, 8],
    near: { lon: 4.4, lat: 51.2, km: 10 },
  });
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
      /^Cannot read partition "clean\/aggregate_station_by_day\/date=2024-11-20\/": ".*\.parquet" has sha256 "[0-9a-f]{64}" but _SUCCESS says "[0-9a-f]{64}": rerun "deno task transform --date 2024-11-20 --lake memory:\/\/"$/,
    );
    return true;
  });
});
