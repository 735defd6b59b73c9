/** The human summary printed on a terminal at the end of a load. Pure. */
import type { LoadSummary } from "./run_load.ts";

/** Totals, then one line per date (rows deleted and inserted, skipped, or the error). */
export function formatSummary(summary: LoadSummary, lake: string): string {
  const lines = [
    `airq load ${summary.ok ? "complete" : "FAILED"}: ${summary.dates.length} date(s) from ` +
    `${lake} into ${summary.table}`,
    `  deleted ${summary.deleted}, inserted ${summary.inserted}, loaded_at ${summary.loadedAt}`,
  ];
  for (const d of summary.dates) {
    if (d.status === "skipped") {
      lines.push(`  ${d.date} skipped: already loaded from the same partition (--force to redo)`);
    } else if (d.status === "failed") {
      lines.push(`  ${d.date} failed: ${d.error ?? "unknown error"}`);
    } else {
      lines.push(
        `  ${d.date} ok: ${d.inserted} rows inserted, ${d.deleted} deleted, ` +
          `${d.batches} batch${d.batches === 1 ? "" : "es"}`,
      );
    }
  }
  return lines.join("\n");
}
