/**
 * transformDay() on values at the edges of a double: numbers beyond it (1e400) are kept as
 * raw text and excluded like placeholders; the largest finite values still give a finite
 * mean within [min, max].
 */
import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { readParquet } from "../../src/parquet.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { transformDay } from "../../src/transform/transform_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { type ApiValue, windowStamps, writeRawDay } from "../_raw_day.ts";

const TZ = "Europe/Brussels";
const DATE = "2024-01-15";

async function aggregateOf(value: (i: number) => ApiValue) {
  const store = new MemoryStore();
  const values = windowStamps(DATE).slice(1).map((t, i): [number, ApiValue] => [t, value(i)]);
  await writeRawDay(store, { date: DATE, series: [{ id: 1, station: 2, phenomenon: 5, values }] });
  const summary = await transformDay(store, DATE, { timezone: TZ, db: await openDuckDb() });
  const part = await readPublishedPartition(store, "aggregate_station_by_day", DATE);
  const rows = (await readParquet(part.files[0]!.bytes)).rows;
  const hourlyPart = await readPublishedPartition(store, "measurements_hourly", DATE);
  const hourly = (await readParquet(hourlyPart.files[0]!.bytes)).rows;
  return { summary, row: rows[0]!, hourly };
}

Deno.test("transformDay() excludes a number beyond a double (1e400) like a placeholder", async () => {
  const { summary, row, hourly } = await aggregateOf((i) =>
    i === 3 ? { json: "1e400" } : i === 4 ? { json: "-1e400" } : 10
  );
  assert.equal(summary.sentinel_values, 2);
  assert.equal(row.value_count, 22);
  assert.equal(row.avg_value, 10);
  assert.equal(hourly[3]!.value, null);
  assert.equal(hourly[3]!.raw_value, "1e400");
  assert.equal(hourly[4]!.raw_value, "-1e400");
});

Deno.test("transformDay() keeps the mean of 24 values of 1.7e308 finite and within [min, max]", async () => {
  const { row } = await aggregateOf(() => 1.7e308);
  assert.equal(row.avg_value, 1.7e308);
  assert.equal(row.max_value, 1.7e308);
});

Deno.test("transformDay() keeps the mean of the extreme finite values finite and in range", async () => {
  const { row } = await aggregateOf((i) =>
    i < 12 ? Number.MAX_VALUE : i < 23 ? Number.MAX_VALUE / 3 : -98.9
  );
  const avg = row.avg_value as number;
  assert.ok(Number.isFinite(avg), String(avg));
  assert.ok(avg <= (row.max_value as number) && avg >= (row.min_value as number));
  const expected = (12 * (Number.MAX_VALUE / 24)) + (11 * (Number.MAX_VALUE / 3 / 24));
  assert.ok(Math.abs(avg - expected) / expected < 1e-12, `${avg} vs ${expected}`);
});

Deno.test("transformDay() keeps the mean of equal values exactly that value", async () => {
  const { row } = await aggregateOf(() => 0.1);
  assert.equal(row.avg_value, 0.1);
});
