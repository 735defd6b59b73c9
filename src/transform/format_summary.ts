/** The human summary printed on a terminal at the end of a transform. Pure. */
import { oneLine } from "../text/escape.ts";
import type { DayReport } from "./day_report.ts";
import type { TransformSummary } from "./transform_range.ts";

/** Totals, then one line per day (rows in/out, NULL kinds, validity, bytes, or the error). */
export function formatSummary(summary: TransformSummary, days: DayReport[]): string {
  const lines = [
    `airq transform ${summary.ok ? "complete" : "FAILED"}: ${days.length} day(s) in ${
      oneLine(summary.lake)
    }` +
    ` (${summary.timezone})`,
    `  rows in ${summary.rows_in}, hourly ${summary.hourly_rows}, aggregates ` +
    `${summary.aggregate_rows}, bytes written ${summary.bytes_written}, ` +
    `${(summary.duration_ms / 1000).toFixed(1)} s`,
  ];
  for (const d of days) {
    if (d.status === "skipped") {
      lines.push(
        `  ${d.date} skipped: partitions up to date with the raw manifest (--force to redo)`,
      );
      continue;
    }
    if (d.status === "failed") {
      lines.push(`  ${d.date} failed: ${oneLine(d.error)}`);
      continue;
    }
    lines.push(
      `  ${d.date} ok: ${d.rows_in} values in, ${d.hourly_rows} hourly, ${d.aggregate_rows} ` +
        `aggregates (${d.invalid_aggregates} below ${d.expected_count}-hour coverage), ` +
        `null ${d.null_values}, NaN ${d.nan_values}, sentinel ${d.sentinel_values}, ` +
        `duplicates ${d.duplicates}, ${d.bytes_written} bytes`,
    );
  }
  return lines.join("\n");
}
