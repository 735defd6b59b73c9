import assert from "node:assert/strict";
import { dayCharts } from "../../../src/report/model/day_charts.ts";
import { row } from "../../support/aggregates.ts";

const PM25 = { phenomenon_id: 6001, phenomenon_label: "Particulate Matter < 2.5 µm" };
const O3 = { phenomenon_id: 7, phenomenon_label: "Ozone" };
const NO2 = { phenomenon_id: 8, phenomenon_label: "Nitrogen dioxide" };

Deno.test("dayCharts() groups by phenomenon in report order and sorts bars by mean", () => {
  const charts = dayCharts({
    date: "2024-11-20",
    rows: [
      row({ ...O3, timeseries_id: 1, avg_value: 40 }),
      row({ ...NO2, timeseries_id: 2, station_id: 2, station_label: "B", avg_value: 12 }),
      row({ ...NO2, timeseries_id: 3, station_id: 3, station_label: "C", avg_value: 31 }),
      row({ ...PM25, timeseries_id: 4, avg_value: 9 }),
    ],
  });
  assert.deepEqual(charts.map((c) => [c.phenomenonId, c.bars.map((b) => b.timeseriesId)]), [
    [6001, [4]],
    [8, [3, 2]],
    [7, [1]],
  ]);
});

Deno.test("dayCharts() highlights only means strictly above the WHO level", () => {
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [
      row({ ...PM25, timeseries_id: 1, station_id: 1, station_label: "at", avg_value: 15 }),
      row({ ...PM25, timeseries_id: 2, station_id: 2, station_label: "above", avg_value: 15.01 }),
      row({ ...PM25, timeseries_id: 3, station_id: 3, station_label: "below", avg_value: 3 }),
    ],
  });
  assert.deepEqual(chart!.guideline, { level: 15, pollutant: "PM2.5" });
  assert.deepEqual(chart!.bars.map((b) => [b.label, b.over]), [["above", true], ["at", false], [
    "below",
    false,
  ]]);
});

Deno.test("dayCharts() never highlights a phenomenon without a guideline or in another unit", () => {
  const charts = dayCharts({
    date: "2024-11-20",
    rows: [
      row({ ...O3, timeseries_id: 1, avg_value: 400 }),
      row({
        phenomenon_id: 5,
        phenomenon_label: "PM10",
        uom: "mg/m³",
        timeseries_id: 2,
        avg_value: 400,
      }),
    ],
  });
  assert.deepEqual(charts.map((c) => [c.phenomenonId, c.guideline, c.bars[0]!.over]), [
    [5, undefined, false],
    [7, undefined, false],
  ]);
});

Deno.test("dayCharts() carries coverage and validity and labels a station's second series", () => {
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [
      row({
        ...NO2,
        timeseries_id: 81,
        avg_value: 20,
        value_count: 17,
        coverage: 17 / 24,
        is_valid: false,
      }),
      row({ ...NO2, timeseries_id: 82, avg_value: 10 }),
    ],
  });
  assert.deepEqual(
    chart!.bars.map((b) => [b.label, b.valueCount, b.expectedCount, b.coverage, b.isValid]),
    [
      ["40AL01 - Linkeroever (series 81)", 17, 24, 17 / 24, false],
      ["40AL01 - Linkeroever (series 82)", 24, 24, 1, true],
    ],
  );
});
