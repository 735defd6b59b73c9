import assert from "node:assert/strict";
import { periodSummary } from "../../../src/report/model/period_summary.ts";
import { row } from "../../support/aggregates.ts";

const NO2 = { phenomenon_id: 8, phenomenon_label: "Nitrogen dioxide" };
const PM10 = { phenomenon_id: 5, phenomenon_label: "Particulate Matter < 10 µm" };

Deno.test("periodSummary() gives per series the mean of valid daily means, days over and coverage", () => {
  const a = { station_id: 1, station_label: "A", timeseries_id: 11 };
  const b = { station_id: 2, station_label: "B", timeseries_id: 21 };
  const days = [
    {
      date: "2024-11-18",
      rows: [row({ ...NO2, ...a, avg_value: 30 }), row({ ...NO2, ...b, avg_value: 10 })],
    },
    {
      date: "2024-11-19",
      rows: [
        row({ ...NO2, ...a, avg_value: 20 }),
        row({ ...NO2, ...b, avg_value: 90, is_valid: false }),
        row({ ...PM10, ...a, timeseries_id: 15, avg_value: 50 }),
      ],
    },
    { date: "2024-11-20", rows: [row({ ...NO2, ...a, avg_value: 10 })] },
  ].map((d) => ({ ...d, sourceManifestSha256: "a" }));
  const tables = periodSummary(days, 4);
  assert.deepEqual(tables.map((t) => t.phenomenonId), [5, 8]);
  assert.deepEqual(tables[1]!.rows, [
    {
      stationId: 1,
      timeseriesId: 11,
      label: "A",
      mean: 20,
      daysOver: 1,
      validDays: 3,
      coverage: 0.75,
    },
    {
      stationId: 2,
      timeseriesId: 21,
      label: "B",
      mean: 10,
      daysOver: 0,
      validDays: 1,
      coverage: 0.25,
    },
  ]);
  assert.deepEqual(tables[0]!.rows.map((r) => [r.timeseriesId, r.mean, r.daysOver]), [[15, 50, 1]]);
});

Deno.test("periodSummary() has no mean for a series without a valid day", () => {
  const days = [{
    date: "2024-11-20",
    rows: [row({ ...NO2, avg_value: 99, is_valid: false })],
    sourceManifestSha256: "a",
  }];
  const [table] = periodSummary(days, 2);
  assert.equal(table!.rows[0]!.mean, null);
  assert.equal(table!.rows[0]!.daysOver, 0);
  assert.equal(table!.rows[0]!.coverage, 0);
});
