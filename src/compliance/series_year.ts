/**
 * What the compliance table needs of one series' year so far, accumulated day by day from
 * the published daily means and hourly values: valid hours, their sum, valid days, and the
 * count of values strictly above each threshold of the series' standards. Pure.
 */
import { standardsFor } from "./standards.ts";

/** Identity and labels of one series (from the clean tables). */
export interface SeriesMeta {
  station_id: bigint;
  station_label: string;
  phenomenon_id: number;
  phenomenon_label: string;
  timeseries_id: bigint;
}

/** The year so far of one series. */
export interface SeriesYear {
  meta: SeriesMeta;
  /** Hourly values that are not NULL. */
  validHours: number;
  /** Their sum, in date and stamp order (so the mean's last bits never vary). */
  sum: number;
  /** Days whose daily mean is valid (18 of 24 hours, see the transform's rule). */
  validDays: number;
  /** Threshold → hourly values above it, for each hourly threshold of the series. */
  hoursAbove: Map<number, number>;
  /** Threshold → valid daily means above it, for each daily threshold of the series. */
  daysAbove: Map<number, number>;
}

/** One row of clean/aggregate_station_by_day, as far as compliance reads it. */
export interface DailyMean extends SeriesMeta {
  avg_value: number | null;
  is_valid: boolean;
}

/** Accumulated series of a year, by timeseries id. */
export type YearSeries = Map<bigint, SeriesYear>;

function thresholds(phenomenonId: number, averaging: "hour" | "day"): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of standardsFor(phenomenonId)) {
    if (s.averaging === averaging) out.set(s.threshold, 0);
  }
  return out;
}

/** The series of `meta` in `year`, created empty on first sight; later labels win. */
export function seriesOf(year: YearSeries, meta: SeriesMeta): SeriesYear {
  let s = year.get(meta.timeseries_id);
  if (s === undefined) {
    s = {
      meta: { ...meta },
      validHours: 0,
      sum: 0,
      validDays: 0,
      hoursAbove: thresholds(meta.phenomenon_id, "hour"),
      daysAbove: thresholds(meta.phenomenon_id, "day"),
    };
    year.set(meta.timeseries_id, s);
  } else {
    s.meta.station_label = meta.station_label;
    s.meta.phenomenon_label = meta.phenomenon_label;
  }
  return s;
}

/** Count one hourly value (NULL: missing, counts nowhere). */
export function addHourlyValue(series: SeriesYear, value: number | null): void {
  if (value === null || !Number.isFinite(value)) return;
  series.validHours++;
  series.sum += value;
  for (const [threshold, n] of series.hoursAbove) {
    if (value > threshold) series.hoursAbove.set(threshold, n + 1);
  }
}

/** Count one day's daily mean; an invalid one (too few hours) counts nowhere. */
export function addDailyMean(year: YearSeries, row: DailyMean): void {
  const series = seriesOf(year, row);
  if (!row.is_valid || row.avg_value === null) return;
  series.validDays++;
  for (const [threshold, n] of series.daysAbove) {
    if (row.avg_value > threshold) series.daysAbove.set(threshold, n + 1);
  }
}
