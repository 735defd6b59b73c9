/**
 * The types of the report model: what the page says (bars, trend series, stations,
 * provenance). Declared apart from the code that builds them, so that the builders and
 * the renderer import them one way.
 */
import type { AggregateRow } from "./aggregate_row.ts";
import type { DataSource, DaySource } from "./data_source.ts";
import type { Guideline } from "./who_guidelines.ts";

/** The published aggregates of one day, with the raw manifest it was built from. */
export interface ReportDay {
  date: string;
  rows: AggregateRow[];
  /** SuccessMarker.source_manifest_sha256 of the partition. */
  sourceManifestSha256: string;
  /** sha256 of the raw `_manifest.json` now in the lake; undefined when it is gone. */
  rawManifestSha256?: string | undefined;
  /** What the raw manifest says about the source; undefined when it is gone or unreadable. */
  source?: DaySource | undefined;
}

/** Everything the report is made of. */
export interface ReportInput {
  from: string;
  to: string;
  /** Days with a published partition, in date order. */
  days: ReportDay[];
  /** Days of the range without a published partition. */
  missingDates: string[];
  airqVersion: string;
}

/** One bar: the day's mean of one series. */
export interface Bar {
  timeseriesId: number;
  stationId: number;
  label: string;
  avg: number;
  min: number;
  max: number;
  coverage: number;
  valueCount: number;
  expectedCount: number;
  isValid: boolean;
  /** The mean is above the WHO daily level. */
  over: boolean;
}

/** The bar chart of one phenomenon on one day. */
export interface DayChart {
  date: string;
  phenomenonId: number;
  label: string;
  uom: string;
  guideline: Guideline | undefined;
  bars: Bar[];
}

/** One point of a trend line; `value` is null on a day without data for the series. */
export interface TrendPoint {
  date: string;
  value: number | null;
  isValid: boolean;
  over: boolean;
}

/** The daily means of one series over the range. */
export interface TrendSeries {
  timeseriesId: number;
  stationId: number;
  label: string;
  /** The station's place in the page's station list: its colour in every chart. */
  stationIndex: number;
  /** 0 for the station's first series in this chart, 1 for its second (drawn dashed)… */
  stationSeries: number;
  points: TrendPoint[];
}

/** The line chart of one phenomenon over the range. */
export interface TrendChart {
  phenomenonId: number;
  label: string;
  uom: string;
  guideline: Guideline | undefined;
  /** Days, or the first day of each week of a long range. */
  dates: string[];
  /** Whether a point is a day's mean or a week's (long ranges, model/long_range.ts). */
  granularity: "day" | "week";
  /** The series drawn: every one, or only the worst over the band of a long range. */
  series: TrendSeries[];
  /** Per date, the median of the series' means (null when no series has a value). */
  median: (number | null)[];
  /** A long range's middle half of all series (25 % to 75 % quantile) per date. */
  band?: { low: (number | null)[]; high: (number | null)[]; seriesCount: number };
}

/** One series over the range. */
export interface PeriodRow {
  stationId: number;
  timeseriesId: number;
  label: string;
  /** Mean of the valid daily means; null when no day is valid. */
  mean: number | null;
  /** Valid days whose mean is above the WHO daily level. */
  daysOver: number;
  /** Days with a valid daily mean (at least 75 % of the hours). */
  validDays: number;
  /** validDays / the days of the range (0..1). */
  coverage: number;
}

/** The summary table of one pollutant. */
export interface PeriodTable {
  phenomenonId: number;
  label: string;
  uom: string;
  guideline: Guideline | undefined;
  /** Most days over first, then the highest mean. */
  rows: PeriodRow[];
}

/** One station of the map-free list. */
export interface StationEntry {
  stationId: number;
  label: string;
  longitude: number | null;
  latitude: number | null;
  phenomena: string[];
  /** Number of (day, series) means above a WHO level. */
  overCount: number;
}

/** The whole report, ready to render. */
export interface ReportModel {
  from: string;
  to: string;
  isRange: boolean;
  dates: string[];
  missingDates: string[];
  timezone: string | undefined;
  /** Bar charts of the last day with data. */
  latest: { date: string; charts: DayChart[] } | undefined;
  trends: TrendChart[];
  /** A range's summary per pollutant and series; empty for a single day. */
  period: PeriodTable[];
  stations: StationEntry[];
  summary: { stations: number; series: number; over: number; invalid: number };
  /** The page's title without the period, from the raw manifests. */
  title: string;
  provenance: {
    airqVersion: string;
    /** API, phenomena and area of the data, from the raw manifests. */
    dataSource: DataSource;
    source: string;
    licence: string;
    manifests: { date: string; sha256: string; rawMatches: boolean | undefined }[];
  };
}
