import assert from "node:assert/strict";
import { quantileOf, weeklyTrend, WORST_DRAWN } from "../../../src/report/model/long_range.ts";
import { trendCharts } from "../../../src/report/model/trend_charts.ts";
import { dateRange } from "../../../src/time/day_window.ts";
import { row } from "../../support/aggregates.ts";

const NO2 = { phenomenon_id: 8, phenomenon_label: "Nitrogen dioxide" };

Deno.test("quantileOf() interpolates between the sorted values and skips nulls", () => {
  assert.equal(quantileOf([4, null, 1, 3, 2], 0.5), 2.5);
  assert.equal(quantileOf([1, 2, 3, 4, 5], 0.25), 2);
  assert.equal(quantileOf([10], 0.75), 10);
  assert.equal(quantileOf([null], 0.5), null);
});

Deno.test("weeklyTrend() draws weekly means, the band of every series and only the worst ones", () => {
  const dates = dateRange("2024-01-01", "2024-01-10");
  const stations = Array.from({ length: 8 }, (_, s) => s);
  const days = dates.map((date, d) => ({
    date,
    sourceManifestSha256: "a",
    rows: stations.map((s) =>
      row({
        ...NO2,
        station_id: s,
        station_label: `S${s}`,
        timeseries_id: 100 + s,
        // Station s has mean 5·s; station 7 is over 25 on every day, 6 on days 0..4.
        avg_value: s === 6 ? (d < 5 ? 30 : 0) : 5 * s,
        is_valid: !(s === 0 && d === 0),
      })
    ),
  }));
  const [daily] = trendCharts(days, dates);
  const chart = weeklyTrend(daily!);
  assert.equal(chart.granularity, "week");
  assert.deepEqual(chart.dates, ["2024-01-01", "2024-01-08"]);
  assert.equal(chart.series.length, WORST_DRAWN);
  assert.deepEqual(chart.series.map((s) => s.timeseriesId), [103, 104, 105, 106, 107]);
  const s6 = chart.series.find((s) => s.timeseriesId === 106)!;
  assert.deepEqual(s6.points.map((p) => [p.value, p.over]), [[150 / 7, true], [0, false]]);
  assert.equal(chart.band!.seriesCount, 8);
  assert.equal(chart.band!.low.length, 2);
  assert.ok(chart.band!.low[1]! <= chart.median[1]! && chart.median[1]! <= chart.band!.high[1]!);
});
