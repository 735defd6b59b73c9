import assert from "node:assert/strict";
import {
  datePositions,
  DENSE_SERIES,
  labelledDates,
  lineChartSvg,
  lineLegendHtml,
  seriesPath,
  trendAxis,
} from "../../../src/report/render/line_chart.ts";
import type { ReportDay } from "../../../src/report/model/report_types.ts";
import { trendCharts } from "../../../src/report/model/trend_charts.ts";
import { HOSTILE_LABEL, row } from "../../support/aggregates.ts";
import { buildReportModel } from "../../../src/report/model/report_model.ts";
import { dateRange } from "../../../src/time/day_window.ts";

const PM10 = { phenomenon_id: 5, phenomenon_label: "Particulate Matter < 10 µm" };

function pm10Days(): ReportDay[] {
  return [
    {
      date: "2024-11-18",
      sourceManifestSha256: "a",
      rows: [
        row({ ...PM10, timeseries_id: 1, station_id: 1, station_label: "Aarschot", avg_value: 50 }),
        row({
          ...PM10,
          timeseries_id: 2,
          station_id: 2,
          station_label: HOSTILE_LABEL,
          avg_value: 20,
        }),
      ],
    },
    {
      date: "2024-11-20",
      sourceManifestSha256: "b",
      rows: [
        row({
          ...PM10,
          timeseries_id: 1,
          station_id: 1,
          station_label: "Aarschot",
          avg_value: 30,
          is_valid: false,
        }),
      ],
    },
  ];
}

const DATES = ["2024-11-18", "2024-11-19", "2024-11-20"];

Deno.test("datePositions() spaces dates evenly and centres a single date", () => {
  assert.deepEqual(datePositions(3, [100, 300]), [100, 200, 300]);
  assert.deepEqual(datePositions(1, [100, 300]), [200]);
});

Deno.test("labelledDates() keeps first and last and at most the maximum", () => {
  assert.deepEqual(labelledDates(5, 10), [0, 1, 2, 3, 4]);
  assert.deepEqual(labelledDates(31, 10), [0, 4, 8, 12, 16, 20, 24, 30]);
  assert.deepEqual(labelledDates(13, 5), [0, 3, 6, 9, 12]);
  assert.deepEqual(labelledDates(14, 5), [0, 4, 8, 13]);
  assert.deepEqual(labelledDates(365, 10).length <= 10, true);
  assert.deepEqual(labelledDates(365, 10).at(-1), 364);
});

Deno.test("seriesPath() starts a new sub-path after each gap", () => {
  assert.equal(seriesPath([[0, 1], [10, 2], null, [30, 4], [40.123, 5]]), "M0 1L10 2M30 4L40.12 5");
  assert.equal(seriesPath([null, null]), "");
});

Deno.test("trendAxis() includes the guideline level", () => {
  const [chart] = trendCharts(pm10Days(), DATES);
  assert.deepEqual(trendAxis(chart!), {
    min: 0,
    max: 50,
    step: 10,
    ticks: [0, 10, 20, 30, 40, 50],
  });
});

Deno.test("lineChartSvg() draws a series per station with gaps, rings and hollow points", () => {
  const [chart] = trendCharts(pm10Days(), DATES);
  const svg = lineChartSvg(chart!);
  assert.equal([...svg.matchAll(/<g class="series/g)].length, 2);
  assert.match(svg, /<g class="series has-over" data-station-id="1" data-timeseries-id="1"/);
  assert.equal([...svg.matchAll(/<circle class="point over"/g)].length, 1);
  assert.equal([...svg.matchAll(/<circle class="point invalid"/g)].length, 1);
  assert.match(svg, /<g class="no-data" data-date="2024-11-19">/);
  // x: 68, 456, 844; y: 0..50 onto 292..30. Aarschot 50 then a gap then 30: two sub-paths
  assert.match(svg, /<path d="M68 30M844 134.8"/);
});

Deno.test("lineChartSvg() draws the WHO line at the level", () => {
  const [chart] = trendCharts(pm10Days(), DATES);
  // axis 0..50 onto y 292..30: 45 → 292 − 45 × 262 / 50 = 56.2
  assert.match(
    lineChartSvg(chart!),
    /<g class="guideline" data-level="45"><line x1="56" x2="856" y1="56.2" y2="56.2"/,
  );
});

Deno.test("lineChartSvg() and its legend escape hostile labels", () => {
  const [chart] = trendCharts(pm10Days(), DATES);
  const html = lineChartSvg(chart!) + lineLegendHtml(chart!);
  assert.equal(html.includes("<script"), false);
  assert.equal(html.includes("<img"), false);
  assert.match(html, /<span>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
});

Deno.test("lineLegendHtml() counts the days over the level per series", () => {
  const [chart] = trendCharts(pm10Days(), DATES);
  assert.match(
    lineLegendHtml(chart!),
    /<span>Aarschot<\/span> <span class="over-tag">1 day over<\/span>/,
  );
});

Deno.test("lineChartSvg() draws the network median from three series and dims dense charts", () => {
  const days: ReportDay[] = ["2024-11-18", "2024-11-19"].map((date, d) => ({
    date,
    sourceManifestSha256: "a",
    rows: Array.from(
      { length: DENSE_SERIES },
      (_, i) =>
        row({
          ...PM10,
          station_id: i,
          timeseries_id: i,
          station_label: `S${i}`,
          avg_value: 10 + i + d,
        }),
    ),
  }));
  const [dense] = trendCharts(days, ["2024-11-18", "2024-11-19"]);
  const svg = lineChartSvg(dense!);
  assert.match(svg, /^<svg [^>]*class="chart line-chart dense"/);
  // medians 14 and 15 on the axis 0..50 (y 292..30), x 68 and 844
  assert.match(
    svg,
    /<g class="median"><title>network median<\/title>.*<path d="M68 218.64L844 213.4"/,
  );
  assert.match(lineLegendHtml(dense!), /<span>network median<\/span>/);
  const [sparse] = trendCharts(pm10Days(), DATES);
  assert.equal(lineChartSvg(sparse!).includes('class="median"'), false);
  assert.match(lineChartSvg(sparse!), /^<svg [^>]*class="chart line-chart"/);
});

Deno.test("lineChartSvg() of a long range draws weeks, the band and the worst series only", () => {
  const dates = dateRange("2024-01-01", "2024-03-31");
  const days = dates.map((date, d) => ({
    date,
    sourceManifestSha256: "a",
    rows: Array.from({ length: 9 }, (_, s) =>
      row({
        phenomenon_id: 8,
        phenomenon_label: "Nitrogen dioxide",
        station_id: s,
        station_label: `S${s}`,
        timeseries_id: s,
        avg_value: 4 * s + (d % 7),
      })),
  }));
  const [chart] = buildReportModel({
    from: dates[0]!,
    to: dates.at(-1)!,
    days,
    missingDates: [],
    airqVersion: "0",
  }).trends;
  assert.equal(chart!.granularity, "week");
  const svg = lineChartSvg(chart!);
  assert.match(
    svg,
    /<title id="trend-8-title">Nitrogen dioxide: weekly mean per station, 2024-01-01 to 2024-03-25/,
  );
  assert.match(svg, /<path class="band" d="M[^"]+Z" fill="#d1d5db"/);
  assert.equal(svg.match(/<g class="series/g)!.length, 5);
  assert.match(
    lineLegendHtml(chart!),
    /<li class="band-key">.*middle half of all 9 series; lines: the 5 with the most days above the WHO level/,
  );
});
