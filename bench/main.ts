// deno-lint-ignore-file no-console
/**
 * `deno task bench`: airq against the naive client, the reference PySpark job, native DuckDB
 * and Polars. Writes bench/results.json and the results block of bench/RESULTS.md.
 * `deno task bench --smoke` is the minute-long run of the test suite (fixture stations,
 * 5 ms latency, one DST day, a short range, no year); it writes only into --out.
 * Needs .tools/venv-bench (bash .ci/setup/70-bench.sh) and /usr/bin/time. Permissions: -A.
 */
import { parseArgs } from "node:util";
import { DEFAULT_TIMEZONE } from "../src/config/defaults.ts";
import { benchCompliance } from "./_compliance_bench.ts";
import { benchIngest } from "./_ingest_bench.ts";
import { benchIngestRange } from "./_ingest_range_bench.ts";
import { measureOk, median } from "./measure.ts";
import { type BenchResults, goalsOf, replaceResultsBlock, resultsMarkdown } from "./report.ts";
import { benchTransform, type Engine, ensureYearLake } from "./_transform_bench.ts";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const PYTHON = `${ROOT}/.tools/venv-bench/bin/python`;
/** Every phenomenon of the synthetic network (CO2, 71, has none): about 4.75 series a station. */
const ALL_PHENOMENA = "5,6001,8,71,1,38,7,391,6002,62101";

const USAGE = `deno task bench [options]
  --smoke             minute-long run (fixture stations, 5 ms latency, 1 day, no year)
  --out DIR           work folder (default bench/out; --smoke: bench/out/smoke)
  --stations N        synthetic stations, or "fixtures" (default 125)
  --phenomena IDS     (default ${ALL_PHENOMENA}: all of the network, ≈600 series)
  --latency-ms N      injected latency of the one-day ingest (default 100)
  --range-days N      days of the range ingest, from --date (default 14)
  --range-latency-ms N  injected latency of the range ingest (default 200; --smoke: 5)
  --date D            the day of the ingest and one-day transform (default 2024-11-20)
  --year Y            the year of the one-year transform (default 2024); --no-year skips it
  --no-pyspark        skip PySpark
  --day-runs N        timed runs of the one-day steps (default 5; --smoke: 0, i.e. the
                      agreement run is the measurement)
  --year-runs N       timed runs of the one-year transform and the range ingest (default 3)
  --results FILE      where results.json goes (default bench/results.json; --smoke: <out>)
  --render            only rewrite the block of bench/RESULTS.md from bench/results.json`;

function log(message: string): void {
  console.error(`bench: ${message}`);
}

async function machine(): Promise<Record<string, unknown>> {
  const meminfo = await Deno.readTextFile("/proc/meminfo").catch(() => "");
  const kb = Number(/MemTotal:\s+(\d+)/.exec(meminfo)?.[1] ?? NaN);
  return {
    cores: navigator.hardwareConcurrency,
    memory_gib: kb / 1024 / 1024,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    deno: `deno ${Deno.version.deno}`,
    load_average_start: Deno.loadavg().map((x) => x.toFixed(2)).join(" "),
  };
}

async function coldStart(runs: number): Promise<{ ms: number; deno_task_ms: number }> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`));
  const task = String(config.tasks.ingest).split(/\s+/);
  const direct = [Deno.execPath(), ...task.slice(1), "--help"];
  const viaTask = [Deno.execPath(), "task", "--quiet", "--config", `${ROOT}/deno.json`, "ingest"];
  const a: number[] = [];
  const b: number[] = [];
  await measureOk(direct, { cwd: ROOT }); // warm the module cache: the steady state of a deploy
  for (let i = 0; i < runs; i++) {
    a.push((await measureOk(direct, { cwd: ROOT })).wallMs);
    b.push((await measureOk([...viaTask, "--help"], { cwd: ROOT })).wallMs);
  }
  return { ms: median(a), deno_task_ms: median(b) };
}

async function writeResultsMd(markdown: string): Promise<void> {
  const file = `${ROOT}/bench/RESULTS.md`;
  const text = await Deno.readTextFile(file).catch(() => "# Benchmark results\n");
  await Deno.writeTextFile(file, replaceResultsBlock(text, markdown));
  await denoFmt(file);
}

/** Files the bench writes into the repository stay as `deno fmt --check` (CI) wants them. */
async function denoFmt(file: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", "--config", `${ROOT}/deno.json`, file],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`Cannot format "${file}": ${new TextDecoder().decode(out.stderr)}`);
  }
}

async function main(): Promise<number> {
  const { values: v } = parseArgs({
    args: Deno.args,
    options: {
      smoke: { type: "boolean", default: false },
      out: { type: "string" },
      stations: { type: "string" },
      phenomena: { type: "string" },
      "latency-ms": { type: "string" },
      "range-days": { type: "string", default: "14" },
      "range-latency-ms": { type: "string" },
      date: { type: "string" },
      year: { type: "string", default: "2024" },
      "no-year": { type: "boolean", default: false },
      "no-pyspark": { type: "boolean", default: false },
      "day-runs": { type: "string" },
      "year-runs": { type: "string", default: "3" },
      results: { type: "string" },
      render: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (v.render) {
    const results = JSON.parse(await Deno.readTextFile(v.results ?? `${ROOT}/bench/results.json`));
    await writeResultsMd(resultsMarkdown(results));
    return 0;
  }
  const smoke = v.smoke;
  const outDir = v.out ?? `${ROOT}/bench/out${smoke ? "/smoke" : ""}`;
  const stationsText = v.stations ?? (smoke ? "fixtures" : "125");
  const stations = stationsText === "fixtures" ? "fixtures" as const : Number(stationsText);
  const phenomena = (v.phenomena ?? (smoke ? "5,6001,8,71,1" : ALL_PHENOMENA)).split(",")
    .map(Number);
  const latencyMs = Number(v["latency-ms"] ?? (smoke ? 5 : 100));
  const date = v.date ?? (smoke ? "2024-10-27" : "2024-11-20");
  // The smoke times nothing twice: its transform numbers come from the agreement runs.
  const dayRuns = Number(v["day-runs"] ?? (smoke ? 0 : 5));
  const yearRuns = Number(v["year-runs"]);
  const rangeDays = Number(v["range-days"]);
  const rangeLatencyMs = Number(v["range-latency-ms"] ?? (smoke ? 5 : 200));
  const withYear = !smoke && !v["no-year"];
  const pyspark = !v["no-pyspark"];
  const engines: Engine[] = ["airq", ...(pyspark ? ["pyspark" as const] : []), "duckdb", "polars"];
  const timezone = DEFAULT_TIMEZONE;
  try {
    await Deno.stat(PYTHON);
  } catch {
    throw new Error(`Cannot run the bench: ${PYTHON} is missing: run "bash .ci/setup/70-bench.sh"`);
  }
  await Deno.mkdir(outDir, { recursive: true });
  const config = {
    stations,
    phenomena,
    latencyMs,
    rangeDays,
    rangeLatencyMs,
    date,
    dayRuns,
    yearRuns,
    withYear,
    engines,
    timezone,
  };
  log(`config ${JSON.stringify(config)}`);
  const m = await machine();

  log("cold start");
  const cold = await coldStart(smoke ? 1 : 5);
  const ingest = await benchIngest({
    root: ROOT,
    outDir,
    date,
    timezone,
    phenomena,
    stations,
    latencyMs,
    runs: Math.max(1, dayRuns),
    log,
  });
  const range = await benchIngestRange({
    root: ROOT,
    outDir,
    from: date,
    days: rangeDays,
    timezone,
    phenomena,
    stations,
    latencyMs: rangeLatencyMs,
    runs: Math.max(1, smoke ? 1 : yearRuns),
    log,
  });
  const common = { root: ROOT, outDir, timezone, engines, python: PYTHON, log };
  const day = await benchTransform({
    ...common,
    name: "day",
    lakeDir: ingest.lake_dir,
    from: date,
    to: date,
    runs: dayRuns,
  });
  let year: BenchResults["transform_year"] = null;
  let compliance: BenchResults["compliance_year"] = null;
  if (withYear) {
    const raw = await ensureYearLake({
      root: ROOT,
      outDir,
      year: Number(v.year),
      timezone,
      phenomena,
      stations,
      log,
    });
    const t = await benchTransform({
      ...common,
      name: "year",
      lakeDir: raw.lakeDir,
      from: raw.from,
      to: raw.to,
      runs: yearRuns,
    });
    year = { ...t, raw_ingest_wall_ms: raw.ingestWallMs };
    compliance = await benchCompliance({
      root: ROOT,
      lakeDir: raw.lakeDir,
      year: Number(v.year),
      renderRuns: 3,
      log,
    });
  }
  m.load_average_end = Deno.loadavg().map((x) => x.toFixed(2)).join(" ");

  // Every ratio is one of medians: each engine's median over its interleaved timed runs.
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? null : a / b;
  const airqDay = day.engines.airq?.wall_ms;
  const airqYear = year?.engines.airq?.wall_ms;
  const partial: Omit<BenchResults, "goals"> = {
    date: new Date().toISOString(),
    mode: smoke ? "smoke" : "full",
    machine: m,
    config,
    ingest_speedup_vs_naive: ingest.speedup_vs_naive,
    ingest_vs_lower_bound: ingest.vs_lower_bound,
    ingest_range_vs_lower_bound: range.vs_lower_bound,
    transform_day_speedup_vs_pyspark: ratio(day.engines.pyspark?.wall_ms, airqDay),
    transform_day_ratio_vs_native_duckdb: ratio(airqDay, day.engines.duckdb?.wall_ms),
    transform_year_speedup_vs_pyspark: ratio(year?.engines.pyspark?.wall_ms, airqYear),
    transform_year_speedup_vs_duckdb: ratio(year?.engines.duckdb?.wall_ms, airqYear),
    transform_year_speedup_vs_polars: ratio(year?.engines.polars?.wall_ms, airqYear),
    transform_year_ratio_vs_native_duckdb: ratio(airqYear, year?.engines.duckdb?.wall_ms),
    transform_year_peak_rss_mib: year?.engines.airq?.peak_rss_mib ?? null,
    year_page_mib: compliance === null ? null : compliance.page_bytes / 1024 / 1024,
    year_page_render_ms: compliance?.page_render_ms ?? null,
    cold_start_ms: cold.ms,
    cold_start: { command: "deno run <ingest task flags> tasks/ingest.ts --help", ...cold },
    ingest,
    ingest_range: range,
    transform_day: day,
    transform_year: year,
    compliance_year: compliance,
  };
  const results: BenchResults = { ...partial, goals: goalsOf(partial) };
  const resultsFile = v.results ??
    (smoke ? `${outDir}/results.json` : `${ROOT}/bench/results.json`);
  await Deno.writeTextFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  if (!smoke) await denoFmt(resultsFile);
  const markdown = resultsMarkdown(results);
  if (!smoke) await writeResultsMd(markdown);
  console.log(markdown);
  log(`results in ${resultsFile}`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (error) {
    console.error(`bench: failed: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
