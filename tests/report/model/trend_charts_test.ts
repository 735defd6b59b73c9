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

Deno.test("trendCharts() gives a station the same place in every chart, its second series a variant", () => {
  const PM10 = { phenomenon_id: 5, phenomenon_label: "Particulate Matter < 10 µm" };
  const rows = [
    row({ ...NO2, station_id: 7, station_label: "B", timeseries_id: 71 }),
    row({ ...NO2, station_id: 7, station_label: "B", timeseries_id: 72 }),
    row({ ...NO2, station_id: 3, station_label: "A", timeseries_id: 31 }),
    row({ ...PM10, station_id: 3, station_label: "A", timeseries_id: 35 }),
    row({ ...PM10, station_id: 9, station_label: "C", timeseries_id: 95 }),
  ];
  const charts = trendCharts(
    [{ date: "2024-11-20", rows, sourceManifestSha256: "a" }],
    ["2024-11-20"],
    new Map([[3, 0], [7, 1]]),
  );
  const places = charts.map((c) =>
    c.series.map((s) => [s.timeseriesId, s.stationIndex, s.stationSeries])
  );
  assert.deepEqual(places, [
    [[35, 0, 0], [95, 2, 0]],
    [[31, 0, 0], [71, 1, 0], [72, 1, 1]],
  ]);
});
