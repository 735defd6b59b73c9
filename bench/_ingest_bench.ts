/**
 * Ingest benchmark: one local day of the whole (synthetic) network from the fixture API with
 * injected latency, fetched by the naive client and by `deno task ingest`, as subprocesses.
 * Requests are counted by the server; the lower bound is latency × ⌈requests / concurrency⌉.
 */
import { startFixtureServer } from "../fixture_api/server.ts";
import { lastEvent, measureOk, type Spread, spread } from "./measure.ts";

/** Options of benchIngest(). */
export interface IngestBenchOptions {
  root: string;
  outDir: string;
  date: string;
  timezone: string;
  phenomena: number[];
  stations: "fixtures" | number;
  latencyMs: number;
  /** Timed airq runs (median reported). */
  runs: number;
  log: (message: string) => void;
}

/** The ingest numbers. */
export interface IngestBenchResult {
  date: string;
  stations: number;
  series: number;
  latency_ms: number;
  naive: { wall_ms: number; requests: number; series: number; values: number };
  airq: {
    /** Whole process (`deno task ingest`), median. */
    wall_ms: number;
    wall_ms_spread: Spread;
    wall_ms_runs: number[];
    /** The task's own `duration_ms` (fetch + write, no process start), median. */
    in_run_ms: number;
    in_run_ms_spread: Spread;
    requests: number;
    concurrency: number;
    values: number;
    retries: number;
  };
  lower_bound_ms: number;
  /** naive wall / airq wall (whole processes). */
  speedup_vs_naive: number;
  /** airq in-run time / lower bound. */
  vs_lower_bound: number;
  /** airq whole-process wall / lower bound (process start included). */
  vs_lower_bound_whole_process: number;
  /** The lake airq wrote (input of the one-day transform). */
  lake_dir: string;
}

/** The `deno task <name> …` command line of this repository. */
export function denoTask(root: string, task: string, args: string[]): string[] {
  return [Deno.execPath(), "task", "--quiet", "--config", `${root}/deno.json`, task, ...args];
}

/** Run the ingest benchmark (starts and stops its own fixture server). */
export async function benchIngest(options: IngestBenchOptions): Promise<IngestBenchResult> {
  const { root, outDir, date, timezone, log } = options;
  const phenomena = options.phenomena.join(",");
  const server = await startFixtureServer({
    stations: options.stations,
    latencyMs: options.latencyMs,
  });
  try {
    const requestsSince = (before: number) => server.stats().requests - before;
    log(`ingest: naive client, one sequential GET per series, ${options.latencyMs} ms latency`);
    let before = server.stats().requests;
    const naiveRun = await measureOk([
      Deno.execPath(),
      "run",
      "-A",
      `${root}/bench/naive_client.ts`,
      ...["--api-url", server.url, "--date", date, "--timezone", timezone],
      ...["--phenomena", phenomena, "--out", `${outDir}/naive/date=${date}`],
    ]);
    const naiveCounts = JSON.parse(naiveRun.stdout) as {
      requests: number;
      series: number;
      values: number;
    };
    const naive = { wall_ms: naiveRun.wallMs, ...naiveCounts, requests: requestsSince(before) };

    const lakeDir = `${outDir}/lake-day`;
    const walls: number[] = [];
    const inRun: number[] = [];
    let summary: Record<string, unknown> = {};
    let start: Record<string, unknown> = {};
    let requests = 0;
    for (let i = 0; i < options.runs; i++) {
      log(`ingest: airq run ${i + 1}/${options.runs}`);
      await Deno.remove(lakeDir, { recursive: true }).catch(() => {});
      before = server.stats().requests;
      const run = await measureOk(denoTask(root, "ingest", [
        ...["--date", date, "--timezone", timezone, "--phenomena", phenomena],
        ...["--api-url", server.url, "--lake", `file://${lakeDir}`],
      ]));
      requests = requestsSince(before);
      summary = lastEvent(run.stderr, "summary") ?? {};
      start = lastEvent(run.stderr, "start") ?? {};
      walls.push(run.wallMs);
      inRun.push(Number(summary.duration_ms));
    }
    const wall = spread(walls);
    const own = spread(inRun);
    const airq = {
      wall_ms: wall.median,
      wall_ms_spread: wall,
      wall_ms_runs: walls,
      in_run_ms: own.median,
      in_run_ms_spread: own,
      requests,
      concurrency: Number(start.concurrency),
      values: Number(summary.values),
      retries: Number(summary.retries),
    };
    if (airq.values !== naive.values) {
      throw new Error(
        `Cannot compare the ingests: airq fetched ${airq.values} values, the naive client ` +
          `${naive.values}`,
      );
    }
    const lowerBound = options.latencyMs * Math.ceil(requests / airq.concurrency);
    return {
      date,
      stations: Number(summary.stations),
      series: Number(summary.series),
      latency_ms: options.latencyMs,
      naive,
      airq,
      lower_bound_ms: lowerBound,
      speedup_vs_naive: naive.wall_ms / airq.wall_ms,
      vs_lower_bound: airq.in_run_ms / lowerBound,
      vs_lower_bound_whole_process: airq.wall_ms / lowerBound,
      lake_dir: lakeDir,
    };
  } finally {
    await server.close();
  }
}
