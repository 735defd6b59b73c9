import assert from "node:assert/strict";
import { truncate } from "../../../src/report/render/_chart_style.ts";
import {
  barAxis,
  barChartSummary,
  barChartSvg,
  barDescription,
} from "../../../src/report/render/bar_chart.ts";
import { dayCharts } from "../../../src/report/model/day_charts.ts";
import type { DayChart } from "../../../src/report/model/report_types.ts";
import { HOSTILE_LABEL, row } from "../../support/aggregates.ts";

function no2Chart(): DayChart {
  return dayCharts({
    date: "2024-11-20",
    rows: [
      row({
        phenomenon_id: 8,
        phenomenon_label: "Nitrogen dioxide",
        timeseries_id: 11,
        station_id: 1,
        station_label: "Borgerhout",
        avg_value: 33.7,
        min_value: 12,
        max_value: 58.2,
      }),
      row({
        phenomenon_id: 8,
        phenomenon_label: "Nitrogen dioxide",
        timeseries_id: 12,
        station_id: 2,
        station_label: "Gent",
        avg_value: 9.9,
        min_value: 2,
        max_value: 20,
        value_count: 12,
        coverage: 0.5,
        is_valid: false,
      }),
    ],
  })[0]!;
}

function count(text: string, re: RegExp): number {
  return [...text.matchAll(re)].length;
}

Deno.test("barAxis() spans the whiskers and leaves room above the guideline", () => {
  assert.deepEqual(barAxis(no2Chart()), {
    min: 0,
    max: 60,
    step: 10,
    ticks: [0, 10, 20, 30, 40, 50, 60],
  });
});

Deno.test("barChartSvg() draws one bar group per series, the over one highlighted", () => {
  const svg = barChartSvg(no2Chart());
  assert.equal(count(svg, /<g class="bar /g), 2);
  assert.equal(
    count(svg, /<g class="bar over valid" data-station-id="1" data-timeseries-id="11"/g),
    1,
  );
  assert.equal(
    count(svg, /<g class="bar ok invalid" data-station-id="2" data-timeseries-id="12"/g),
    1,
  );
});

Deno.test("barChartSvg() places the WHO line at the level on the axis", () => {
  const svg = barChartSvg(no2Chart());
  // axis 0..60 onto x 250..676 (880 − 150 − 54): 25 → 250 + 25 × 426 / 60 = 427.5
  assert.match(svg, /<g class="guideline" data-level="25"><line x1="427.5" x2="427.5"/);
  assert.match(svg, />WHO 2021 daily guideline: 25 µg\/m³</);
});

Deno.test("barChartSvg() hatches and tags an incomplete day with its coverage", () => {
  const svg = barChartSvg(no2Chart());
  assert.match(svg, /fill="url\(#bars-2024-11-20-8-hatch-ok\)"/);
  assert.match(svg, /<pattern id="bars-2024-11-20-8-hatch-ok"/);
  assert.match(svg, /class="coverage invalid-tag"[^>]*>⚠ 50 % · 12\/24 h</);
  assert.match(svg, /class="coverage"[^>]*>100 % · 24\/24 h</);
});

Deno.test("barChartSvg() is labelled for assistive technology", () => {
  const svg = barChartSvg(no2Chart());
  assert.match(svg, /role="img" aria-labelledby="bars-2024-11-20-8-title bars-2024-11-20-8-desc"/);
  assert.match(
    svg,
    /<title id="bars-2024-11-20-8-title">Nitrogen dioxide: daily mean per station on 2024-11-20 \(µg\/m³\)<\/title>/,
  );
  assert.equal(
    barChartSummary(no2Chart()),
    "2 series; 1 above the WHO 2021 daily guideline of 25 µg/m³; 1 with an incomplete day",
  );
});

Deno.test("barDescription() states mean, range, coverage, exceedance and validity", () => {
  const chart = no2Chart();
  assert.equal(
    barDescription(chart.bars[0]!, chart),
    "Borgerhout: mean 33.7 µg/m³; min 12.0, max 58.2; 24 of 24 hours (100 %); above the WHO daily level of 25",
  );
  assert.equal(
    barDescription(chart.bars[1]!, chart),
    "Gent: mean 9.9 µg/m³; min 2.0, max 20.0; 12 of 24 hours (50 %); incomplete day: not valid under the 75 % rule",
  );
});

Deno.test("barChartSvg() renders a hostile station label inert and truncated", () => {
  const [chart] = dayCharts({ date: "2024-11-20", rows: [row({ station_label: HOSTILE_LABEL })] });
  const svg = barChartSvg(chart!);
  assert.equal(svg.includes("<script"), false);
  assert.equal(svg.includes("<img"), false);
  assert.equal(svg.includes("\u0007"), false);
  assert.equal(svg.includes("\u202e"), false);
  assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&lt;i…<\/text>/);
  assert.match(
    svg,
    /<title>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt; &quot;O&#39;Brien&quot; \ufffd\ufffd: mean/,
  );
});

Deno.test("barChartSvg() draws a phenomenon without guideline with no guideline line", () => {
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [row({ phenomenon_id: 7, phenomenon_label: "Ozone", avg_value: 80 })],
  });
  const svg = barChartSvg(chart!);
  assert.equal(svg.includes('class="guideline"'), false);
  assert.equal(count(svg, /<g class="bar ok valid"/g), 1);
});

Deno.test("barChartSvg() labels a mean just above the level with enough decimals", () => {
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [row({ avg_value: 15.02, max_value: 20 })],
  });
  const svg = barChartSvg(chart!);
  assert.match(svg, /<g class="bar over valid"/);
  assert.match(svg, /class="value"[^>]*>15.02<\/text>/);
});

Deno.test("barChartSvg() draws a negative mean leftwards from the zero line", () => {
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [
      row({
        phenomenon_id: 62101,
        phenomenon_label: "Temperature",
        uom: "°C",
        avg_value: -4,
        min_value: -8,
        max_value: 2,
      }),
    ],
  });
  // axis −8..2 → step 2, domain −8..2 onto x 250..676: zero at 250 + 8 × 42.6 = 590.8, −4 at 420.4
  assert.deepEqual(barAxis(chart!), { min: -8, max: 2, step: 2, ticks: [-8, -6, -4, -2, 0, 2] });
  assert.match(barChartSvg(chart!), /<rect x="420.4" y="[\d.]+" width="170.4" height="15"/);
});

Deno.test("barChartSvg() keeps the series part of two long labels of one station", () => {
  const label = "40DU07 - Deurne, Ring Antwerpen Oost";
  const [chart] = dayCharts({
    date: "2024-11-20",
    rows: [
      row({ station_label: label, timeseries_id: 10003, avg_value: 20 }),
      row({ station_label: label, timeseries_id: 90003, avg_value: 10 }),
    ],
  });
  const svg = barChartSvg(chart!);
  assert.match(svg, />40DU07 - Deurn… \(series 10003\)<\/text>/);
  assert.match(svg, />40DU07 - Deurn… \(series 90003\)<\/text>/);
  assert.equal(truncate("short (series 1)", 30), "short (series 1)");
  assert.equal(truncate("a".repeat(40), 30), `${"a".repeat(29)}…`);
});
