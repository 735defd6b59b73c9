import assert from "node:assert/strict";
import {
  dayTableHtml,
  MAX_TABLE_DAYS,
  trendTableHtml,
} from "../../../src/report/render/data_tables.ts";
import { dayCharts } from "../../../src/report/model/day_charts.ts";
import { trendCharts } from "../../../src/report/model/trend_charts.ts";
import { dateRange } from "../../../src/time/day_window.ts";
import { HOSTILE_LABEL, row } from "../../support/aggregates.ts";

const NO2 = { phenomenon_id: 8, phenomenon_label: "Nitrogen dioxide" };

Deno.test("dayTableHtml() lists every bar with its numbers, validity and exceedance", () => {
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [
      row({
        ...NO2,
        station_id: 1,
        timeseries_id: 81,
        station_label: "Borgerhout",
        avg_value: 25.01,
      }),
      row({
        ...NO2,
        station_id: 2,
        timeseries_id: 82,
        station_label: HOSTILE_LABEL,
        avg_value: 7.25,
        min_value: 1,
        max_value: 12.36,
        value_count: 12,
        coverage: 0.5,
        is_valid: false,
      }),
    ],
  });
  const html = dayTableHtml(chart!);
  assert.match(html, /^<details class="numbers"><summary>Numbers \(µg\/m³\)<\/summary>/);
  assert.match(
    html,
    /<tr class="over"><th scope="row">Borgerhout<\/th><td class="num">81<\/td><td class="num">25.01<\/td><td class="num">5.0<\/td><td class="num">15.0<\/td><td class="num">24\/24<\/td><td class="num">100 %<\/td><td>yes<\/td><td>yes<\/td><\/tr>/,
  );
  assert.match(
    html,
    /<tr><th scope="row">&lt;script&gt;.*<\/th><td class="num">82<\/td><td class="num">7.3<\/td><td class="num">1.0<\/td><td class="num">12.4<\/td><td class="num">12\/24<\/td><td class="num">50 %<\/td><td>no<\/td><td>no<\/td><\/tr>/,
  );
  assert.equal(html.includes("<script"), false);
});

Deno.test("dayTableHtml() shows a dash for exceedance when there is no guideline", () => {
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [row({ phenomenon_id: 7, phenomenon_label: "Ozone" })],
  });
  assert.match(dayTableHtml(chart!), /<td>yes<\/td><td>–<\/td><\/tr>/);
});

Deno.test("trendTableHtml() has a column per date, dashes for gaps and stars for incomplete days", () => {
  const [chart] = trendCharts([
    { date: "2024-11-18", sourceManifestSha256: "a", rows: [row({ ...NO2, avg_value: 30 })] },
    {
      date: "2024-11-20",
      sourceManifestSha256: "b",
      rows: [row({ ...NO2, avg_value: 20, is_valid: false })],
    },
  ], ["2024-11-18", "2024-11-19", "2024-11-20"]);
  const html = trendTableHtml(chart!);
  assert.match(
    html,
    /<thead><tr><th scope="col">Station<\/th><th scope="col" class="num">11-18<\/th><th scope="col" class="num">11-19<\/th><th scope="col" class="num">11-20<\/th><\/tr><\/thead>/,
  );
  assert.match(
    html,
    /<tr><th scope="row">40AL01 - Linkeroever<\/th><td class="num over">30.0<\/td><td class="num">–<\/td><td class="num">20.0\*<\/td><\/tr>/,
  );
});

Deno.test("trendTableHtml() is left out for ranges longer than MAX_TABLE_DAYS", () => {
  const dates = dateRange("2024-01-01", "2024-03-01");
  assert.ok(dates.length > MAX_TABLE_DAYS);
  const [chart] = trendCharts(
    [{ date: "2024-01-01", sourceManifestSha256: "a", rows: [row()] }],
    dates,
  );
  assert.equal(trendTableHtml(chart!), "");
});
