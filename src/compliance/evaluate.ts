/**
 * The compliance rows of a year so far: for every series and every standard of its
 * pollutant, the exceedances counted, the annual mean, the data capture and a status. Pure.
 *
 * Status, in this order: `exceeded` when more exceedances than allowed were counted (a
 * count can be broken in March, whatever the capture); `insufficient_data` when fewer than
 * 75 % of the hours elapsed have a valid value; `open` while the year is not over;
 * `exceeded` when the complete year's mean is above an annual threshold; else `met`.
 */
import { dayWindow } from "../time/day_window.ts";
import type { SeriesYear } from "./series_year.ts";
import { type Averaging, type StandardId, standardsFor } from "./standards.ts";

/** Share of the hours elapsed a series needs for a verdict (the EEA's 75 %). */
export const MIN_CAPTURE = 0.75;

/** The verdict of one row. */
export type ComplianceStatus = "exceeded" | "met" | "open" | "insufficient_data";

/** How far the year has got. */
export interface YearProgress {
  year: number;
  /** Last local date with published partitions, YYYY-MM-DD. */
  lastDate: string;
  /** Hours from 1 January 00:00 local to the end of `lastDate` (DST days count 23 or 25). */
  hoursElapsed: number;
  /** Whether `lastDate` is 31 December. */
  complete: boolean;
}

/** One row of clean/compliance_station_by_year. */
export interface ComplianceRow {
  year: number;
  station_id: bigint;
  station_label: string;
  phenomenon_id: number;
  phenomenon_label: string;
  timeseries_id: bigint;
  standard: StandardId;
  averaging_period: Averaging;
  threshold: number;
  allowed_exceedances: number | null;
  exceedances: number | null;
  annual_mean: number | null;
  valid_days: number;
  valid_hours: number;
  hours_elapsed: number;
  data_capture: number;
  last_date: string;
  year_complete: boolean;
  status: ComplianceStatus;
}

/** The progress of `year` when `lastDate` is the last day included. */
export function yearProgress(year: number, lastDate: string, timezone: string): YearProgress {
  if (!lastDate.startsWith(`${year}-`)) {
    throw new RangeError(`Invalid last date "${lastDate}": not in ${year}`);
  }
  const start = dayWindow(`${year}-01-01`, timezone).startMs;
  const end = dayWindow(lastDate, timezone).endMs;
  return {
    year,
    lastDate,
    hoursElapsed: Math.round((end - start) / 3_600_000),
    complete: lastDate === `${year}-12-31`,
  };
}

/** The status of one row (see the module's header for the rules). */
export function complianceStatus(input: {
  exceedances: number | null;
  allowed: number | null;
  annualMean: number | null;
  threshold: number;
  averaging: Averaging;
  validHours: number;
  hoursElapsed: number;
  complete: boolean;
}): ComplianceStatus {
  if (input.allowed !== null && input.exceedances !== null && input.exceedances > input.allowed) {
    return "exceeded";
  }
  // validHours / hoursElapsed < 0.75, in integers.
  if (input.validHours * 4 < input.hoursElapsed * 3) return "insufficient_data";
  if (!input.complete) return "open";
  if (input.averaging === "year" && input.annualMean !== null) {
    return input.annualMean > input.threshold ? "exceeded" : "met";
  }
  return "met";
}

function sortKey(a: SeriesYear, b: SeriesYear): number {
  const m = a.meta;
  const n = b.meta;
  if (m.station_id !== n.station_id) return m.station_id < n.station_id ? -1 : 1;
  if (m.phenomenon_id !== n.phenomenon_id) return m.phenomenon_id - n.phenomenon_id;
  return m.timeseries_id < n.timeseries_id ? -1 : m.timeseries_id > n.timeseries_id ? 1 : 0;
}

/**
 * The rows of every series with at least one standard, ordered by station, phenomenon and
 * series, then in the order of the standards table.
 */
export function evaluateYear(
  series: Iterable<SeriesYear>,
  progress: YearProgress,
): ComplianceRow[] {
  const rows: ComplianceRow[] = [];
  for (const s of [...series].sort(sortKey)) {
    const annualMean = s.validHours > 0 ? s.sum / s.validHours : null;
    for (const std of standardsFor(s.meta.phenomenon_id)) {
      const counts = std.averaging === "hour"
        ? s.hoursAbove
        : std.averaging === "day"
        ? s.daysAbove
        : undefined;
      const exceedances = counts?.get(std.threshold) ?? null;
      rows.push({
        year: progress.year,
        ...s.meta,
        standard: std.standard,
        averaging_period: std.averaging,
        threshold: std.threshold,
        allowed_exceedances: std.allowed,
        exceedances,
        annual_mean: annualMean,
        valid_days: s.validDays,
        valid_hours: s.validHours,
        hours_elapsed: progress.hoursElapsed,
        data_capture: progress.hoursElapsed > 0 ? s.validHours / progress.hoursElapsed : 0,
        last_date: progress.lastDate,
        year_complete: progress.complete,
        status: complianceStatus({
          exceedances,
          allowed: std.allowed,
          annualMean,
          threshold: std.threshold,
          averaging: std.averaging,
          validHours: s.validHours,
          hoursElapsed: progress.hoursElapsed,
          complete: progress.complete,
        }),
      });
    }
  }
  return rows;
}
