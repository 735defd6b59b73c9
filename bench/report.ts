/**
 * The bench's results: the benchmark goals (bench/README.md), and their Markdown rendering for
 * bench/RESULTS.md (between the `<!-- results:begin -->` / `<!-- results:end -->` markers).
 * Every goal is judged on medians of interleaved runs; the spread is kept beside them.
 */
import type { ComplianceBenchResult } from "./_compliance_bench.ts";
import type { IngestBenchResult } from "./_ingest_bench.ts";
import type { IngestRangeBenchResult } from "./_ingest_range_bench.ts";
import type { Spread } from "./measure.ts";
import type { Engine, TransformBenchResult } from "./_transform_bench.ts";

/** Everything one bench run measured (bench/results.json). */
export interface BenchResults {
  date: string;
  mode: "full" | "smoke";
  machine: Record<string, unknown>;
  config: Record<string, unknown>;
  ingest_speedup_vs_naive: number;
  ingest_vs_lower_bound: number;
  ingest_range_vs_lower_bound: number;
  transform_day_speedup_vs_pyspark: number | null;
  transform_day_ratio_vs_native_duckdb: number | null;
  transform_year_speedup_vs_pyspark: number | null;
  transform_year_speedup_vs_duckdb: number | null;
  transform_year_speedup_vs_polars: number | null;
  transform_year_ratio_vs_native_duckdb: number | null;
  transform_year_peak_rss_mib: number | null;
  year_page_mib: number | null;
  year_page_render_ms: number | null;
  cold_start_ms: number;
  goals: Goal[];
  cold_start: Record<string, unknown>;
  ingest: IngestBenchResult;
  ingest_range: IngestRangeBenchResult;
  transform_day: TransformBenchResult;
  transform_year: (TransformBenchResult & { raw_ingest_wall_ms: number | null }) | null;
  /** The compliance table and year page of the one-year lake (absent with --no-year). */
  compliance_year: ComplianceBenchResult | null;
}

/** One benchmark goal and whether this run met it. */
export interface Goal {
  name: string;
  value: number | null;
  goal: string;
  met: boolean | null;
}

/** The benchmark goals for the measured values (null = not measured in this run). */
export function goalsOf(r: Omit<BenchResults, "goals">): Goal[] {
  const atLeast = (name: string, value: number | null, min: number): Goal => ({
    name,
    value,
    goal: `>= ${min}`,
    met: value === null ? null : value >= min,
  });
  const atMost = (name: string, value: number | null, max: number): Goal => ({
    name,
    value,
    goal: `<= ${max}`,
    met: value === null ? null : value <= max,
  });
  return [
    atLeast("ingest_speedup_vs_naive", r.ingest_speedup_vs_naive, 20),
    atMost("ingest_vs_lower_bound", r.ingest_vs_lower_bound, 1.4),
    atMost("ingest_range_vs_lower_bound", r.ingest_range_vs_lower_bound, 1.3),
    atLeast("transform_day_speedup_vs_pyspark", r.transform_day_speedup_vs_pyspark, 12),
    atLeast("transform_year_speedup_vs_pyspark", r.transform_year_speedup_vs_pyspark, 6),
    atLeast("transform_year_speedup_vs_duckdb", r.transform_year_speedup_vs_duckdb, 1.5),
    atLeast("transform_year_speedup_vs_polars", r.transform_year_speedup_vs_polars, 1),
    atMost("transform_year_peak_rss_mib", r.transform_year_peak_rss_mib, 512),
    atMost("year_page_mib", r.year_page_mib, 2),
    atMost("year_page_render_ms", r.year_page_render_ms, 5000),
    atMost("cold_start_ms", r.cold_start_ms, 1000),
  ];
}

function n(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "–" : value.toFixed(digits);
}

function s(ms: number | undefined): string {
  return ms === undefined ? "–" : `${(ms / 1000).toFixed(2)} s`;
}

/** "median (min–max)" of a spread, in seconds. */
function ss(x: Spread): string {
  return `${s(x.median)} (${(x.min / 1000).toFixed(2)}–${(x.max / 1000).toFixed(2)})`;
}

const ENGINES: Engine[] = ["airq", "pyspark", "duckdb", "polars"];

function transformRows(label: string, t: TransformBenchResult | null): string[] {
  if (t === null) return [];
  return ENGINES.filter((e) => t.engines[e]).map((e) => {
    const r = t.engines[e]!;
    return `| transform ${label} | ${e} | ${ss(r.wall_ms_spread)} | ${s(r.cpu_ms)} | ${
      n(r.peak_rss_mib, 0)
    } MiB (max ${n(r.peak_rss_mib_spread.max, 0)}) |`;
  });
}

/** The Markdown tables of one run. */
export function resultsMarkdown(r: BenchResults): string {
  const i = r.ingest;
  const g = r.ingest_range;
  const m = r.machine;
  const lines = [
    `Run of ${r.date} (${r.mode}) on ${m.cores} cores, ${n(m.memory_gib as number)} GiB, ` +
    `${m.deno}; load average at start ${m.load_average_start}, at end ${m.load_average_end}.`,
    "",
    ...(r.mode === "smoke"
      ? ["Smoke run: tiny network and latency, so the goals below apply to the full run only.", ""]
      : []),
    "| goal | measured | goal | met |",
    "| --- | --- | --- | --- |",
    ...r.goals.map((g) =>
      `| ${g.name} | ${n(g.value, 2)} | ${g.goal} | ${
        g.met === null ? "not measured" : g.met ? "yes" : "**no**"
      } |`
    ),
    "",
    "Wall times: median (min–max) of the timed runs; CPU and peak RSS: medians.",
    "",
    "| step | implementation | wall time | CPU (user+sys) | peak RSS / requests |",
    "| --- | --- | --- | --- | --- |",
    `| ingest 1 day | naive client | ${s(i.naive.wall_ms)} | | ${i.naive.requests} requests |`,
    `| ingest 1 day | airq (whole process) | ${
      ss(i.airq.wall_ms_spread)
    } | | ${i.airq.requests} requests, concurrency ${i.airq.concurrency} |`,
    `| ingest 1 day | airq (in-run duration_ms) | ${ss(i.airq.in_run_ms_spread)} | | lower bound ${
      s(i.lower_bound_ms)
    } |`,
    `| ingest ${g.days} days | airq (whole process) | ${ss(g.wall_ms_spread)} | | ${g.requests} ` +
    `requests, concurrency ${g.concurrency}, ${g.latency_ms} ms latency |`,
    `| ingest ${g.days} days | airq (in-run duration_ms) | ${
      ss(g.in_run_ms_spread)
    } | | lower bound ${s(g.lower_bound_ms)} |`,
    ...transformRows(
      `1 day (${r.transform_day.hourly_rows} hourly rows)`,
      r.transform_day,
    ),
    ...transformRows(
      `${r.transform_year?.days} days (${r.transform_year?.hourly_rows} hourly rows)`,
      r.transform_year,
    ),
    ...(!r.compliance_year ? [] : [
      `| compliance ${r.transform_year?.days} days | airq (${r.compliance_year.rows} rows) | ${
        s(r.compliance_year.wall_ms)
      } | ${s(r.compliance_year.cpu_ms)} | ${n(r.compliance_year.peak_rss_mib, 0)} MiB |`,
      `| year page | Chromium load (${n(r.compliance_year.page_bytes / 1024, 0)} KiB) | ${
        s(r.compliance_year.page_render_ms)
      } | | |`,
    ]),
    `| cold start | \`deno run … tasks/ingest.ts --help\` | ${s(r.cold_start_ms)} | | |`,
    `| cold start | \`deno task ingest --help\` | ${s(r.cold_start.deno_task_ms as number)} | | |`,
    "",
    `Network: ${i.stations} stations, ${i.series} series; ${i.latency_ms} ms latency per request ` +
    `for the one-day ingest, ${g.latency_ms} ms for the range.`,
  ];
  return lines.join("\n");
}

const BEGIN = "<!-- results:begin -->";
const END = "<!-- results:end -->";

/** Replace the results block of RESULTS.md text (appended when the markers are absent). */
export function replaceResultsBlock(text: string, markdown: string): string {
  const block = `${BEGIN}\n${markdown}\n${END}`;
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return `${text.trimEnd()}\n\n${block}\n`;
  return text.slice(0, a) + block + text.slice(b + END.length);
}
