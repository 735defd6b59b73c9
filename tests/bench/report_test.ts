/** bench/report.ts and bench/measure.ts helpers: goals, the RESULTS.md block, log lines. */
import assert from "node:assert/strict";
import { goalsOf, replaceResultsBlock } from "../../bench/report.ts";
import { lastEvent, median, spread } from "../../bench/measure.ts";

Deno.test("goalsOf() marks each goal met, missed or not measured", () => {
  const goals = goalsOf(
    {
      ingest_speedup_vs_naive: 20,
      ingest_vs_lower_bound: 1.41,
      ingest_range_vs_lower_bound: 1.3,
      transform_day_speedup_vs_pyspark: null,
      transform_year_speedup_vs_pyspark: 6.5,
      transform_year_speedup_vs_duckdb: 1.49,
      transform_year_speedup_vs_polars: 1,
      transform_year_peak_rss_mib: 512,
      year_page_mib: 2.5,
      year_page_render_ms: null,
      cold_start_ms: 999,
    } as Parameters<typeof goalsOf>[0],
  );
  assert.deepEqual(goals.map((g) => [g.name, g.goal, g.met]), [
    ["ingest_speedup_vs_naive", ">= 20", true],
    ["ingest_vs_lower_bound", "<= 1.4", false],
    ["ingest_range_vs_lower_bound", "<= 1.3", true],
    ["transform_day_speedup_vs_pyspark", ">= 12", null],
    ["transform_year_speedup_vs_pyspark", ">= 6", true],
    ["transform_year_speedup_vs_duckdb", ">= 1.5", false],
    ["transform_year_speedup_vs_polars", ">= 1", true],
    ["transform_year_peak_rss_mib", "<= 512", true],
    ["year_page_mib", "<= 2", false],
    ["year_page_render_ms", "<= 5000", null],
    ["cold_start_ms", "<= 1000", true],
  ]);
});

Deno.test("replaceResultsBlock() replaces only the marked block, or appends it", () => {
  const text = "# R\n\nnotes\n<!-- results:begin -->\nold\n<!-- results:end -->\nafter\n";
  assert.equal(
    replaceResultsBlock(text, "new"),
    "# R\n\nnotes\n<!-- results:begin -->\nnew\n<!-- results:end -->\nafter\n",
  );
  assert.equal(
    replaceResultsBlock("# R\n", "new"),
    "# R\n\n<!-- results:begin -->\nnew\n<!-- results:end -->\n",
  );
});

Deno.test("lastEvent() returns the last JSON line of an event and skips other lines", () => {
  const text = [
    "Task ingest deno run …",
    '{"event":"summary","values":1}',
    "{not json",
    '{"event":"summary","values":2}',
    '{"event":"day_done"}',
  ].join("\n");
  assert.deepEqual(lastEvent(text, "summary"), { event: "summary", values: 2 });
  assert.equal(lastEvent(text, "start"), undefined);
});

Deno.test("median() takes the middle value, or the mean of the two middle ones", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

Deno.test("spread() gives min, median and max", () => {
  assert.deepEqual(spread([3, 9, 1, 4, 2]), { min: 1, median: 3, max: 9 });
});
