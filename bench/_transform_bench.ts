/**
 * Transform benchmark: the same raw lake days turned into both clean tables by airq
 * (`deno task transform` as a subprocess), the reference PySpark job, native DuckDB and
 * Polars (bench/*.py in .tools/venv-bench). First an agreement run of each (also a warm-up),
 * compared by bench/compare.py; only when they agree are the timed runs made, interleaved
 * (airq, pyspark, duckdb, polars, airq, …) so machine noise hits all alike.
 */
import { startFixtureServer } from "../fixture_api/server.ts";
import { denoTask } from "./_ingest_bench.ts";
import { measure, type Measured, measureOk, type Spread, spread } from "./measure.ts";

/** The implementations compared. */
export type Engine = "airq" | "pyspark" | "duckdb" | "polars";

/** The baselines' scripts (bench/<script>), all with the same command line. */
const SCRIPTS: Record<Exclude<Engine, "airq">, string> = {
  pyspark: "pyspark_job.py",
  duckdb: "duckdb_native.py",
  polars: "polars_job.py",
};

/** Options of benchTransform(). */
export interface TransformBenchOptions {
  root: string;
  outDir: string;
  /** Name of the case ("day", "year"), used for output folders. */
  name: string;
  /** Lake folder with raw/irceline/date=…/ for every date of the range. */
  lakeDir: string;
  from: string;
  to: string;
  timezone: string;
  runs: number;
  /** The engines to run, airq first. */
  engines: Engine[];
  python: string;
  log: (message: string) => void;
}

/** Numbers of one implementation over its timed runs (medians, and their spread). */
export interface EngineResult {
  wall_ms: number;
  wall_ms_spread: Spread;
  wall_ms_runs: number[];
  /** Peak RSS, median of the runs. */
  peak_rss_mib: number;
  peak_rss_mib_spread: Spread;
  /** User + system CPU time (all threads and child processes), median. */
  cpu_ms: number;
  cpu_ms_spread: Spread;
}

/** What bench/compare.py found: rows per table and engine, and each pairwise check. */
export interface Agreement {
  agree: boolean;
  rows: Record<string, Record<string, number>>;
  values: Record<string, number>;
  checks: Record<string, Record<string, Record<string, unknown>>>;
}

/** The transform numbers of one case. */
export interface TransformBenchResult {
  from: string;
  to: string;
  days: number;
  /** Valid hourly values aggregated (sum of value_count), from airq's output. */
  hourly_values: number;
  hourly_rows: number;
  aggregate_rows: number;
  agreement: Agreement;
  engines: Partial<Record<Engine, EngineResult>>;
}

function commandOf(engine: Engine, o: TransformBenchOptions): string[] {
  if (engine === "airq") {
    return denoTask(o.root, "transform", [
      ...["--date", o.from, "--to", o.to, "--timezone", o.timezone],
      ...["--lake", `file://${o.lakeDir}`],
    ]);
  }
  return [
    o.python,
    `${o.root}/bench/${SCRIPTS[engine]}`,
    ...["--lake", o.lakeDir, "--from", o.from, "--to", o.to, "--timezone", o.timezone],
    ...["--out", outOf(engine, o)],
  ];
}

/** Where an engine writes both tables (<out>/measurements_hourly/, …). */
function outOf(engine: Engine, o: TransformBenchOptions): string {
  return engine === "airq" ? `${o.lakeDir}/clean` : `${o.outDir}/${engine}-${o.name}`;
}

async function runEngine(engine: Engine, o: TransformBenchOptions): Promise<Measured> {
  // Every run starts from nothing: airq's clean/ and the baselines' outputs are removed.
  await Deno.remove(outOf(engine, o), { recursive: true }).catch(() => {});
  return await measureOk(commandOf(engine, o), {
    cwd: o.root,
    env: { SPARK_LOCAL_IP: "127.0.0.1", TZ: "UTC" },
  });
}

/** Run one transform case: agreement first, then the timed runs. */
export async function benchTransform(o: TransformBenchOptions): Promise<TransformBenchResult> {
  const engines = o.engines;
  const firstRuns = new Map<Engine, Measured>();
  for (const engine of engines) {
    o.log(`transform ${o.name}: agreement run of ${engine}`);
    firstRuns.set(engine, await runEngine(engine, o));
  }
  const compare = await measure([
    o.python,
    `${o.root}/bench/compare.py`,
    ...["--from", o.from, "--to", o.to],
    ...engines.flatMap((e) => [`--${e}`, outOf(e, o)]),
  ]);
  if (compare.code !== 0) {
    throw new Error(
      `Cannot time the ${o.name} transform: the implementations disagree: ${compare.stdout}` +
        compare.stderr.slice(-2000),
    );
  }
  const agreement = JSON.parse(compare.stdout) as Agreement;

  const runs = new Map<Engine, Measured[]>(engines.map((e) => [e, []]));
  for (let i = 0; i < o.runs; i++) {
    for (const engine of engines) {
      o.log(`transform ${o.name}: timed run ${i + 1}/${o.runs} of ${engine}`);
      runs.get(engine)!.push(await runEngine(engine, o));
    }
  }
  const result: Partial<Record<Engine, EngineResult>> = {};
  for (const [engine, timed] of runs) {
    // With no timed run (the smoke), the agreement run is the measurement.
    const list = timed.length > 0 ? timed : [firstRuns.get(engine)!];
    const wall = spread(list.map((r) => r.wallMs));
    const rss = spread(list.map((r) => r.peakRssMib));
    const cpu = spread(list.map((r) => r.cpuMs));
    result[engine] = {
      wall_ms: wall.median,
      wall_ms_spread: wall,
      wall_ms_runs: list.map((r) => r.wallMs),
      peak_rss_mib: rss.median,
      peak_rss_mib_spread: rss,
      cpu_ms: cpu.median,
      cpu_ms_spread: cpu,
    };
  }
  const days = Math.round((Date.parse(o.to) - Date.parse(o.from)) / 86_400_000) + 1;
  return {
    from: o.from,
    to: o.to,
    days,
    hourly_values: agreement.values.airq ?? 0,
    hourly_rows: agreement.rows.measurements_hourly?.airq ?? 0,
    aggregate_rows: agreement.rows.aggregate_station_by_day?.airq ?? 0,
    agreement,
    engines: result,
  };
}

/** Options of ensureYearLake(). */
export interface YearLakeOptions {
  root: string;
  outDir: string;
  year: number;
  timezone: string;
  phenomena: number[];
  stations: "fixtures" | number;
  log: (message: string) => void;
}

/**
 * A raw lake holding every day of `year`, ingested by airq from the fixture API without
 * latency; cached under outDir (reused when its stamp matches the parameters).
 */
export async function ensureYearLake(
  o: YearLakeOptions,
): Promise<{ lakeDir: string; from: string; to: string; ingestWallMs: number | null }> {
  const from = `${o.year}-01-01`;
  const to = `${o.year}-12-31`;
  const lakeDir = `${o.outDir}/lake-year-${o.stations}-${o.year}`;
  const stampFile = `${lakeDir}/_bench_raw.json`;
  const want = JSON.stringify({
    stations: o.stations,
    from,
    to,
    timezone: o.timezone,
    phenomena: o.phenomena,
  });
  const have = await Deno.readTextFile(stampFile).catch(() => "");
  if (have === want) return { lakeDir, from, to, ingestWallMs: null };
  o.log(`year: ingesting ${from}..${to} into ${lakeDir} (cached for later runs)`);
  await Deno.remove(lakeDir, { recursive: true }).catch(() => {});
  const server = await startFixtureServer({ stations: o.stations });
  try {
    const run = await measureOk(denoTask(o.root, "ingest", [
      ...["--date", from, "--to", to, "--timezone", o.timezone],
      ...["--phenomena", o.phenomena.join(","), "--api-url", server.url],
      ...["--lake", `file://${lakeDir}`, "--concurrency", "4"],
    ]));
    await Deno.writeTextFile(stampFile, want);
    return { lakeDir, from, to, ingestWallMs: run.wallMs };
  } finally {
    await server.close();
  }
}
