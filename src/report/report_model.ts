/**
 * The report's data model, built from the daily aggregate rows: per phenomenon the bars of
 * a day (highlighting stations over the WHO level), the trend series of a range, the
 * station list and the provenance. Pure: no I/O, no clock.
 */
import type { AggregateRow } from "./aggregate_row.ts";
import { shortName } from "./phenomenon_names.ts";
import { type Guideline, guidelineFor } from "./who_guidelines.ts";

/** The published aggregates of one day, with the raw manifest it was built from. */
export interface ReportDay {
  date: string;
  rows: AggregateRow[];
  /** SuccessMarker.source_manifest_sha256 of the partition. */
  sourceManifestSha256: string;
  /** sha256 of the raw `_manifest.json` now in the lake; undefined when it is gone. */
  rawManifestSha256?: string | undefined;
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
  points: TrendPoint[];
}

/** The line chart of one phenomenon over the range. */
export interface TrendChart {
  phenomenonId: number;
  label: string;
  uom: string;
  guideline: Guideline | undefined;
  dates: string[];
  series: TrendSeries[];
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
  stations: StationEntry[];
  summary: { stations: number; series: number; over: number; invalid: number };
  provenance: {
    airqVersion: string;
    source: string;
    licence: string;
    manifests: { date: string; sha256: string; rawMatches: boolean | undefined }[];
  };
}

/** Phenomena shown first, in this order (WHO-regulated pollutants, then the other usual ones). */
const PHENOMENON_ORDER = [6001, 5, 8, 1, 7, 38, 391, 10, 20];

function phenomenonRank(id: number): number {
  const i = PHENOMENON_ORDER.indexOf(id);
  return i === -1 ? PHENOMENON_ORDER.length : i;
}

function byPhenomenon(a: number, b: number): number {
  return phenomenonRank(a) - phenomenonRank(b) || a - b;
}

/** Display label of a series: the station, plus the series id when the station has several. */
function seriesLabels(rows: AggregateRow[]): Map<number, string> {
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

function isOver(value: number, guideline: Guideline | undefined): boolean {
  return guideline !== undefined && Number.isFinite(value) && value > guideline.level;
}

/** The bar charts of one day, one per phenomenon, bars sorted by mean (highest first). */
export function dayCharts(day: Pick<ReportDay, "date" | "rows">): DayChart[] {
  const labels = seriesLabels(day.rows);
  const groups = new Map<number, AggregateRow[]>();
  for (const r of day.rows) {
    groups.set(r.phenomenon_id, [...(groups.get(r.phenomenon_id) ?? []), r]);
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

/** The trend charts of a range: per phenomenon, one series per timeseries over all dates. */
export function trendCharts(days: ReportDay[], dates: string[]): TrendChart[] {
  const all = days.flatMap((d) => d.rows.map((r) => ({ date: d.date, r })));
  const labels = seriesLabels(all.map((x) => x.r));
  const phenomena = [...new Set(all.map((x) => x.r.phenomenon_id))].sort(byPhenomenon);
  return phenomena.map((id) => {
    const mine = all.filter((x) => x.r.phenomenon_id === id);
    const uom = mine.find((x) => x.r.uom)?.r.uom ?? "";
    const guideline = guidelineFor(id, uom);
    const ids = [...new Set(mine.map((x) => x.r.timeseries_id))];
    const series = ids.map((tsId): TrendSeries => {
      const own = mine.filter((x) => x.r.timeseries_id === tsId);
      const byDate = new Map(own.map((x) => [x.date, x.r]));
      return {
        timeseriesId: tsId,
        stationId: own[0]!.r.station_id,
        label: labels.get(tsId)!,
        points: dates.map((date) => {
          const r = byDate.get(date);
          return r
            ? {
              date,
              value: r.avg_value,
              isValid: r.is_valid,
              over: isOver(r.avg_value, guideline),
            }
            : { date, value: null, isValid: false, over: false };
        }),
      };
    });
    series.sort((a, b) => a.label.localeCompare(b.label, "en") || a.timeseriesId - b.timeseriesId);
    return { phenomenonId: id, label: mine[0]!.r.phenomenon_label, uom, guideline, dates, series };
  });
}

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

/** Build the model of a day report (from === to) or a range report. */
export function buildReportModel(input: ReportInput): ReportModel {
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
  const dates = [...new Set([...days.map((d) => d.date), ...input.missingDates])].sort();
  const last = days.at(-1);
  const latest = last ? { date: last.date, charts: dayCharts(last) } : undefined;
  const rows = days.flatMap((d) => d.rows);
  const stations = stationList(days);
  return {
    from: input.from,
    to: input.to,
    isRange: input.from !== input.to,
    dates,
    missingDates: [...input.missingDates].sort(),
    timezone: rows[0]?.day_timezone,
    latest,
    trends: input.from !== input.to ? trendCharts(days, dates) : [],
    stations,
    summary: {
      stations: stations.length,
      series: new Set(rows.map((r) => r.timeseries_id)).size,
      over: rows.filter((r) => isOver(r.avg_value, guidelineFor(r.phenomenon_id, r.uom))).length,
      invalid: rows.filter((r) => !r.is_valid).length,
    },
    provenance: {
      airqVersion: input.airqVersion,
      source: "IRCEL-CELINE, Belgian Interregional Environment Agency (geo.irceline.be SOS API v1)",
      licence: "CC BY 4.0 IRCEL-CELINE",
      manifests: days.map((d) => ({
        date: d.date,
        sha256: d.sourceManifestSha256,
        rawMatches: d.rawManifestSha256 === undefined
          ? undefined
          : d.rawManifestSha256 === d.sourceManifestSha256,
      })),
    },
  };
}
