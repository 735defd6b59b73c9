/**
 * The daily detail of a range report as CSV: one line per day and series with its daily
 * mean, validity and coverage, for the analyst who wants every day of a long range that the
 * page only shows as weeks. Pure.
 */
import type { ReportDay } from "./report_types.ts";

const HEADER = [
  "date",
  "station_id",
  "station_label",
  "phenomenon_id",
  "phenomenon_label",
  "timeseries_id",
  "avg_value",
  "min_value",
  "max_value",
  "coverage",
  "is_valid",
];

/** A CSV field: text quoted, and a leading =, +, - or @ defused for spreadsheets. */
function text(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

function num(value: number): string {
  return Number.isFinite(value) ? String(value) : "";
}

/** Every row of `days`, by date then series id, as RFC 4180 CSV with a header line. */
export function dailyCsv(days: ReportDay[]): string {
  const lines = [HEADER.join(",")];
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const rows = [...day.rows].sort((a, b) => a.timeseries_id - b.timeseries_id);
    for (const r of rows) {
      lines.push([
        day.date,
        String(r.station_id),
        text(r.station_label),
        String(r.phenomenon_id),
        text(r.phenomenon_label),
        String(r.timeseries_id),
        num(r.avg_value),
        num(r.min_value),
        num(r.max_value),
        num(r.coverage),
        r.is_valid ? "true" : "false",
      ].join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
