/**
 * The report's data model, built from the daily aggregate rows: per phenomenon the bars of
 * a day (highlighting stations over the WHO level), the trend series of a range, the
 * station list and the provenance. Pure: no I/O, no clock.
 */
import { isOver } from "./_series.ts";
import { dayCharts } from "./day_charts.ts";
import { dataSource, reportTitle } from "./data_source.ts";
import { periodSummary } from "./period_summary.ts";
import { WEEKLY_FROM_DAYS, weeklyTrend } from "./long_range.ts";
import { stationList } from "./station_list.ts";
import { trendCharts } from "./trend_charts.ts";
import type { ReportInput, ReportModel } from "./report_types.ts";
import { guidelineFor } from "./who_guidelines.ts";

/** Build the model of a day report (from === to) or a range report. */
export function buildReportModel(input: ReportInput): ReportModel {
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
  const dates = [...new Set([...days.map((d) => d.date), ...input.missingDates])].sort();
  const last = days.at(-1);
  const latest = last ? { date: last.date, charts: dayCharts(last) } : undefined;
  const rows = days.flatMap((d) => d.rows);
  const stations = stationList(days);
  const source = dataSource(days);
  return {
    from: input.from,
    to: input.to,
    isRange: input.from !== input.to,
    dates,
    missingDates: [...input.missingDates].sort(),
    timezone: rows[0]?.day_timezone,
    latest,
    trends: input.from === input.to
      ? []
      : trendCharts(days, dates, new Map(stations.map((s, i) => [s.stationId, i])))
        .map((c) => (dates.length >= WEEKLY_FROM_DAYS ? weeklyTrend(c) : c)),
    period: input.from !== input.to ? periodSummary(days, dates.length) : [],
    stations,
    summary: {
      stations: stations.length,
      series: new Set(rows.map((r) => r.timeseries_id)).size,
      over: rows.filter((r) => isOver(r.avg_value, guidelineFor(r.phenomenon_id, r.uom))).length,
      invalid: rows.filter((r) => !r.is_valid).length,
    },
    title: reportTitle(source),
    provenance: {
      airqVersion: input.airqVersion,
      dataSource: source,
      source: "IRCEL-CELINE, Belgian Interregional Environment Agency",
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
