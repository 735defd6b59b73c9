/**
 * aggregateDays(): days that share one DuckDB-WASM pass get the very tables (rows, schema,
 * record batches, Parquet bytes) they get each in a pass of their own, also when a day's rows
 * straddle DuckDB's 2048-row result batches, on a DST day and on a day without values.
 */
import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { writeParquet } from "../../src/parquet.ts";
import { aggregateDays } from "../../src/transform/aggregate_day.ts";
import { prepareDay } from "../../src/transform/transform_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { type RawSeriesSpec, windowStamps, writeRawDay } from "../_raw_day.ts";

const TZ = "Europe/Brussels";

/** `n` series of one value each hour (the value depends on the series, day and hour). */
function manySeries(date: string, n: number, seed: number): RawSeriesSpec[] {
  return Array.from({ length: n }, (_, k) => ({
    id: 10_000 + k,
    station: 100 + (k % 37),
    phenomenon: [5, 8, 6001][k % 3]!,
    values: windowStamps(date).slice(1).map((t, h): [number, number | null] => [
      t,
      (k + h) % 11 === 0 ? null : ((seed * 31 + k * 7 + h) % 97) / 3 - 1,
    ]),
  }));
}

Deno.test("aggregateDays() gives each day of a pass the tables of a pass of its own", async () => {
  const store = new MemoryStore();
  const specs = [
    { date: "2024-03-30", series: manySeries("2024-03-30", 900, 1) },
    { date: "2024-03-31", series: manySeries("2024-03-31", 1000, 2) }, // 23 hours
    { date: "2024-04-01", series: [] },
    { date: "2024-04-02", series: manySeries("2024-04-02", 700, 3) },
  ];
  for (const spec of specs) await writeRawDay(store, spec);
  const days = await Promise.all(specs.map((s) => prepareDay(store, s.date, { timezone: TZ })));
  const db = await openDuckDb();
  const together = aggregateDays(db, days.map((d) => d.aggregateInput));
  const alone = days.map((d) => aggregateDays(db, [d.aggregateInput])[0]!);
  assert.deepEqual(together.map((t) => t.numRows), [900, 1000, 0, 700]);
  for (const [i, table] of together.entries()) {
    const own = alone[i]!;
    assert.equal(String(table.schema), String(own.schema));
    assert.deepEqual(table.batches.map((b) => b.numRows), own.batches.map((b) => b.numRows));
    assert.deepEqual(writeParquet(table), writeParquet(own), specs[i]!.date);
  }
  assert.deepEqual(
    together[1]!.toArray().map((r) => r.expected_count),
    new Array(1000).fill(23),
  );
});

Deno.test("aggregateDays() of no day runs no query", async () => {
  assert.deepEqual(aggregateDays(await openDuckDb(), []), []);
});

Deno.test("aggregateDays() sums each series in stamp order, whatever the file order", async () => {
  const store = new MemoryStore();
  const date = "2024-01-15";
  const stamps = windowStamps(date).slice(1);
  // Values whose double sum depends on the order: 1e16 + 1 + 1 … = 1e16 (each 1 is lost
  // against the 2 of 1e16's last bit), 1 + 1 + … + 1e16 keeps them.
  const big = [1e16, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1];
  const values = (shift: number): [number, number][] =>
    stamps.map((t, h) => [t, big[(h + shift) % big.length]!]);
  const series = [0, 5, 7].map((shift, k) => ({
    id: 20 + k,
    station: 30 + k,
    phenomenon: 5,
    // Sent newest first: the hourly table puts them in stamp order.
    values: values(shift).reverse(),
  }));
  await writeRawDay(store, { date, series });
  const day = await prepareDay(store, date, { timezone: TZ });
  const [table] = aggregateDays(await openDuckDb(), [day.aggregateInput]);
  const inOrder = series.map((s) => {
    let sum = 0;
    for (const [, v] of [...s.values].reverse()) sum += v;
    return sum / s.values.length;
  });
  const reversed = series.map((s) => {
    let sum = 0;
    for (const [, v] of s.values) sum += v;
    return sum / s.values.length;
  });
  assert.notDeepEqual(inOrder, reversed); // the values do tell the orders apart
  assert.deepEqual(table!.toArray().map((r) => r.avg_value), inOrder);
});
