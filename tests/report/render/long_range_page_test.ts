/**
 * A one-year range report of a network the size of the bench's synthetic one (125 stations,
 * ten phenomena) stays small and short: weekly means, the band and the worst stations only.
 */
import assert from "node:assert/strict";
import { WORST_DRAWN } from "../../../src/report/model/long_range.ts";
import { buildReportModel } from "../../../src/report/model/report_model.ts";
import { renderReportPage } from "../../../src/report/render/report_page.ts";
import { dateRange } from "../../../src/time/day_window.ts";
import { row } from "../../support/aggregates.ts";

const PHENOMENA = [6001, 5, 8, 1, 7, 38, 391, 6002, 71, 62101];

Deno.test("renderReportPage() of a one-year range of 125 stations stays under 3 MB", () => {
  const dates = dateRange("2024-01-01", "2024-12-31");
  const days = dates.map((date, d) => ({
    date,
    sourceManifestSha256: "a",
    rows: PHENOMENA.flatMap((p, k) =>
      Array.from({ length: 125 }, (_, s) =>
        row({
          station_id: 1000 + s,
          station_label: `${40 + (s % 30)}R${String(s).padStart(3, "0")} - Station ${s}`,
          phenomenon_id: p,
          phenomenon_label: `Phenomenon ${p}`,
          timeseries_id: p * 1000 + s,
          avg_value: ((s * 7 + d * 3 + k) % 60) + 0.25,
          is_valid: (s + d) % 11 !== 0,
        }))
    ),
  }));
  const model = buildReportModel({
    from: dates[0]!,
    to: dates.at(-1)!,
    days,
    missingDates: [],
    airqVersion: "0",
  });
  const html = renderReportPage(model);
  const bytes = new TextEncoder().encode(html).byteLength;
  assert.ok(bytes < 3_000_000, `${bytes} bytes`);
  assert.equal(model.trends.length, PHENOMENA.length);
  for (const chart of model.trends) {
    assert.equal(chart.granularity, "week");
    assert.equal(chart.dates.length, 53);
    assert.equal(chart.series.length, WORST_DRAWN);
  }
  // Trend lines: at most WORST_DRAWN series per chart; the period tables fold after 10 rows.
  assert.equal(html.match(/<g class="series/g)!.length, PHENOMENA.length * WORST_DRAWN);
  assert.equal(html.match(/<details class="numbers"><summary>115 more series/g)!.length, 10);
  // The last day's 125 bars per phenomenon are folded behind one summary.
  assert.match(
    html,
    /<details class="last-day"><summary>Show the bar charts of 2024-12-31 \(125 stations\)<\/summary>/,
  );
});
