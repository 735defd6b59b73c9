/**
 * The analysis-ready columns as analysts' tools see them: both clean tables of the DST day
 * 2024-03-31 (23 hours), made by the real tasks from the fixture API, read with native DuckDB
 * and pyarrow from PyPI (tests/lake_readers/read_columns.py).
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { readColumns } from "../support/lake_readers.ts";
import { runTask, sha256, withTempDir } from "./_task_run.ts";

const DATE = "2024-03-31";
const HOUR = 3_600_000;
// 2024-03-31 00:00 Europe/Brussels (+01:00) and 2024-04-01 00:00 (+02:00), in UTC.
const START = Date.UTC(2024, 2, 30, 23);
const END = Date.UTC(2024, 2, 31, 22);

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

Deno.test("both clean tables carry UTC timestamps, a DATE and short codes on a DST day", async () => {
  const api = await startFixtureServer();
  try {
    await withTempDir(async (dir) => {
      const args = ["--date", DATE, "--lake", `file://${dir}/lake`];
      const ingest = await runTask("ingest", [...args, "--api-url", api.url], { cwd: dir });
      assert.equal(ingest.code, 0, ingest.stderr);
      const transform = await runTask("transform", args, { cwd: dir });
      assert.equal(transform.code, 0, transform.stderr);
      const file = (t: string) => `${dir}/lake/clean/${t}/date=${DATE}/part-0.parquet`;

      const hourly = await readColumns(file("measurements_hourly"));
      const d = hourly.duckdb;
      assert.equal(d.types.hour_start, "TIMESTAMP WITH TIME ZONE");
      assert.equal(d.types.hour_end, "TIMESTAMP WITH TIME ZONE");
      assert.equal(d.types.date, "DATE");
      assert.equal(d.types.timestamp_ms, "BIGINT", "existing columns keep their types");
      assert.equal(d.types.datetime, "VARCHAR");
      assert.equal(hourly.pyarrow.types.hour_start, "timestamp[ms, tz=UTC]");
      assert.equal(hourly.pyarrow.types.hour_end, "timestamp[ms, tz=UTC]");
      assert.equal(hourly.pyarrow.types.date, "date32[day]");
      assert.deepEqual(hourly.dataset, { date: "date32[day]", rows: d.rows.length });

      const first = d.rows.filter((r) => r.timeseries_id === 6152);
      assert.equal(first.length, 23, "23 hourly rows for a series on the spring-forward day");
      assert.deepEqual(first.map((r) => r.hour_end_ms), first.map((r) => r.timestamp_ms));
      assert.ok(d.rows.every((r) => Number(r.hour_end_ms) - Number(r.hour_start_ms) === HOUR));
      assert.deepEqual(
        [first[0]!.hour_start, first.at(-1)!.hour_end],
        [iso(START), iso(END)],
      );
      assert.deepEqual(
        first.map((r) => r.hour_end),
        [...Array(23)].map((_, i) => iso(START + (i + 1) * HOUR)),
      );
      assert.deepEqual([first[0]!.station_code, first[0]!.pollutant, first[0]!.date], [
        "40AL01",
        "PM10",
        DATE,
      ]);
      assert.ok(d.rows.every((r) => r.date === DATE));
      const pa = hourly.pyarrow.rows;
      assert.deepEqual(
        pa.map((r) => r.hour_end),
        d.rows.map((r) => `${String(r.hour_end).slice(0, -1)}+0000`),
        "pyarrow reads the same instants",
      );
      assert.ok(pa.every((r) => r.date === DATE));
      const codes = new Set(d.rows.map((r) => `${r.phenomenon_id}=${r.pollutant}`));
      for (const c of codes) assert.ok(/^(5=PM10|6001=PM2\.5|8=NO2|1=SO2|71=CO2)$/.test(c), c);

      const aggregate = await readColumns(file("aggregate_station_by_day"));
      assert.equal(aggregate.duckdb.types.date, "DATE");
      assert.equal(aggregate.pyarrow.types.date, "date32[day]");
      assert.equal(aggregate.duckdb.types.hour_end, undefined);
      assert.ok(aggregate.duckdb.rows.length > 0);
      assert.ok(aggregate.duckdb.rows.every((r) => r.date === DATE && r.pollutant !== null));
      assert.deepEqual(
        aggregate.pyarrow.rows.map((r) => r.station_code),
        aggregate.duckdb.rows.map((r) => r.station_code),
      );
      assert.ok(aggregate.duckdb.rows.some((r) => r.station_code === "40AL01"));

      const before = await sha256(await Deno.readFile(file("measurements_hourly")));
      const again = await runTask("transform", [...args, "--force"], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(await sha256(await Deno.readFile(file("measurements_hourly"))), before);
    });
  } finally {
    await api.close();
  }
});
