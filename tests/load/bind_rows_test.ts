import assert from "node:assert/strict";
import { toBindRows } from "../../src/load/bind_rows.ts";

const OPTS = { date: "2024-03-31", loadedAt: "2026-11-25 01:00:00.000", where: "part-x.parquet" };

function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    station_id: 1234n,
    station_label: "40AB01 - Antwerpen",
    longitude: 4.4,
    latitude: null,
    phenomenon_id: 5,
    phenomenon_label: "PM10",
    timeseries_id: 9007199254740993n,
    uom: "µg/m³",
    avg_value: 12,
    min_value: 0.1,
    max_value: 1e21,
    value_count: 23,
    expected_count: 23,
    coverage: 1,
    is_valid: true,
    day_timezone: "Europe/Brussels",
    ...overrides,
  };
}

Deno.test("toBindRows() turns every value into exact text, then date and loaded_at", () => {
  assert.deepEqual(toBindRows([row()], OPTS), [[
    "1234",
    "40AB01 - Antwerpen",
    "4.4",
    null,
    "5",
    "PM10",
    "9007199254740993",
    "µg/m³",
    "12",
    "0.1",
    "1e+21",
    "23",
    "23",
    "1",
    "true",
    "Europe/Brussels",
    "2024-03-31",
    "2026-11-25 01:00:00.000",
  ]]);
});

Deno.test("toBindRows() accepts safe integers given as numbers and false booleans", () => {
  const [binds] = toBindRows([row({ station_id: 7, is_valid: false })], OPTS);
  assert.equal(binds![0], "7");
  assert.equal(binds![14], "false");
});

Deno.test("toBindRows() names file, row and column of a bad value", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ station_id: null }, 'column "station_id" is null'],
    [{ phenomenon_id: 1.5 }, 'column "phenomenon_id" is not an integer: "1.5"'],
    [{ avg_value: NaN }, 'column "avg_value" is not a finite number: "NaN"'],
    [{ avg_value: "12" }, 'column "avg_value" is not a finite number: "12"'],
    [{ uom: 3 }, 'column "uom" is not a string'],
    [{ is_valid: 1 }, 'column "is_valid" is not a boolean'],
  ];
  for (const [overrides, why] of cases) {
    assert.throws(() => toBindRows([row(), row({ station_id: 2n, ...overrides })], OPTS), {
      name: "SyntaxError",
      message: `Cannot load "part-x.parquet": row 1 ${why}`,
    });
  }
  // nullable columns accept a missing value as NULL
  assert.equal(toBindRows([row({ station_label: undefined })], OPTS)[0]![1], null);
});

Deno.test("toBindRows() refuses a repeated primary key", () => {
  assert.throws(() => toBindRows([row(), row({ avg_value: 3 })], OPTS), {
    name: "SyntaxError",
    message:
      'Cannot load "part-x.parquet": rows 0 and 1 repeat the primary key (station_id, phenomenon_id, timeseries_id) = (1234, 5, 9007199254740993)',
  });
});
