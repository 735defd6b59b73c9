/** The map-free station list of the report. Pure. */
import { byPhenomenon, isOver } from "./_series.ts";
import { shortName } from "./phenomenon_names.ts";
import type { ReportDay, StationEntry } from "./report_types.ts";
import { guidelineFor } from "./who_guidelines.ts";

/** The station list (sorted by label), with the last known coordinates of each station. */
export function stationList(days: ReportDay[]): StationEntry[] {
  const out = new Map<number, StationEntry & { ph: Set<number> }>();
  const phLabels = new Map<number, string>();
  for (const day of days) {
    for (const r of day.rows) {
      phLabels.set(r.phenomenon_id, shortName(r.phenomenon_id, r.phenomenon_label));
      const e = out.get(r.station_id) ?? {
        stationId: r.station_id,
        label: r.station_label,
        longitude: r.longitude,
        latitude: r.latitude,
        phenomena: [],
        overCount: 0,
        ph: new Set<number>(),
      };
      Object.assign(e, { label: r.station_label, longitude: r.longitude, latitude: r.latitude });
      e.ph.add(r.phenomenon_id);
      if (isOver(r.avg_value, guidelineFor(r.phenomenon_id, r.uom))) e.overCount++;
      out.set(r.station_id, e);
    }
  }
  return [...out.values()]
    .map(({ ph, ...e }) => ({
      ...e,
      phenomena: [...ph].sort(byPhenomenon).map((id) => phLabels.get(id)!),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, "en") || a.stationId - b.stationId);
}
