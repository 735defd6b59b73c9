/**
 * What the year page says: per pollutant, the series ranked by exceedances against the
 * allowed count and by annual mean against the annual limits, and the stations that would
 * fail the 2030 limits today. Declared apart from the code that builds and draws it.
 */
import type { ComplianceStatus } from "./compliance_row.ts";

/** One limit of a pollutant: a column of the page's tables. */
export interface LimitColumn {
  standard: string;
  /** "EU today", "EU 2030" or "WHO 2021" (the standard's id when unknown). */
  title: string;
  averaging: "hour" | "day" | "year";
  threshold: number;
  allowed: number | null;
}

/** One series' value against one limit. */
export interface LimitCell {
  /** Exceedances (hour and day limits) or the annual mean so far (year limits). */
  value: number | null;
  status: ComplianceStatus;
}

/** One series of a pollutant, with a cell per column. */
export interface SeriesLine {
  stationId: number;
  stationLabel: string;
  timeseriesId: number;
  capture: number;
  annualMean: number | null;
  cells: LimitCell[];
}

/** One pollutant's part of the page. */
export interface PollutantSection {
  phenomenonId: number;
  /** Short name ("PM10", "NO₂"). */
  name: string;
  label: string;
  /** Hour and day limits, and the series ranked by exceedances (most first). */
  countColumns: LimitColumn[];
  countLines: SeriesLine[];
  /** Annual limits, and the series ranked by annual mean (highest first). */
  annualColumns: LimitColumn[];
  annualLines: SeriesLine[];
}

/** A station that breaks a 2030 limit with this year's data. */
export interface Fail2030 {
  stationId: number;
  stationLabel: string;
  /** What it breaks, e.g. "PM10 day > 45 µg/m³: 21 days (18 allowed)". */
  reasons: string[];
}

/** The whole year page. */
export interface YearModel {
  year: number;
  lastDate: string;
  complete: boolean;
  summary: {
    stations: number;
    series: number;
    /** Stations with a limit of Directive 2008/50/EC exceeded. */
    exceededToday: number;
    fail2030: number;
    /** Stations with a WHO guideline exceeded. */
    exceededWho: number;
  };
  pollutants: PollutantSection[];
  fail2030: Fail2030[];
  provenance: { airqVersion: string; sourceSha256: string; source: string; licence: string };
}
