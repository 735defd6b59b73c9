/** The line-chart model of a range: per phenomenon, one series per timeseries. Pure. */
import { byPhenomenon, isOver, seriesLabels } from "./_series.ts";
import type { ReportDay, TrendChart, TrendSeries } from "./report_types.ts";
import { guidelineFor } from "./who_guidelines.ts";

/** The median of the non-null values; null when there is none. */
export function medianOf(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) =>
    a - b
  );
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * The trend charts of a range: per phenomenon, one series per timeseries over all dates.
 * `stationIndex` gives each station its place in the page's station list (its colour);
 * stations missing from it are numbered after it, in order of appearance.
 */
export function trendCharts(
  days: ReportDay[],
  dates: string[],
  stationIndex: ReadonlyMap<number, number> = new Map(),
): TrendChart[] {
  const indexOf = new Map(stationIndex);
  const place = (id: number): number => {
    if (!indexOf.has(id)) indexOf.set(id, indexOf.size);
    return indexOf.get(id)!;
  };
  const all = days.flatMap((d) => d.rows.map((r) => ({ date: d.date, r })));
  const labels = seriesLabels(all.map((x) => x.r));
  const phenomena = [...new Set(all.map((x) => x.r.phenomenon_id))].sort(byPhenomenon);
  return phenomena.map((id) => {
    const mine = all.filter((x) => x.r.phenomenon_id === id);
    const uom = mine.find((x) => x.r.uom)?.r.uom ?? "";
    const guideline = guidelineFor(id, uom);
    const ids = [...new Set(mine.map((x) => x.r.timeseries_id))];
    const series = ids.map((tsId): TrendSeries => {
      const own = mine.filter((x) => x.r.timeseries_id === tsId);
      const byDate = new Map(own.map((x) => [x.date, x.r]));
      return {
        timeseriesId: tsId,
        stationId: own[0]!.r.station_id,
        label: labels.get(tsId)!,
        stationIndex: place(own[0]!.r.station_id),
        stationSeries: 0,
        points: dates.map((date) => {
          const r = byDate.get(date);
          return r
            ? {
              date,
              value: r.avg_value,
              isValid: r.is_valid,
              over: isOver(r.avg_value, guideline),
            }
            : { date, value: null, isValid: false, over: false };
        }),
      };
    });
    series.sort((a, b) => a.label.localeCompare(b.label, "en") || a.timeseriesId - b.timeseriesId);
    const seen = new Map<number, number>();
    for (const s of series) {
      s.stationSeries = seen.get(s.stationId) ?? 0;
      seen.set(s.stationId, s.stationSeries + 1);
    }
    const median = dates.map((_, j) => medianOf(series.map((s) => s.points[j]!.value)));
    return {
      phenomenonId: id,
      label: mine[0]!.r.phenomenon_label,
      uom,
      guideline,
      dates,
      granularity: "day" as const,
      series,
      median,
    };
  });
}
