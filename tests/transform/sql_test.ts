/**
 * The transform SQL on literal input tables in DuckDB-WASM: the day's bounds, the sentinel
 * threshold, the dedupe rule, the 75 % validity rule and the summary counts, each on its
 * boundary. One DuckDB for the file; every test loads its own tables.
 */
import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import {
  aggregateSql,
  hourlySql,
  observationsSql,
  type SqlDay,
  statsSql,
  VALID_SHARE,
} from "../../src/transform/sql.ts";
import { SENTINEL_MAX } from "../../src/irceline/valid_value.ts";

const H = 3_600_000;
const START = 1_705_273_200_000; // 2024-01-15T00:00:00+01:00
const DAY: SqlDay = {
  startMs: START,
  endMs: START + 24 * H,
  hours: 24,
  timezone: "Europe/Brussels",
};
const db = await openDuckDb();

/** [series, stamp, value as sent]: a number, null, "NaN", or the JSON text of a number. */
type Obs = [number, number, number | null | "NaN" | string];

function sqlNumber(v: Obs[2]): string {
  if (v === null || v === "NaN") return "'NaN'::DOUBLE";
  return `${Number(v)}::DOUBLE`;
}

/** Load raw_obs (in file order), series (one per id, station = id % 10) and stamps. */
function load(obs: Obs[], day: SqlDay = DAY): void {
  for (const t of ["raw_obs", "series", "stamps", "obs"]) db.query(`DROP TABLE IF EXISTS ${t}`);
  const rows = obs.map(([id, t, v], seq) =>
    `(${id}, ${t}, ${sqlNumber(v)}, '${v === null ? "null" : String(v)}', ${seq})`
  );
  db.query(`CREATE TABLE raw_obs (timeseries_id BIGINT, timestamp_ms BIGINT, number DOUBLE,
    raw_value VARCHAR, seq INTEGER)`);
  if (rows.length > 0) db.query(`INSERT INTO raw_obs VALUES ${rows.join(", ")}`);
  const ids = [...new Set(obs.map(([id]) => id))];
  db.query(
    `CREATE TABLE series AS SELECT * FROM (VALUES ${
      ids.map((id) => `(${id}, ${id % 10}, 'S', 4.4, 51.2, ${100 - id}, 'P', 'ug')`).join(", ") ||
      "(0, 0, 'S', 0.0, 0.0, 0, 'P', 'u')"
    }) t(timeseries_id, station_id, station_label, longitude, latitude, phenomenon_id,
    phenomenon_label, uom)`,
  );
  const stamps = [...new Set(obs.map(([, t]) => t))];
  db.query(
    `CREATE TABLE stamps AS SELECT * FROM (VALUES ${
      stamps.map((t) => `(${t}, 'at ${t}')`).join(", ")
    }) t(timestamp_ms, datetime)`,
  );
  db.query(observationsSql(day));
  // aggregateSql() reads the day's position in its pass: this is day 0 of a one-day pass.
  for (const t of ["obs", "series"]) {
    db.query(`ALTER TABLE ${t} ADD COLUMN day_index INTEGER DEFAULT 0`);
  }
}

function obsRows(): unknown[][] {
  return db.rows("SELECT * FROM obs ORDER BY timeseries_id, timestamp_ms").map((r) => [
    Number(r.timeseries_id),
    Number(r.timestamp_ms),
    r.value,
    r.raw_value,
  ]);
}

/** `n` values 1..n at the first n hours of the day, then nulls up to `hours`. */
function valid(id: number, n: number, hours = 24): Obs[] {
  return Array.from(
    { length: hours },
    (_, i): Obs => [id, START + (i + 1) * H, i < n ? i + 1 : null],
  );
}

Deno.test("observationsSql() keeps the stamps in (start, end], the end included", () => {
  const stamps = [START - H, START, START + 1, START + H, START + 24 * H, START + 24 * H + 1];
  load(stamps.map((t): Obs => [1, t, 5]));
  assert.deepEqual(obsRows().map((r) => r[1]), [START + 1, START + H, START + 24 * H]);
});

Deno.test("observationsSql() nulls null, NaN and values <= -99, keeping the text as sent", () => {
  assert.equal(SENTINEL_MAX, -99);
  load([
    [1, START + H, null],
    [1, START + 2 * H, "NaN"],
    [1, START + 3 * H, "-99.01"],
    [1, START + 4 * H, "-99"],
    [1, START + 5 * H, "-98.99"],
    [1, START + 6 * H, "-0.4"],
    [1, START + 7 * H, "0"],
  ]);
  assert.deepEqual(obsRows().map((r) => [r[2], r[3]]), [
    [null, "null"],
    [null, "NaN"],
    [null, "-99.01"],
    [null, "-99"],
    [-98.99, "-98.99"],
    [-0.4, "-0.4"],
    [0, "0"],
  ]);
});

Deno.test("observationsSql() keeps the first present copy of a duplicate, else the first copy", () => {
  const [a, b, c, d] = [1, 2, 3, 4].map((i) => START + i * H) as [number, number, number, number];
  load([
    [1, a, null],
    [1, a, "-99.99"],
    [1, a, "7.5"],
    [1, a, "8"],
    [1, b, "3"],
    [1, b, null],
    [1, c, "NaN"],
    [1, c, null],
    [1, d, "2"],
    [1, d, "2.0"],
  ]);
  assert.deepEqual(obsRows().map((r) => [r[1], r[2], r[3]]), [
    [a, 7.5, "7.5"],
    [b, 3, "3"],
    [c, null, "NaN"],
    [d, 2, "2"],
  ]);
});

Deno.test("statsSql() counts rows, the outside stamps, duplicates and each kind of missing value", () => {
  load([
    [1, START, "1"],
    [1, START + H, null],
    [1, START + H, "4"],
    [1, START + 2 * H, "NaN"],
    [1, START + 3 * H, "-99.99"],
    [1, START + 4 * H, null],
    [2, START + 4 * H, "-100"],
    [2, START + 25 * H, "1"],
  ]);
  const stats = db.rows(statsSql(DAY))[0]!;
  assert.deepEqual(Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, Number(v)])), {
    rows_in: 8,
    outside_day: 2,
    duplicates: 1,
    null_values: 1,
    nan_values: 1,
    sentinel_values: 2,
  });
});

Deno.test("aggregateSql() marks 18 of 24 hours valid and 17 invalid", () => {
  assert.equal(VALID_SHARE, 0.75);
  load([...valid(1, 18), ...valid(2, 17), ...valid(3, 24), ...valid(4, 1), ...valid(5, 0)]);
  const rows = db.rows(aggregateSql([DAY]));
  assert.deepEqual(
    rows.map((r) => [Number(r.timeseries_id), r.value_count, r.expected_count, r.is_valid]),
    [[1, 18, 24, true], [2, 17, 24, false], [3, 24, 24, true], [4, 1, 24, false]],
  );
  const r1 = rows.find((r) => r.timeseries_id === 1n)!;
  assert.deepEqual([r1.min_value, r1.max_value, r1.avg_value, r1.coverage], [1, 18, 9.5, 0.75]);
  assert.equal(r1.day_timezone, "Europe/Brussels");
});

Deno.test("aggregateSql() rounds the needed share up: 19 of 25 hours valid, 18 invalid", () => {
  const day = { ...DAY, endMs: START + 25 * H, hours: 25 };
  load([...valid(1, 19, 25), ...valid(2, 18, 25)], day);
  const rows = db.rows(aggregateSql([day]));
  assert.deepEqual(
    rows.map((r) => [Number(r.timeseries_id), r.value_count, r.expected_count, r.is_valid]),
    [[1, 19, 25, true], [2, 18, 25, false]],
  );
  assert.equal(rows[0]!.coverage, 19 / 25);
});

Deno.test("aggregateSql() quotes the time zone as a SQL string", () => {
  load(valid(1, 1));
  const rows = db.rows(aggregateSql([{ ...DAY, timezone: "Europe/O'Brien" }]));
  assert.equal(rows[0]!.day_timezone, "Europe/O'Brien");
});

Deno.test("hourlySql() joins metadata and local time, ordered by station, phenomenon, series, stamp", () => {
  load([[12, START + 2 * H, "1"], [12, START + H, "2"], [21, START + H, "3"], [2, START + H, "4"]]);
  const rows = db.rows(hourlySql());
  assert.deepEqual(
    rows.map((r) => [Number(r.station_id), r.phenomenon_id, Number(r.timeseries_id), r.datetime]),
    [
      [1, 79, 21, `at ${START + H}`],
      [2, 88, 12, `at ${START + H}`],
      [2, 88, 12, `at ${START + 2 * H}`],
      [2, 98, 2, `at ${START + H}`],
    ],
  );
  assert.deepEqual(rows.map((r) => [r.value, r.raw_value]), [[3, "3"], [2, "2"], [1, "1"], [
    4,
    "4",
  ]]);
});

Deno.test("the SQL builders refuse a bound or an hour count that is not a safe integer", () => {
  for (const bad of [{ startMs: 1.5 }, { endMs: Number.NaN }, { endMs: 2 ** 53 }]) {
    const day = { ...DAY, ...bad };
    assert.throws(() => observationsSql(day), RangeError);
    assert.throws(() => statsSql(day), RangeError);
  }
  assert.throws(() => aggregateSql([{ ...DAY, hours: 24.5 }]), {
    name: "RangeError",
    message: 'Invalid integer for SQL: "24.5"',
  });
});
