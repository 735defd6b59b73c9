/** Helpers shared by the chart models: phenomenon order, series labels, exceedance. Pure. */
import type { AggregateRow } from "./aggregate_row.ts";
import type { Guideline } from "./who_guidelines.ts";

/** Phenomena shown first, in this order (WHO-regulated pollutants, then the other usual ones). */
const PHENOMENON_ORDER = [6001, 5, 8, 1, 7, 38, 391, 10, 20];

function phenomenonRank(id: number): number {
  const i = PHENOMENON_ORDER.indexOf(id);
  return i === -1 ? PHENOMENON_ORDER.length : i;
}

/** Sort order of phenomena in the report. */
export function byPhenomenon(a: number, b: number): number {
  return phenomenonRank(a) - phenomenonRank(b) || a - b;
}

/** Display label of a series: the station, plus the series id when the station has several. */
export function seriesLabels(rows: AggregateRow[]): Map<number, string> {
  const perStation = new Map<string, Set<number>>();
  for (const r of rows) {
    const k = `${r.station_id}/${r.phenomenon_id}`;
    perStation.set(k, (perStation.get(k) ?? new Set()).add(r.timeseries_id));
  }
  const out = new Map<number, string>();
  for (const r of rows) {
    const several = perStation.get(`${r.station_id}/${r.phenomenon_id}`)!.size > 1;
    out.set(
      r.timeseries_id,
      several ? `${r.station_label} (series ${r.timeseries_id})` : r.station_label,
    );
  }
  return out;
}

/** Whether a daily mean is strictly above the guideline level. */
export function isOver(value: number, guideline: Guideline | undefined): boolean {
  return guideline !== undefined && Number.isFinite(value) && value > guideline.level;
}
