/** Test inputs for the year page: compliance rows as the report reads them. */
import type { ComplianceEntry } from "../../src/report/model/compliance_row.ts";
import { STANDARDS } from "../../src/compliance/standards.ts";

/** The rows of one series: one per standard of its pollutant, with the given counts. */
export function seriesRows(
  series: {
    stationId: number;
    stationLabel?: string;
    phenomenonId: number;
    timeseriesId: number;
    /** Exceedances per "standard/averaging" (default 0). */
    counts?: Record<string, number>;
    annualMean?: number | null;
    capture?: number;
  },
  year = { year: 2024, lastDate: "2024-12-31", complete: true },
): ComplianceEntry[] {
  const capture = series.capture ?? 1;
  const mean = series.annualMean === undefined ? 20 : series.annualMean;
  return STANDARDS.filter((s) => s.phenomenonId === series.phenomenonId).map((s) => {
    const exceedances = s.allowed === null
      ? null
      : series.counts?.[`${s.standard}/${s.averaging}`] ?? 0;
    const status = exceedances !== null && exceedances > s.allowed!
      ? "exceeded"
      : capture < 0.75
      ? "insufficient_data"
      : !year.complete
      ? "open"
      : s.averaging === "year" && mean !== null && mean > s.threshold
      ? "exceeded"
      : "met";
    return {
      year: year.year,
      station_id: series.stationId,
      station_label: series.stationLabel ?? `Station ${series.stationId}`,
      phenomenon_id: series.phenomenonId,
      phenomenon_label: { 5: "PM10", 6001: "PM2.5", 8: "Nitrogen dioxide", 1: "SO2" }[
        series.phenomenonId
      ] ?? "Other",
      timeseries_id: series.timeseriesId,
      standard: s.standard,
      averaging_period: s.averaging,
      threshold: s.threshold,
      allowed_exceedances: s.allowed,
      exceedances,
      annual_mean: mean,
      valid_hours: Math.round(8784 * capture),
      hours_elapsed: 8784,
      data_capture: capture,
      last_date: year.lastDate,
      year_complete: year.complete,
      status,
    };
  });
}
