/** Selection of the series to fetch from a stations discovery answer. Pure. */
import type { DiscoveredSeries, DiscoveredStations } from "../irceline/validate.ts";

/** The series selected for a day. */
export interface Selection {
  /** Stations in the discovery answer. */
  stations: number;
  /** Stations with at least one selected series. */
  stationsWithSeries: number;
  /** Selected series, sorted by timeseries id. */
  series: DiscoveredSeries[];
  /** Requested phenomenon id (as string) → number of series; 0 when none. */
  found: Record<string, number>;
}

/** Keep the series whose phenomenon is requested; count them per requested phenomenon. */
export function selectSeries(
  discovered: Omit<DiscoveredStations, "conflicts">,
  phenomena: number[],
): Selection {
  const wanted = new Set(phenomena);
  const byId = new Map<number, DiscoveredSeries>();
  for (const s of discovered.series) {
    if (wanted.has(s.phenomenonId) && !byId.has(s.timeseriesId)) byId.set(s.timeseriesId, s);
  }
  const series = [...byId.values()].sort((a, b) => a.timeseriesId - b.timeseriesId);
  const found: Record<string, number> = {};
  for (const id of [...wanted].sort((a, b) => a - b)) found[String(id)] = 0;
  for (const s of series) found[String(s.phenomenonId)]! += 1;
  return {
    stations: discovered.stations,
    stationsWithSeries: new Set(series.map((s) => s.stationId)).size,
    series,
    found,
  };
}
