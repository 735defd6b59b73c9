/**
 * The summary of a range, per pollutant and series (a station's series of that pollutant):
 * the mean of its valid daily means, the valid days above the WHO daily level, and its
 * coverage (valid days out of the days of the range). Pure.
 */
import { byPhenomenon, isOver, seriesLabels } from "./_series.ts";
import type { AggregateRow } from "./aggregate_row.ts";
import type { PeriodRow, PeriodTable, ReportDay } from "./report_types.ts";
import { guidelineFor } from "./who_guidelines.ts";

function groupInto<T>(groups: Map<number, T[]>, key: number, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

/** The period summary of `days` over a range of `dayCount` days. */
export function periodSummary(days: ReportDay[], dayCount: number): PeriodTable[] {
  const all = days.flatMap((d) => d.rows);
  const labels = seriesLabels(all);
  const byPhen = new Map<number, AggregateRow[]>();
  for (const r of all) groupInto(byPhen, r.phenomenon_id, r);
  return [...byPhen.keys()].sort(byPhenomenon).map((id) => {
    const rows = byPhen.get(id)!;
    const uom = rows.find((r) => r.uom)?.uom ?? "";
    const guideline = guidelineFor(id, uom);
    const bySeries = new Map<number, AggregateRow[]>();
    for (const r of rows) groupInto(bySeries, r.timeseries_id, r);
    const table = [...bySeries.entries()].map(([tsId, own]): PeriodRow => {
      const valid = own.filter((r) => r.is_valid && Number.isFinite(r.avg_value));
      return {
        stationId: own[0]!.station_id,
        timeseriesId: tsId,
        label: labels.get(tsId)!,
        mean: valid.length === 0 ? null : valid.reduce((s, r) => s + r.avg_value, 0) / valid.length,
        daysOver: valid.filter((r) => isOver(r.avg_value, guideline)).length,
        validDays: valid.length,
        coverage: dayCount === 0 ? 0 : valid.length / dayCount,
      };
    });
    table.sort((a, b) =>
      b.daysOver - a.daysOver || (b.mean ?? -Infinity) - (a.mean ?? -Infinity) ||
      a.label.localeCompare(b.label, "en") || a.timeseriesId - b.timeseriesId
    );
    return { phenomenonId: id, label: rows[0]!.phenomenon_label, uom, guideline, rows: table };
  });
}
