import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { LakeError } from "../../src/errors.ts";
import type { CleanTable } from "../../src/lake/layout.ts";
import { readParquet } from "../../src/parquet.ts";
import { readPublishedPartition } from "../../src/transform/read_partition.ts";
import { type DaySummary, transformDay } from "../../src/transform/transform_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { type ApiValue, type RawDaySpec, windowStamps, writeRawDay } from "../_raw_day.ts";

const TZ = "Europe/Brussels";

type Row = Record<string, unknown>;

async function rowsOf(store: MemoryStore, table: CleanTable, date: string): Promise<Row[]> {
  const part = await readPublishedPartition(store, table, date);
  return (await readParquet(part.files[0]!.bytes)).rows;
}

async function run(
  spec: RawDaySpec,
  store = new MemoryStore(),
): Promise<{ summary: DaySummary; hourly: Row[]; aggregate: Row[]; store: MemoryStore }> {
  await writeRawDay(store, spec);
  const summary = await transformDay(store, spec.date, { timezone: TZ, db: await openDuckDb() });
  return {
    summary,
    hourly: await rowsOf(store, "measurements_hourly", spec.date),
    aggregate: await rowsOf(store, "aggregate_station_by_day", spec.date),
    store,
  };
}

/** The day's own stamps (without the inclusive window start), each with `value(i)`. */
function dayValues(date: string, value: (i: number) => ApiValue): [number, ApiValue][] {
  return windowStamps(date).slice(1).map((t, i) => [t, value(i)]);
}

Deno.test("transformDay() keeps (D 00:00, D+1 00:00] and stamps local time with offset", async () => {
  const date = "2024-01-15";
  const stamps = windowStamps(date);
  const { summary, hourly, aggregate } = await run({
    date,
    series: [{ id: 6152, station: 1030, phenomenon: 5, values: stamps.map((t, i) => [t, i]) }],
    uom: { 5: "µg/m³" },
  });
  assert.equal(stamps.length, 25);
  assert.equal(hourly.length, 24);
  assert.equal(hourly[0]!.timestamp_ms, BigInt(stamps[1]!));
  assert.equal(hourly[0]!.datetime, "2024-01-15T01:00:00+01:00");
  assert.equal(hourly[0]!.value, 1);
  assert.equal(hourly[23]!.timestamp_ms, BigInt(stamps[24]!));
  assert.equal(hourly[23]!.datetime, "2024-01-16T00:00:00+01:00");
  assert.equal(hourly[23]!.value, 24);
  assert.equal(summary.rows_in, 25);
  assert.equal(summary.outside_day, 1);
  assert.deepEqual(aggregate, [{
    station_id: 1030n,
    station_label: "1030 - Station 1030",
    longitude: 4.4,
    latitude: 51.2,
    phenomenon_id: 5,
    phenomenon_label: "Particulate Matter < 10 µm",
    timeseries_id: 6152n,
    uom: "µg/m³",
    avg_value: 12.5,
    min_value: 1,
    max_value: 24,
    value_count: 24,
    expected_count: 24,
    coverage: 1,
    is_valid: true,
    day_timezone: TZ,
  }]);
});
