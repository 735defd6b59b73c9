import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { LakeError } from "../../src/errors.ts";
import type { CleanTable } from "../../src/lake/layout.ts";
import { readParquet, readParquetArrow } from "../../src/parquet.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { type DaySummary, transformDay } from "../../src/transform/transform_day.ts";
import { MemoryStore } from "../_fakes.ts";
import {
  type ApiValue,
  type RawDaySpec,
  sha256Of,
  windowStamps,
  writeRawDay,
} from "../_raw_day.ts";

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
  assert.deepEqual(hourly[0]!.hour_start, new Date(stamps[0]!));
  assert.deepEqual(hourly[0]!.hour_end, new Date(stamps[1]!));
  assert.deepEqual(hourly[0]!.date, new Date("2024-01-15T00:00:00Z"));
  assert.deepEqual([hourly[0]!.station_code, hourly[0]!.pollutant], ["1030", "PM10"]);
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
    date: new Date("2024-01-15T00:00:00Z"),
    station_code: "1030",
    pollutant: "PM10",
  }]);
});

Deno.test("transformDay() gives 23 hours on the spring DST day with offsets switching", async () => {
  const date = "2024-03-31";
  const { hourly, aggregate } = await run({
    date,
    series: [{ id: 7, station: 1, phenomenon: 8, values: dayValues(date, (i) => i + 1) }],
  });
  assert.equal(hourly.length, 23);
  assert.deepEqual(hourly.slice(0, 3).map((r) => r.datetime), [
    "2024-03-31T01:00:00+01:00",
    "2024-03-31T03:00:00+02:00",
    "2024-03-31T04:00:00+02:00",
  ]);
  assert.equal(hourly[22]!.datetime, "2024-04-01T00:00:00+02:00");
  const a = aggregate[0]!;
  assert.deepEqual(
    [a.value_count, a.expected_count, a.coverage, a.is_valid, a.avg_value],
    [23, 23, 1, true, 12],
  );
});

Deno.test("transformDay() gives 25 hours on the autumn DST day and needs 19 of them", async () => {
  const date = "2024-10-27";
  const { hourly, aggregate } = await run({
    date,
    series: [
      { id: 10, station: 1, phenomenon: 8, values: dayValues(date, (i) => (i < 18 ? 1 : null)) },
      { id: 11, station: 1, phenomenon: 8, values: dayValues(date, (i) => (i < 19 ? 1 : null)) },
    ],
  });
  assert.equal(hourly.length, 50);
  assert.deepEqual(hourly.slice(0, 4).map((r) => r.datetime), [
    "2024-10-27T01:00:00+02:00",
    "2024-10-27T02:00:00+02:00",
    "2024-10-27T02:00:00+01:00",
    "2024-10-27T03:00:00+01:00",
  ]);
  assert.deepEqual(
    aggregate.map((a) => [a.timeseries_id, a.value_count, a.expected_count, a.is_valid]),
    [[10n, 18, 25, false], [11n, 19, 25, true]],
  );
  assert.equal(aggregate[0]!.coverage, 18 / 25);
});

Deno.test("transformDay() nulls null, NaN and values <= -99 but keeps other negatives", async () => {
  const date = "2024-01-15";
  const s = windowStamps(date);
  const values: [number, ApiValue][] = [
    [s[1]!, { json: "17.90" }],
    [s[2]!, null],
    [s[3]!, "NaN"],
    [s[4]!, { json: "-99.99" }],
    [s[5]!, -99],
    [s[6]!, { json: "-98.9" }],
    [s[7]!, { json: "-0.4" }],
    [s[8]!, { json: "2e1" }],
  ];
  const { summary, hourly, aggregate } = await run({
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values }],
  });
  assert.deepEqual(hourly.map((r) => [r.value, r.raw_value]), [
    [17.9, "17.90"],
    [null, "null"],
    [null, "NaN"],
    [null, "-99.99"],
    [null, "-99"],
    [-98.9, "-98.9"],
    [-0.4, "-0.4"],
    [20, "2e1"],
  ]);
  assert.deepEqual(
    [summary.null_values, summary.nan_values, summary.sentinel_values],
    [1, 1, 2],
  );
  const a = aggregate[0]!;
  assert.deepEqual(
    [a.value_count, a.min_value, a.max_value, a.avg_value],
    [4, -98.9, 20, (17.9 - 98.9 - 0.4 + 20) / 4],
  );
});

Deno.test("transformDay() counts a duplicate stamp once, preferring the first valid value", async () => {
  const date = "2024-01-15";
  const s = windowStamps(date);
  const { summary, hourly, aggregate } = await run({
    date,
    series: [{
      id: 1,
      station: 1,
      phenomenon: 5,
      values: [[s[1]!, 10], [s[1]!, 20], [s[2]!, null], [s[2]!, 5], [s[3]!, 1], [s[3]!, 1]],
    }],
  });
  assert.deepEqual(hourly.map((r) => [r.timestamp_ms, r.value, r.raw_value]), [
    [BigInt(s[1]!), 10, "10"],
    [BigInt(s[2]!), 5, "5"],
    [BigInt(s[3]!), 1, "1"],
  ]);
  assert.equal(summary.duplicates, 3);
  // The present value replaces the missing one: the kept row is not a null.
  assert.equal(summary.null_values, 0);
  assert.deepEqual([aggregate[0]!.value_count, aggregate[0]!.avg_value], [3, 16 / 3]);
});

Deno.test("transformDay() writes no aggregate for an empty or all-missing series", async () => {
  const date = "2024-01-15";
  const { summary, hourly, aggregate } = await run({
    date,
    series: [
      { id: 1, station: 1, phenomenon: 5, values: [] },
      { id: 2, station: 1, phenomenon: 8, values: dayValues(date, () => null) },
    ],
  });
  assert.equal(hourly.length, 24);
  assert.ok(hourly.every((r) => r.timeseries_id === 2n && r.value === null));
  assert.deepEqual(aggregate, []);
  assert.deepEqual([summary.aggregate_rows, summary.null_values], [0, 24]);
});

Deno.test("transformDay() gives one row per series, ordered by station, phenomenon, series", async () => {
  const date = "2024-01-15";
  const one = dayValues(date, () => 1);
  const { aggregate, hourly } = await run({
    date,
    stations: {
      1207: { label: "44R701 - Gent", lon: 3.7, lat: 51.05 },
      1030: { label: "40AL01 - Linkeroever", lon: 4.38, lat: 51.23 },
    },
    series: [
      { id: 7087, station: 1207, phenomenon: 6001, values: one },
      { id: 7086, station: 1207, phenomenon: 5, values: one },
      { id: 6152, station: 1030, phenomenon: 5, values: one },
      { id: 100008, station: 1030, phenomenon: 5, values: one, file: "series" },
      { id: 7074, station: 1207, phenomenon: 8, values: one },
    ],
    uom: { 5: "µg/m³", 6001: "µg/m³" },
  });
  assert.deepEqual(
    aggregate.map((a) => [a.station_id, a.station_label, a.phenomenon_id, a.timeseries_id, a.uom]),
    [
      [1030n, "40AL01 - Linkeroever", 5, 6152n, "µg/m³"],
      [1030n, "40AL01 - Linkeroever", 5, 100008n, "µg/m³"],
      [1207n, "44R701 - Gent", 5, 7086n, "µg/m³"],
      [1207n, "44R701 - Gent", 8, 7074n, null],
      [1207n, "44R701 - Gent", 6001, 7087n, "µg/m³"],
    ],
  );
  assert.deepEqual(aggregate.map((a) => a.phenomenon_label), [
    "Particulate Matter < 10 µm",
    "Particulate Matter < 10 µm",
    "Particulate Matter < 10 µm",
    "Nitrogen dioxide",
    "Particulate Matter < 2.5 µm",
  ]);
  assert.deepEqual([aggregate[2]!.longitude, aggregate[2]!.latitude], [3.7, 51.05]);
  assert.equal(hourly.length, 5 * 24);
  assert.deepEqual(hourly.slice(23, 25).map((r) => r.timeseries_id), [6152n, 100008n]);
});

Deno.test("transformDay() marks 17 of 24 hours invalid and 18 of 24 valid", async () => {
  const date = "2024-01-15";
  const { summary, aggregate } = await run({
    date,
    series: [
      { id: 1, station: 1, phenomenon: 5, values: dayValues(date, (i) => (i < 17 ? 2 : null)) },
      { id: 2, station: 1, phenomenon: 5, values: dayValues(date, (i) => (i < 18 ? 2 : "NaN")) },
    ],
  });
  assert.deepEqual(
    aggregate.map((a) => [a.value_count, a.expected_count, a.coverage, a.is_valid]),
    [[17, 24, 17 / 24, false], [18, 24, 0.75, true]],
  );
  assert.equal(summary.invalid_aggregates, 1);
});

const HOURLY_COLUMNS = [
  ["station_id", "INT64"],
  ["station_label", "BYTE_ARRAY:STRING"],
  ["longitude", "DOUBLE"],
  ["latitude", "DOUBLE"],
  ["phenomenon_id", "INT32"],
  ["phenomenon_label", "BYTE_ARRAY:STRING"],
  ["timeseries_id", "INT64"],
  ["uom", "BYTE_ARRAY:STRING"],
  ["timestamp_ms", "INT64"],
  ["datetime", "BYTE_ARRAY:STRING"],
  ["value", "DOUBLE"],
  ["raw_value", "BYTE_ARRAY:STRING"],
  ["date", "INT32:DATE"],
  ["station_code", "BYTE_ARRAY:STRING"],
  ["pollutant", "BYTE_ARRAY:STRING"],
  ["hour_start", "INT64:TIMESTAMP"],
  ["hour_end", "INT64:TIMESTAMP"],
];

const AGGREGATE_COLUMNS = [
  ...HOURLY_COLUMNS.slice(0, 8),
  ["avg_value", "DOUBLE"],
  ["min_value", "DOUBLE"],
  ["max_value", "DOUBLE"],
  ["value_count", "INT32"],
  ["expected_count", "INT32"],
  ["coverage", "DOUBLE"],
  ["is_valid", "BOOLEAN"],
  ["day_timezone", "BYTE_ARRAY:STRING"],
  ["date", "INT32:DATE"],
  ["station_code", "BYTE_ARRAY:STRING"],
  ["pollutant", "BYTE_ARRAY:STRING"],
];

async function columnsOf(store: MemoryStore, table: CleanTable, date: string) {
  const part = await readPublishedPartition(store, table, date);
  const { columns } = await readParquet(part.files[0]!.bytes);
  return columns.map((c) => [c.name, c.logicalType ? `${c.type}:${c.logicalType}` : c.type]);
}

Deno.test("transformDay() writes the Parquet schema of both clean tables", async () => {
  const date = "2024-01-15";
  const { store } = await run({
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values: dayValues(date, () => 1) }],
  });
  assert.deepEqual(await columnsOf(store, "measurements_hourly", date), HOURLY_COLUMNS);
  assert.deepEqual(await columnsOf(store, "aggregate_station_by_day", date), AGGREGATE_COLUMNS);
});

Deno.test("transformDay() writes schema-complete empty partitions for a day without values", async () => {
  const date = "2024-01-15";
  const { store, summary, hourly, aggregate } = await run({ date, series: [] });
  assert.deepEqual([hourly, aggregate, summary.rows_in], [[], [], 0]);
  assert.deepEqual(await columnsOf(store, "aggregate_station_by_day", date), AGGREGATE_COLUMNS);
});

Deno.test("transformDay() publishes part-0.parquet, then _SUCCESS with the selection, per table", async () => {
  const date = "2024-01-15";
  const { store, summary } = await run({
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values: dayValues(date, () => 1) }],
  });
  const clean = store.puts.filter((k) => k.startsWith("clean/"));
  assert.equal(clean.length, 4);
  assert.match(
    clean[0]!,
    /^clean\/measurements_hourly\/date=2024-01-15\/part-0\.parquet$/,
  );
  assert.equal(clean[1], "clean/measurements_hourly/date=2024-01-15/_SUCCESS");
  assert.match(
    clean[2]!,
    /^clean\/aggregate_station_by_day\/date=2024-01-15\/part-0\.parquet$/,
  );
  assert.equal(clean[3], "clean/aggregate_station_by_day/date=2024-01-15/_SUCCESS");
  assert.deepEqual(summary.files, [clean[0], clean[2]]);
  const part = await readPublishedPartition(store, "measurements_hourly", date);
  assert.equal(part.marker.rows, 24);
  assert.equal(
    part.marker.source_manifest_sha256,
    await sha256Of(
      store.objects.get("raw/irceline/date=2024-01-15/_manifest.json")!,
    ),
  );
  const manifest = JSON.parse(
    new TextDecoder().decode(store.objects.get("raw/irceline/date=2024-01-15/_manifest.json")!),
  );
  const selection = { phenomena: manifest.phenomena_requested, near: null };
  assert.deepEqual([summary.selection, part.marker.selection], [selection, selection]);
});

Deno.test("transformDay() rerun over the same raw files writes identical bytes and names", async () => {
  const date = "2024-10-27";
  const spec: RawDaySpec = {
    date,
    series: [
      { id: 1, station: 1, phenomenon: 5, values: dayValues(date, (i) => i / 3) },
      { id: 2, station: 3, phenomenon: 8, values: dayValues(date, (i) => (i % 4 ? -0.4 : null)) },
    ],
    uom: { 5: "µg/m³" },
  };
  const first = await run(spec);
  const snapshot = new Map(
    [...first.store.objects].filter(([k]) => k.startsWith("clean/")).map(([k, v]) => [k, v]),
  );
  const db = await openDuckDb();
  await transformDay(first.store, date, { timezone: TZ, db });
  const after = [...first.store.objects].filter(([k]) => k.startsWith("clean/"));
  assert.deepEqual(after.map(([k]) => k).sort(), [...snapshot.keys()].sort());
  for (const [k, v] of after) assert.deepEqual(v, snapshot.get(k), k);
  // A fresh store from the same raw files gives the same bytes too.
  const other = await run(spec);
  for (const [k, v] of snapshot) assert.deepEqual(other.store.objects.get(k), v, k);
});

Deno.test("transformDay() replaces a partition in place and leaves no staged copy", async () => {
  const date = "2024-01-15";
  const store = new MemoryStore();
  const first = await run({
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values: dayValues(date, () => 1) }],
  }, store);
  const second = await run({
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values: dayValues(date, () => 2) }],
  }, store);
  assert.equal(first.summary.files[0], second.summary.files[0]);
  const keys = [...store.objects.keys()].filter((k) => k.startsWith("clean/")).sort();
  assert.deepEqual(keys, [
    "clean/aggregate_station_by_day/date=2024-01-15/_SUCCESS",
    second.summary.files[1],
    "clean/measurements_hourly/date=2024-01-15/_SUCCESS",
    second.summary.files[0],
  ]);
  assert.equal(second.aggregate[0]!.avg_value, 2);
});

Deno.test("transformDay() refuses a raw day without _manifest.json and leaves clean/ untouched", async () => {
  const date = "2024-01-15";
  const store = new MemoryStore();
  await writeRawDay(store, {
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values: dayValues(date, () => 1) }],
  });
  store.objects.delete("raw/irceline/date=2024-01-15/_manifest.json");
  const puts = store.puts.length;
  await assert.rejects(
    transformDay(store, date, { timezone: TZ, db: await openDuckDb() }),
    new LakeError(
      'Cannot transform 2024-01-15: "raw/irceline/date=2024-01-15/" in memory:// has no ' +
        "_manifest.json (never ingested, or the ingest did not finish): " +
        'run "deno task ingest --date 2024-01-15 --lake memory://" first',
    ),
  );
  assert.equal(store.puts.length, puts);
  assert.deepEqual([...store.objects.keys()].filter((k) => k.startsWith("clean/")), []);
});

Deno.test("transformDay() gives the same mean bits whatever the order of values in the file", async () => {
  const date = "2024-01-15";
  const s = windowStamps(date);
  // In stamp order (1e16 + 1) + 1 = 1e16 (each 1 is lost); reversed, (1 + 1) + 1e16 = 1e16 + 2.
  const values: [number, ApiValue][] = [[s[1]!, 1e16], [s[2]!, 1], [s[3]!, 1]];
  const sorted = await run({ date, series: [{ id: 1, station: 1, phenomenon: 5, values }] });
  const reversed = await run({
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values: values.toReversed() }],
  });
  assert.equal(sorted.aggregate[0]!.avg_value, 1e16 / 3);
  assert.deepEqual(reversed.aggregate, sorted.aggregate);
  assert.deepEqual(reversed.summary.files, sorted.summary.files);
});

Deno.test("transformDay() Parquet loads back into DuckDB-WASM with the SQL types of the contract", async () => {
  const date = "2024-01-15";
  const { store } = await run({
    date,
    series: [{ id: 1, station: 1, phenomenon: 5, values: dayValues(date, (i) => i) }],
  });
  const db = await openDuckDb();
  const types = async (table: CleanTable) => {
    const part = await readPublishedPartition(store, table, date);
    db.insertArrow("read_back", readParquetArrow(part.files[0]!.bytes));
    const described = db.rows("DESCRIBE read_back").map((r) => [r.column_name, r.column_type]);
    const rows = db.rows("SELECT count(*)::INTEGER AS n FROM read_back")[0]!.n;
    db.query("DROP TABLE read_back");
    return { described, rows };
  };
  const sqlType = (t: string) =>
    ({
      INT64: "BIGINT",
      INT32: "INTEGER",
      DOUBLE: "DOUBLE",
      "BYTE_ARRAY:STRING": "VARCHAR",
      BOOLEAN: "BOOLEAN",
      "INT32:DATE": "DATE",
      "INT64:TIMESTAMP": "TIMESTAMP WITH TIME ZONE",
    })[t];
  assert.deepEqual(await types("measurements_hourly"), {
    described: HOURLY_COLUMNS.map(([n, t]) => [n, sqlType(t!)]),
    rows: 24,
  });
  const agg = await types("aggregate_station_by_day");
  assert.deepEqual(agg.described.slice(8), [
    ["avg_value", "DOUBLE"],
    ["min_value", "DOUBLE"],
    ["max_value", "DOUBLE"],
    ["value_count", "INTEGER"],
    ["expected_count", "INTEGER"],
    ["coverage", "DOUBLE"],
    ["is_valid", "BOOLEAN"],
    ["day_timezone", "VARCHAR"],
    ["date", "DATE"],
    ["station_code", "VARCHAR"],
    ["pollutant", "VARCHAR"],
  ]);
  assert.equal(agg.rows, 1);
});
