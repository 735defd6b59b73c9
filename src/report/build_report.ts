/**
 * Build the report of a day or a range from the lake and write it under reports/. The
 * report has two layers: model/ says what the page shows (rows, WHO guidelines, coverage,
 * highlighted stations) and never imports render/, which draws it (SVG charts, HTML, CSS).
 */
import { taskCommand } from "../config/task_command.ts";
import { LakeError } from "../errors.ts";
import { reportDailyCsvKey, reportKey } from "../lake/layout.ts";
import { dailyCsv } from "./model/daily_csv.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { dateRange } from "../time/day_window.ts";
import { readReportDay } from "./read_report_day.ts";
import { buildReportModel } from "./model/report_model.ts";
import type { ReportDay, ReportModel } from "./model/report_types.ts";
import { renderReportPage } from "./render/report_page.ts";

/** Options of buildReport(). */
export interface BuildReportOptions {
  from: string;
  /** Last date of a range (inclusive); defaults to `from`. */
  to?: string;
  airqVersion: string;
  /** Reader of one day (default: readReportDay on the store). */
  readDay?: (store: ObjectStore, date: string) => Promise<ReportDay | undefined>;
}

/** What buildReport() wrote. */
export interface BuiltReport {
  key: string;
  bytes: number;
  model: ReportModel;
}

/**
 * Read every day of the range, render the page and put it at reportKey(from, to); a range
 * also gets its daily means as CSV next to the page (reportDailyCsvKey), written first.
 * LakeError when no day of the range (or the single day) has a published partition.
 */
export async function buildReport(
  store: ObjectStore,
  options: BuildReportOptions,
): Promise<BuiltReport> {
  const { from, to = from, airqVersion } = options;
  const readDay = options.readDay ?? readReportDay;
  const days: ReportDay[] = [];
  const missingDates: string[] = [];
  for (const date of dateRange(from, to)) {
    const day = await readDay(store, date);
    if (day) days.push(day);
    else missingDates.push(date);
  }
  if (days.length === 0) {
    const what = from === to ? `"${from}"` : `any date from "${from}" to "${to}"`;
    throw new LakeError(
      `Cannot build the report for ${what}: no published aggregate_station_by_day partition in ` +
        `${store.location}: run "${
          taskCommand("transform", { date: from, to, lake: store.location })
        }" first`,
    );
  }
  const model = buildReportModel({ from, to, days, missingDates, airqVersion });
  const html = new TextEncoder().encode(renderReportPage(model));
  const key = reportKey(from, to);
  if (model.isRange) {
    // Before the page, so the page never links a file that is not there yet.
    await store.put(reportDailyCsvKey(from, to), new TextEncoder().encode(dailyCsv(days)), {
      contentType: "text/csv; charset=utf-8",
    });
  }
  await store.put(key, html, { contentType: "text/html; charset=utf-8" });
  return { key, bytes: html.byteLength, model };
}
