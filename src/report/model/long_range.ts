/**
 * A trend chart of a long range, made readable and small: weekly means instead of daily
 * ones, the middle half of all series as a band around the median, and only the series with
 * the most days above the WHO level drawn as lines (the others are in the band and in the
 * period summary; every daily mean is in the report's daily.csv). Pure.
 */
import { medianOf } from "./trend_charts.ts";
import type { TrendChart, TrendPoint, TrendSeries } from "./report_types.ts";

/** From this many days on, a range's trend charts show weeks. */
export const WEEKLY_FROM_DAYS = 63;

/** Series drawn as lines over the band: the worst ones. */
export const WORST_DRAWN = 5;

/** The q-quantile (0..1) of the non-null values, linearly interpolated; null when none. */
export function quantileOf(values: readonly (number | null)[], q: number): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) =>
    a - b
  );
  if (v.length === 0) return null;
  const at = (v.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return v[lo]! + (v[hi]! - v[lo]!) * (at - lo);
}

/** One week of a series: the mean of its valid daily means (else of all), over when a day was. */
function weekPoint(date: string, days: TrendPoint[]): TrendPoint {
  const withValue = days.filter((p) => p.value !== null);
  const valid = withValue.filter((p) => p.isValid);
  const used = valid.length > 0 ? valid : withValue;
  const value = used.length === 0 ? null : used.reduce((s, p) => s + p.value!, 0) / used.length;
  return { date, value, isValid: valid.length > 0, over: days.some((p) => p.over) };
}

function rank(s: TrendSeries): [number, number] {
  const values = s.points.flatMap((p) => (p.value === null || !p.isValid ? [] : [p.value]));
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : -Infinity;
  return [s.points.filter((p) => p.over).length, mean];
}

/** `chart` (daily) as weekly means with the band, the median and the worst series only. */
export function weeklyTrend(chart: TrendChart): TrendChart {
  const weeks: number[][] = [];
  for (let i = 0; i < chart.dates.length; i += 7) {
    weeks.push(Array.from({ length: Math.min(7, chart.dates.length - i) }, (_, k) => i + k));
  }
  const dates = weeks.map((w) => chart.dates[w[0]!]!);
  const weekly = chart.series.map((s): TrendSeries => ({
    ...s,
    points: weeks.map((w, j) => weekPoint(dates[j]!, w.map((i) => s.points[i]!))),
  }));
  const column = (j: number) => weekly.map((s) => s.points[j]!.value);
  const worst = [...chart.series].map((s, i) => ({ i, r: rank(s) }))
    .sort((a, b) => b.r[0] - a.r[0] || b.r[1] - a.r[1] || a.i - b.i)
    .slice(0, WORST_DRAWN).map((x) => x.i).sort((a, b) => a - b);
  return {
    ...chart,
    granularity: "week",
    dates,
    series: worst.map((i) => weekly[i]!),
    median: dates.map((_, j) => medianOf(column(j))),
    band: {
      low: dates.map((_, j) => quantileOf(column(j), 0.25)),
      high: dates.map((_, j) => quantileOf(column(j), 0.75)),
      seriesCount: chart.series.length,
    },
  };
}
