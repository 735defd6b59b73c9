/** The human summary printed on a terminal at the end of an ingest. Pure. */
import { oneLine } from "../text/escape.ts";
import type { DayReport, IngestSummary } from "./ingest_range.ts";

/** A few lines: totals, then one line per day (with its first error when failed). */
export function formatSummary(summary: IngestSummary, days: DayReport[]): string {
  const lines = [
    `airq ingest ${summary.ok ? "complete" : "FAILED"}: ${days.length} day(s) into ${
      oneLine(summary.lake)
    }`,
    `  stations ${summary.stations}, series ${summary.series}, values ${summary.values}, ` +
    `bytes ${summary.bytes}, requests ${summary.requests}, retries ${summary.retries}, ` +
    `${(summary.duration_ms / 1000).toFixed(1)} s`,
  ];
  for (const d of days) {
    if (d.status === "skipped") {
      lines.push(`  ${d.date} skipped: already complete (--force or --lookback-days to redo)`);
      continue;
    }
    const none = d.phenomena_without_series.length > 0
      ? `, no series for phenomena ${d.phenomena_without_series.join(",")}`
      : "";
    lines.push(
      `  ${d.date} ${d.status}: ${d.series} series, ${d.values} values, ` +
        `${d.written} written, ${d.unchanged} unchanged${none}`,
    );
    if (d.errors.length > 0) {
      lines.push(
        `    ${oneLine(d.errors[0])}${
          d.errors.length > 1 ? ` (+${d.errors.length - 1} more)` : ""
        }`,
      );
    }
  }
  return lines.join("\n");
}
