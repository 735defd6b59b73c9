/**
 * Range ingest benchmark: `deno task ingest --date A --to B` (a subprocess) over a range of
 * days of the fixture API with injected latency, from an empty lake each run. Requests are
 * counted by the server; the lower bound is latency × ⌈requests / concurrency⌉, i.e. the
 * time with --concurrency requests in flight all along, across days.
 */
import { startFixtureServer } from "../fixture_api/server.ts";
import { denoTask } from "./_ingest_bench.ts";
import { lastEvent, measureOk, type Spread, spread } from "./measure.ts";

/** Options of benchIngestRange(). */
export interface IngestRangeBenchOptions {
  root: string;
  outDir: string;
  from: string;
  days: number;
  timezone: string;
  phenomena: number[];
  stations: "fixtures" | number;
  latencyMs: number;
  /** Timed runs (median reported). */
  runs: number;
  log: (message: string) => void;
}

/** The range ingest numbers. */
export interface IngestRangeBenchResult {
  from: string;
  to: string;
  days: number;
  latency_ms: number;
  requests: number;
  concurrency: number;
  values: number;
  lower_bound_ms: number;
  /** Whole process (`deno task ingest`), median and spread. */
  wall_ms: number;
  wall_ms_spread: Spread;
  /** The task's own `duration_ms` (fetch + write, no process start). */
  in_run_ms: number;
  in_run_ms_spread: Spread;
  /** Median whole-process wall / lower bound. */
  vs_lower_bound: number;
  /** Median in-run duration / lower bound. */
  vs_lower_bound_in_run: number;
}

/** The date `days` − 1 days after `from`. */
function lastDate(from: string, days: number): string {
  return Temporal.PlainDate.from(from).add({ days: days - 1 }).toString();
}

/** Run the range ingest benchmark (starts and stops its own fixture server). */
export async function benchIngestRange(
  o: IngestRangeBenchOptions,
): Promise<IngestRangeBenchResult> {
  const to = lastDate(o.from, o.days);
  const server = await startFixtureServer({ stations: o.stations, latencyMs: o.latencyMs });
  try {
    const lakeDir = `${o.outDir}/lake-range`;
    const walls: number[] = [];
    const inRun: number[] = [];
    let requests = 0;
    let summary: Record<string, unknown> = {};
    let start: Record<string, unknown> = {};
    for (let i = 0; i < o.runs; i++) {
      o.log(`ingest range ${o.from}..${to}: airq run ${i + 1}/${o.runs}, ${o.latencyMs} ms`);
      await Deno.remove(lakeDir, { recursive: true }).catch(() => {});
      const before = server.stats().requests;
      const run = await measureOk(denoTask(o.root, "ingest", [
        ...["--date", o.from, "--to", to, "--timezone", o.timezone],
        ...["--phenomena", o.phenomena.join(","), "--api-url", server.url],
        ...["--lake", `file://${lakeDir}`],
      ]));
      requests = server.stats().requests - before;
      summary = lastEvent(run.stderr, "summary") ?? {};
      start = lastEvent(run.stderr, "start") ?? {};
      if (summary.ok !== true) {
        throw new Error(`Cannot time the range ingest: a day failed: ${JSON.stringify(summary)}`);
      }
      walls.push(run.wallMs);
      inRun.push(Number(summary.duration_ms));
    }
    const concurrency = Number(start.concurrency);
    const lowerBound = o.latencyMs * Math.ceil(requests / concurrency);
    const wall = spread(walls);
    const own = spread(inRun);
    return {
      from: o.from,
      to,
      days: o.days,
      latency_ms: o.latencyMs,
      requests,
      concurrency,
      values: Number(summary.values),
      lower_bound_ms: lowerBound,
      wall_ms: wall.median,
      wall_ms_spread: wall,
      in_run_ms: own.median,
      in_run_ms_spread: own,
      vs_lower_bound: wall.median / lowerBound,
      vs_lower_bound_in_run: own.median / lowerBound,
    };
  } finally {
    await server.close();
  }
}
