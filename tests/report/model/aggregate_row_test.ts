import assert from "node:assert/strict";
import { toAggregateRow } from "../../../src/report/model/aggregate_row.ts";
import { row } from "../../support/aggregates.ts";

const AT = {
  file: "clean/aggregate_station_by_day/date=2024-11-20/part-0123456789abcdef.parquet",
  row: 3,
};

Deno.test("toAggregateRow() turns INT64 bigints into numbers and keeps nulls", () => {
  const raw = {
    ...row({ uom: null, latitude: null }),
    station_id: 1030n,
    timeseries_id: 6_001_123n,
    date: "x",
  };
  assert.deepEqual(
    toAggregateRow(raw, AT),
    row({ uom: null, latitude: null, station_id: 1030, timeseries_id: 6_001_123 }),
  );
});

Deno.test("toAggregateRow() throws SyntaxError naming file, row and field of a bad column", () => {
  const { avg_value: _, ...missing } = row();
  assert.throws(() => toAggregateRow(missing, AT), {
    name: "SyntaxError",
    message: `Cannot read "${AT.file}": row 3 field "avg_value" is missing or has the wrong type`,
  });
  assert.throws(() => toAggregateRow({ ...row(), is_valid: 1 }, AT), {
    name: "SyntaxError",
    message: `Cannot read "${AT.file}": row 3 field "is_valid" is missing or has the wrong type`,
  });
  assert.throws(() => toAggregateRow({ ...row(), station_label: null }, AT), {
    name: "SyntaxError",
    message:
      `Cannot read "${AT.file}": row 3 field "station_label" is missing or has the wrong type`,
  });
});
