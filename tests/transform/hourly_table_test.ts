/**
 * hourlyDay() against the SQL reference (inputTables + observationsSql + hourlySql +
 * statsSql in DuckDB-WASM, then withAnalysisColumns()): the same rows, Arrow schema, Parquet bytes and counts, on a day
 * full of quirks (duplicates in every combination, null, "NaN", sentinels, negatives,
 * number text such as 17.90, stamps outside the day, an empty series, a per-series file,
 * non-ASCII labels, a phenomenon without unit) and on the spring DST day.
 */
import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { writeParquet } from "../../src/parquet.ts";
import { withAnalysisColumns } from "../../src/transform/analysis_columns.ts";
import { hourlyDay } from "../../src/transform/hourly_table.ts";
import { inputTables } from "../../src/transform/input_tables.ts";
import { readRawDay } from "../../src/transform/raw_day.ts";
import { hourlySql, observationsSql, statsSql } from "../../src/transform/sql.ts";
import { MemoryStore } from "../_fakes.ts";
import { type RawDaySpec, windowStamps, writeRawDay } from "../_raw_day.ts";

async function bothWays(spec: RawDaySpec) {
  const store = new MemoryStore();
  await writeRawDay(store, spec);
  const day = await readRawDay(store, spec.date, { timezone: "Europe/Brussels" });
  const db = await openDuckDb();
  const input = inputTables(day);
  db.insertArrow("raw_obs", input.raw_obs);
  db.insertArrow("series", input.series);
  db.insertArrow("stamps", input.stamps);
  const w = day.window;
  const sqlDay = { startMs: w.startMs, endMs: w.endMs, hours: w.hours, timezone: w.timezone };
  db.query(observationsSql(sqlDay));
  const reference = withAnalysisColumns(db.query(hourlySql()), { date: spec.date, hourly: true });
  const stats = db.rows(statsSql(sqlDay))[0]!;
  for (const t of ["raw_obs", "series", "stamps", "obs"]) db.query(`DROP TABLE ${t}`);
  const built = hourlyDay(day);
  const json = (t: typeof reference) =>
    t.toArray().map((r) => JSON.stringify(r, (_, v) => typeof v === "bigint" ? `${v}n` : v));
  assert.deepEqual(json(built.hourly), json(reference));
  assert.equal(String(built.hourly.schema), String(reference.schema));
  assert.deepEqual(
    built.hourly.schema.fields.map((f) => f.nullable),
    reference.schema.fields.map((f) => f.nullable),
  );
  assert.deepEqual(writeParquet(built.hourly), writeParquet(reference));
  assert.deepEqual(
    built.counts,
    Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, Number(v)])),
  );
  return built;
}

Deno.test("hourlyDay() gives the rows, bytes and counts of the SQL reference on a day of quirks", async () => {
  // The window's first stamp (D 00:00) belongs to the day before; then the day's hours.
  const [start, t0, t1, t2, t3, t4] = windowStamps("2024-01-15");
  const built = await bothWays({
    date: "2024-01-15",
    stations: {
      1: { label: "41R001 - Liège Jemeppe", lon: 5.5, lat: 50.6 },
      2: { label: "40AL01 - Linkeroever", lon: 4.3, lat: 51.2 },
    },
    uom: { 5: "µg/m³" },
    series: [
      {
        id: 10,
        station: 1,
        phenomenon: 5,
        values: [
          [start!, 3],
          [t0!, { json: "17.90" }],
          [t1!, null],
          [t1!, 4.5], // a present value after a missing one wins
          [t2!, 7],
          [t2!, 8], // the first present value wins
          [t3!, "NaN"],
          [t3!, null], // both missing: the first one stays
          [t4!, -0.4],
        ],
      },
      { id: 11, station: 1, phenomenon: 8, values: [[t1!, -99.99], [t0!, { json: "1e2" }]] },
      { id: 12, station: 2, phenomenon: 5, values: [] },
      { id: 13, station: 2, phenomenon: 5, values: [[t2!, 12.25]], file: "series" },
    ],
  });
  assert.equal(built.hourly.numRows, 8);
  assert.equal(built.counts.duplicates, 3);
});

Deno.test("hourlyDay() matches the SQL reference on the spring DST day (23 hours)", async () => {
  const stamps = windowStamps("2024-03-31");
  assert.equal(stamps.length, 24); // D 00:00 (the day before's), then 23 hours
  await bothWays({
    date: "2024-03-31",
    series: Array.from({ length: 120 }, (_, k) => ({
      id: 100 + k,
      station: 1 + (k % 7),
      phenomenon: [5, 8, 6001][k % 3]!,
      values: stamps.map((
        t,
        i,
      ): [number, number | null] => [t, i % 11 === k % 11 ? null : k + i / 4]),
    })),
  });
});

Deno.test("hourlyDay() matches the SQL reference on a day without values", async () => {
  const built = await bothWays({
    date: "2024-01-16",
    series: [{ id: 10, station: 1, phenomenon: 5, values: [] }],
  });
  assert.equal(built.hourly.numRows, 0);
});
