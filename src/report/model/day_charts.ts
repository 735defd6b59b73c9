/** The bar-chart model of one day: per phenomenon, one bar per series. Pure. */
import type { AggregateRow } from "./aggregate_row.ts";
import { byPhenomenon, isOver, seriesLabels } from "./_series.ts";
import type { Bar, DayChart, ReportDay } from "./report_types.ts";
import { guidelineFor } from "./who_guidelines.ts";

/** The bar charts of one day, one per phenomenon, bars sorted by mean (highest first). */
export function dayCharts(day: Pick<ReportDay, "date" | "rows">): DayChart[] {
  const labels = seriesLabels(day.rows);
  const groups = new Map<number, AggregateRow[]>();
  for (const r of day.rows) {
    const group = groups.get(r.phenomenon_id);
    if (group) group.push(r);
    else groups.set(r.phenomenon_id, [r]);
  }
  return [...groups.keys()].sort(byPhenomenon).map((id) => {
    const rows = groups.get(id)!;
    const uom = rows.find((r) => r.uom)?.uom ?? "";
    const guideline = guidelineFor(id, uom);
    const bars = rows.map((r): Bar => ({
      timeseriesId: r.timeseries_id,
      stationId: r.station_id,
      label: labels.get(r.timeseries_id)!,
      avg: r.avg_value,
      min: r.min_value,
      max: r.max_value,
      coverage: r.coverage,
      valueCount: r.value_count,
      expectedCount: r.expected_count,
      isValid: r.is_valid,
      over: isOver(r.avg_value, guideline),
    }));
    bars.sort((a, b) =>
      b.avg - a.avg || a.label.localeCompare(b.label, "en") || a.timeseriesId - b.timeseriesId
    );
    return {
      date: day.date,
      phenomenonId: id,
      label: rows[0]!.phenomenon_label,
      uom,
      guideline,
      bars,
    };
  });
}
