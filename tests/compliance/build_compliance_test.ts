import assert from "node:assert/strict";
import { buildCompliance } from "../../src/compliance/build_compliance.ts";
import { LakeError } from "../../src/errors.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { readParquet } from "../../src/parquet.ts";
import { dateRange } from "../../src/time/day_window.ts";
import { MemoryStore } from "../_fakes.ts";
import { type DaySeries, publishCleanDay } from "../support/clean_days.ts";

const TZ = "Europe/Brussels";
const flat = (v: number, hours = 24) => Array<number>(hours).fill(v);

/** NO2 at station 1: 30 µg/m³ every hour; on 10 January `above` hours of 201 and one of 200. */
function no2(date: string, above: number): DaySeries {
  const values = flat(30);
  if (date === "2024-01-10") {
    for (let i = 0; i < above; i++) values[i] = 201;
    values[above] = 200;
  }
  return { stationId: 1, phenomenonId: 8, timeseriesId: 80, values };
}

/** Two PM10 series at station 1: series 51 above 50 on even days, series 52 never. */
function pm10(date: string): DaySeries[] {
  const day = Number(date.slice(8));
  return [
    { stationId: 1, phenomenonId: 5, timeseriesId: 51, values: flat(day % 2 === 0 ? 60 : 20) },
    { stationId: 1, phenomenonId: 5, timeseriesId: 52, values: flat(44) },
  ];
}

async function publishDays(store: MemoryStore, above: number) {
  for (const date of dateRange("2024-01-01", "2024-01-10")) {
    await publishCleanDay(store, date, [no2(date, above), ...pm10(date)]);
  }
}

async function tableRows(store: MemoryStore) {
  const p = await readPublishedPartition(store, "compliance_station_by_year", "2024");
  return (await readParquet(p.files[0]!.bytes)).rows;
}

function pick(rows: Record<string, unknown>[], ts: bigint, standard: string, averaging: string) {
  const r = rows.find((x) =>
    x.timeseries_id === ts && x.standard === standard && x.averaging_period === averaging
  );
  assert.ok(r, `no row for ${ts} ${standard} ${averaging}`);
  return r;
}

Deno.test("buildCompliance() counts an hourly NO2 limit from the hourly table", async () => {
  const store = new MemoryStore();
  await publishDays(store, 18);
  const summary = await buildCompliance(store, { year: 2024, timezone: TZ });
  assert.equal(summary.result, "built");
  assert.equal(summary.days, 10);
  const rows = await tableRows(store);
  const eu = pick(rows, 80n, "eu_2008_50", "hour");
  // 18 hours of 201 are above 200; the hour of exactly 200 is not.
  assert.equal(eu.exceedances, 18);
  assert.equal(eu.allowed_exceedances, 18);
  assert.equal(eu.status, "open");
  assert.equal(eu.hours_elapsed, 240);
  assert.equal(eu.valid_hours, 240);
  assert.equal(eu.data_capture, 1);
  assert.equal(eu.last_date, "2024-01-10");
  assert.equal(eu.year_complete, false);
  assert.equal(eu.annual_mean, (9 * 24 * 30 + 18 * 201 + 200 + 5 * 30) / 240);
  assert.equal(pick(rows, 80n, "eu_2030", "hour").status, "exceeded"); // 18 > 3
  // NO2 daily means: 30 on nine days (above WHO's 25), (18·201 + 200 + 5·30) / 24 on the 10th.
  assert.equal(pick(rows, 80n, "who_2021", "day").exceedances, 10);
  assert.equal(pick(rows, 80n, "eu_2030", "day").exceedances, 1); // only the 10th is above 50

  await publishCleanDay(store, "2024-01-10", [no2("2024-01-10", 19), ...pm10("2024-01-10")]);
  assert.equal((await buildCompliance(store, { year: 2024, timezone: TZ })).result, "built");
  const after = pick(await tableRows(store), 80n, "eu_2008_50", "hour");
  assert.equal(after.exceedances, 19);
  assert.equal(after.status, "exceeded");
});

Deno.test("buildCompliance() keeps two series of one pollutant at one station apart", async () => {
  const store = new MemoryStore();
  await publishDays(store, 0);
  await buildCompliance(store, { year: 2024, timezone: TZ });
  const rows = await tableRows(store);
  assert.equal(pick(rows, 51n, "eu_2008_50", "day").exceedances, 5); // days 2, 4, 6, 8, 10
  assert.equal(pick(rows, 52n, "eu_2008_50", "day").exceedances, 0);
  assert.equal(pick(rows, 51n, "eu_2008_50", "year").annual_mean, 40); // (5·60 + 5·20) / 10
  assert.equal(pick(rows, 52n, "eu_2008_50", "year").annual_mean, 44);
  assert.equal(pick(rows, 51n, "who_2021", "day").status, "exceeded"); // 5 > 3
  assert.equal(pick(rows, 52n, "who_2021", "day").status, "open"); // 44 is not above 45
  // NO2 has 7 standards, PM10 6: one row per series and standard.
  assert.equal(rows.length, 19);
  assert.deepEqual(
    [...new Set(rows.map((r) => r.timeseries_id))],
    [51n, 52n, 80n],
  );
});

Deno.test("buildCompliance() skips unchanged inputs and rewrites the same bytes", async () => {
  const store = new MemoryStore();
  await publishDays(store, 0);
  const first = await buildCompliance(store, { year: 2024, timezone: TZ });
  const successKey = "clean/compliance_station_by_year/year=2024/_SUCCESS";
  const marker = JSON.parse(new TextDecoder().decode(store.objects.get(successKey)!));
  assert.equal(marker.sources.length, 20);
  assert.equal(marker.sources[0].key, "clean/measurements_hourly/date=2024-01-01/_SUCCESS");
  const snapshot = new Map(store.objects);
  const puts = store.puts.length;
  const again = await buildCompliance(store, { year: 2024, timezone: TZ });
  assert.equal(again.result, "skipped");
  assert.equal(store.puts.length, puts);
  const forced = await buildCompliance(store, { year: 2024, timezone: TZ, force: true });
  assert.equal(forced.result, "built");
  assert.equal(forced.file, first.file);
  assert.deepEqual(store.objects, snapshot);
});

Deno.test("buildCompliance() counts a day that is not published as hours without data", async () => {
  const store = new MemoryStore();
  for (const date of ["2024-01-01", "2024-01-03"]) {
    await publishCleanDay(store, date, [no2(date, 0)]);
  }
  await buildCompliance(store, { year: 2024, timezone: TZ });
  const r = pick(await tableRows(store), 80n, "eu_2008_50", "year");
  assert.equal(r.hours_elapsed, 72);
  assert.equal(r.valid_hours, 48);
  assert.equal(r.status, "insufficient_data"); // 2/3 < 75 %
});

Deno.test("buildCompliance() refuses a year without days and days of another zone", async () => {
  const store = new MemoryStore();
  await assert.rejects(
    buildCompliance(store, { year: 2024, timezone: TZ }),
    (e: unknown) =>
      e instanceof LakeError &&
      e.message.startsWith("Cannot build compliance for 2024: no published"),
  );
  await publishCleanDay(store, "2024-01-01", [no2("2024-01-01", 0)], "UTC");
  await assert.rejects(
    buildCompliance(store, { year: 2024, timezone: TZ }),
    (e: unknown) => e instanceof LakeError && e.message.includes(`"UTC", not "${TZ}"`),
  );
  assert.equal(
    [...store.objects.keys()].some((k) => k.startsWith("clean/compliance_station_by_year/")),
    false,
  );
});

Deno.test("buildCompliance() counts the 23-hour day of a DST change as 23 hours", async () => {
  const store = new MemoryStore();
  // 2024-03-31 in Brussels has 23 hours: 18 values make a valid day (18 ≥ ⌈0.75 · 23⌉).
  const values = [...flat(60, 18), null, null, null, null, null];
  await publishCleanDay(store, "2024-03-31", [
    { stationId: 1, phenomenonId: 5, timeseriesId: 51, values },
  ]);
  await buildCompliance(store, { year: 2024, timezone: TZ });
  const r = pick(await tableRows(store), 51n, "eu_2008_50", "day");
  assert.equal(r.hours_elapsed, 91 * 24 - 1);
  assert.equal(r.valid_hours, 18);
  assert.equal(r.valid_days, 1);
  assert.equal(r.exceedances, 1);
});

Deno.test("buildCompliance() rebuilds a year whose publish stopped while _SUCCESS listed the staged copy", async () => {
  const prefix = "clean/compliance_station_by_year/year=2024/";
  const store = new MemoryStore();
  await publishDays(store, 0);
  await buildCompliance(store, { year: 2024, timezone: TZ });
  await publishDays(store, 250);
  // Stop the next publish after its first two puts: the staged copy, then _SUCCESS listing it.
  const put = store.put.bind(store);
  let puts = 0;
  store.put = (key, body, options) => {
    if (key.startsWith(prefix) && ++puts > 2) throw new Error("stopped");
    return put(key, body, options);
  };
  await assert.rejects(buildCompliance(store, { year: 2024, timezone: TZ }), /stopped/);
  const staged = JSON.parse(new TextDecoder().decode(store.objects.get(`${prefix}_SUCCESS`)!));
  assert.match(staged.files[0].key, /\/_staged\/part-[0-9a-f]{16}\.parquet$/);
  store.put = put;
  const rerun = await buildCompliance(store, { year: 2024, timezone: TZ });
  assert.equal(rerun.result, "built", "a _SUCCESS over a staged copy is not up to date");
  assert.equal(rerun.file, `${prefix}part-0.parquet`);
  assert.deepEqual([...store.objects.keys()].filter((k) => k.startsWith(prefix)).sort(), [
    `${prefix}_SUCCESS`,
    `${prefix}part-0.parquet`,
  ]);
  assert.equal((await buildCompliance(store, { year: 2024, timezone: TZ })).result, "skipped");
});
