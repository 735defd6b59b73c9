import assert from "node:assert/strict";
import {
  buildReportModel,
  dayCharts,
  stationList,
  trendCharts,
} from "../../src/report/report_model.ts";
import { row } from "./_aggregates.ts";

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

Deno.test("stationList() lists each station once with short phenomenon names and over counts", () => {
  const list = stationList([
    {
      date: "2024-11-20",
      sourceManifestSha256: "a",
      rows: [
        row({ ...NO2, station_id: 2, station_label: "Zelzate", timeseries_id: 1, avg_value: 26 }),
        row({ ...PM25, station_id: 2, station_label: "Zelzate", timeseries_id: 2, avg_value: 16 }),
        row({ ...O3, station_id: 1, station_label: "Antwerpen", latitude: null, timeseries_id: 3 }),
      ],
    },
  ]);
  assert.deepEqual(list, [
    {
      stationId: 1,
      label: "Antwerpen",
      longitude: 4.385,
      latitude: null,
      phenomena: ["O₃"],
      overCount: 0,
    },
    {
      stationId: 2,
      label: "Zelzate",
      longitude: 4.385,
      latitude: 51.236,
      phenomena: ["PM2.5", "NO₂"],
      overCount: 2,
    },
  ]);
});

Deno.test("buildReportModel() summarises a range and keeps provenance per day", () => {
  const model = buildReportModel({
    from: "2024-11-18",
    to: "2024-11-20",
    airqVersion: "9.9.9",
    missingDates: ["2024-11-19"],
    days: [
      {
        date: "2024-11-20",
        rows: [row({ ...NO2, avg_value: 30, is_valid: false })],
        sourceManifestSha256: "c".repeat(64),
        rawManifestSha256: "d".repeat(64),
      },
      {
        date: "2024-11-18",
        rows: [row({ ...NO2, avg_value: 10 })],
        sourceManifestSha256: "a".repeat(64),
        rawManifestSha256: "a".repeat(64),
      },
    ],
  });
  assert.equal(model.isRange, true);
  assert.deepEqual(model.dates, ["2024-11-18", "2024-11-19", "2024-11-20"]);
  assert.equal(model.latest!.date, "2024-11-20");
  assert.equal(model.trends.length, 1);
  assert.equal(model.timezone, "Europe/Brussels");
  assert.deepEqual(model.summary, { stations: 1, series: 1, over: 1, invalid: 1 });
  assert.equal(model.provenance.licence, "CC BY 4.0 IRCEL-CELINE");
  assert.deepEqual(model.provenance.manifests, [
    { date: "2024-11-18", sha256: "a".repeat(64), rawMatches: true },
    { date: "2024-11-20", sha256: "c".repeat(64), rawMatches: false },
  ]);
});

Deno.test("buildReportModel() of a single day has no trend charts", () => {
  const model = buildReportModel({
    from: "2024-11-20",
    to: "2024-11-20",
    airqVersion: "0.1.0",
    missingDates: [],
    days: [{ date: "2024-11-20", rows: [row()], sourceManifestSha256: "a" }],
  });
  assert.equal(model.isRange, false);
  assert.deepEqual(model.trends, []);
  assert.deepEqual(model.provenance.manifests, [{
    date: "2024-11-20",
    sha256: "a",
    rawMatches: undefined,
  }]);
});
