import assert from "node:assert/strict";
import { medianOf, trendCharts } from "../../../src/report/model/trend_charts.ts";
import { row } from "../../support/aggregates.ts";

const NO2 = { phenomenon_id: 8, phenomenon_label: "Nitrogen dioxide" };

Deno.test("trendCharts() builds one series per timeseries with nulls on days without data", () => {
  const days = [
    {
      date: "2024-11-18",
      rows: [row({ ...NO2, timeseries_id: 1, avg_value: 30 })],
      sourceManifestSha256: "a",
    },
    {
      date: "2024-11-20",
      rows: [row({ ...NO2, timeseries_id: 1, avg_value: 20, is_valid: false })],
      sourceManifestSha256: "b",
    },
  ];
  const [chart] = trendCharts(days, ["2024-11-18", "2024-11-19", "2024-11-20"]);
  assert.equal(chart!.series.length, 1);
  assert.deepEqual(chart!.series[0]!.label, "40AL01 - Linkeroever");
  assert.deepEqual(chart!.series[0]!.points, [
    { date: "2024-11-18", value: 30, isValid: true, over: true },
    { date: "2024-11-19", value: null, isValid: false, over: false },
    { date: "2024-11-20", value: 20, isValid: false, over: false },
  ]);
});

Deno.test("medianOf() takes the middle value, the mean of the two middle ones, or null", () => {
  assert.equal(medianOf([5, null, 1, 3]), 3);
  assert.equal(medianOf([4, 1, 3, 2]), 2.5);
  assert.equal(medianOf([null, NaN]), null);
});

Deno.test("trendCharts() gives the network median per date", () => {
  const day = (date: string, values: number[]) => ({
    date,
    sourceManifestSha256: "a",
    rows: values.map((v, i) => row({ ...NO2, station_id: i, timeseries_id: i, avg_value: v })),
  });
  const [chart] = trendCharts([day("2024-11-18", [1, 9, 4]), day("2024-11-20", [2, 6])], [
    "2024-11-18",
    "2024-11-19",
    "2024-11-20",
  ]);
  assert.deepEqual(chart!.median, [4, null, 4]);
});
