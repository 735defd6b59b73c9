/** A readable table of a day's daily means (aggregate_station_by_day rows). Pure. */
import { oneLine } from "../text/escape.ts";

/** The columns of an aggregate row the table shows (INT64 may arrive as bigint). */
export interface DailyMeanRow {
  station_label: unknown;
  phenomenon_label: unknown;
  timeseries_id: unknown;
  avg_value: unknown;
  uom: unknown;
  value_count: unknown;
  expected_count: unknown;
  is_valid: unknown;
}

/** A cell: always one line (a label's newline or tab is escaped). */
const cell = oneLine;

/** One line per row, aligned columns: station, phenomenon, series, mean, unit, hours, validity. */
export function formatDailyMeans(date: string, rows: DailyMeanRow[]): string {
  const header = ["station", "phenomenon", "series", "mean", "unit", "hours", "valid"];
  const body = rows.map((r) => [
    cell(r.station_label),
    cell(r.phenomenon_label),
    cell(r.timeseries_id),
    typeof r.avg_value === "number" ? r.avg_value.toFixed(1) : "",
    cell(r.uom),
    `${cell(r.value_count)}/${cell(r.expected_count)}`,
    r.is_valid === true ? "yes" : "no (< 75 %)",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([2, 3, 5]);
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ")
      .trimEnd();
  return [
    `Daily means ${date} (${rows.length} series)`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
  ].join("\n");
}
