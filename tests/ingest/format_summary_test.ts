import assert from "node:assert/strict";
import { formatSummary } from "../../src/ingest/format_summary.ts";
import type { DayReport, IngestSummary } from "../../src/ingest/ingest_range.ts";
import { formatSummary as formatTransformSummary } from "../../src/transform/format_summary.ts";
import type { TransformSummary } from "../../src/transform/transform_range.ts";

const BODY =
  'Cannot fetch GET "http://x/": status 500: <pre>\nreport (open in a browser): evil\t</pre>';

Deno.test("formatSummary() of ingest keeps an API error body with newlines on one line", () => {
  const day = {
    date: "2024-11-20",
    status: "failed",
    series: 1,
    values: 0,
    written: 0,
    unchanged: 0,
    phenomena_without_series: [],
    errors: [BODY],
  } as unknown as DayReport;
  const summary = { ok: false, lake: "file:///l\n", duration_ms: 1 } as unknown as IngestSummary;
  const lines = formatSummary(summary, [day]).split("\n");
  assert.equal(lines.length, 4);
  assert.ok(lines[3]!.includes("<pre>\\u000areport (open in a browser): evil\\u0009</pre>"));
  assert.ok(lines[0]!.endsWith("file:///l\\u000a"));
});

Deno.test("formatSummary() of transform keeps a day's error on one line", () => {
  const summary = {
    ok: false,
    lake: "file:///l",
    timezone: "UTC",
    duration_ms: 1,
  } as unknown as TransformSummary;
  const text = formatTransformSummary(summary, [
    { status: "failed", date: "2024-11-20", duration_ms: 1, error: BODY },
  ]);
  assert.equal(text.split("\n").length, 3);
  assert.ok(!text.includes("\t"));
});
