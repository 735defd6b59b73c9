import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { transformDay } from "../../src/transform/transform_day.ts";
import { partitionsUpToDate } from "../../src/transform/up_to_date.ts";
import { MemoryStore } from "../_fakes.ts";
import { windowStamps, writeRawDay } from "../_raw_day.ts";

const DATE = "2024-01-15";
const TZ = { timezone: "Europe/Brussels" };

async function transformed(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const values = windowStamps(DATE).slice(1).map((t): [number, number] => [t, 3]);
  await writeRawDay(store, { date: DATE, series: [{ id: 1, station: 2, phenomenon: 5, values }] });
  await transformDay(store, DATE, { ...TZ, db: await openDuckDb() });
  return store;
}

function editJson(store: MemoryStore, key: string, edit: (o: Record<string, unknown>) => void) {
  const o = JSON.parse(new TextDecoder().decode(store.objects.get(key)));
  edit(o);
  store.objects.set(key, new TextEncoder().encode(JSON.stringify(o)));
}

Deno.test("partitionsUpToDate() is true right after a transform of the current raw day", async () => {
  assert.equal(await partitionsUpToDate(await transformed(), DATE, TZ), true);
});

Deno.test("partitionsUpToDate() is false when a partition was written by another airq version", async () => {
  const store = await transformed();
  editJson(store, `clean/measurements_hourly/date=${DATE}/_SUCCESS`, (m) => {
    m.airq_version = "0.0.1";
  });
  assert.equal(await partitionsUpToDate(store, DATE, TZ), false);
});

Deno.test("partitionsUpToDate() is false for another time zone, so the transform refuses it", async () => {
  assert.equal(await partitionsUpToDate(await transformed(), DATE, { timezone: "UTC" }), false);
});

Deno.test("partitionsUpToDate() is false when a raw file or a partition file changed", async () => {
  const raw = await transformed();
  raw.objects.set(`raw/irceline/date=${DATE}/stations.json`, new TextEncoder().encode("[]"));
  assert.equal(await partitionsUpToDate(raw, DATE, TZ), false);
  const clean = await transformed();
  const key = [...clean.objects.keys()].find((k) => k.endsWith(".parquet"))!;
  clean.objects.set(key, new Uint8Array([1]));
  assert.equal(await partitionsUpToDate(clean, DATE, TZ), false);
  const gone = await transformed();
  gone.objects.delete(`clean/aggregate_station_by_day/date=${DATE}/_SUCCESS`);
  assert.equal(await partitionsUpToDate(gone, DATE, TZ), false);
});
