import assert from "node:assert/strict";
import { formatSummary } from "../../src/load/format_summary.ts";

Deno.test("formatSummary() gives the totals, then one line per loaded, skipped and failed date", () => {
  const text = formatSummary({
    table: "AIRQ.CLEAN.AGGREGATE_STATION_BY_DAY",
    loadedAt: "2024-11-21T06:00:00.000Z",
    deleted: 82,
    inserted: 164,
    ok: false,
    dates: [
      { date: "2024-11-18", status: "ok", deleted: 82, inserted: 82, batches: 1 },
      { date: "2024-11-19", status: "ok", deleted: 0, inserted: 82, batches: 2 },
      { date: "2024-11-20", status: "skipped", deleted: 0, inserted: 0, batches: 0 },
      {
        date: "2024-11-21",
        status: "failed",
        deleted: 0,
        inserted: 0,
        batches: 0,
        error: "Cannot load 2024-11-21: no _SUCCESS",
      },
    ],
  }, "file:///tmp/lake");
  assert.equal(
    text,
    [
      "airq load FAILED: 4 date(s) from file:///tmp/lake into AIRQ.CLEAN.AGGREGATE_STATION_BY_DAY",
      "  deleted 82, inserted 164, loaded_at 2024-11-21T06:00:00.000Z",
      "  2024-11-18 ok: 82 rows inserted, 82 deleted, 1 batch",
      "  2024-11-19 ok: 82 rows inserted, 0 deleted, 2 batches",
      "  2024-11-20 skipped: already loaded from the same partition (--force to redo)",
      "  2024-11-21 failed: Cannot load 2024-11-21: no _SUCCESS",
    ].join("\n"),
  );
});
