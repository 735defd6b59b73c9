/**
 * Running one benchmarked process: whole-process wall time (monotonic clock around spawn →
 * exit) and peak RSS from GNU time (`/usr/bin/time -v -o FILE`, the largest resident set of
 * the process or any child it waited for).
 */

/** One measured process run. */
export interface Measured {
  /** The command line as run (without the /usr/bin/time wrapper). */
  command: string[];
  code: number;
  wallMs: number;
  /** Peak RSS in MiB (GNU time's "Maximum resident set size"). */
  peakRssMib: number;
  /** User + system CPU time of the process and its waited-for children. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/** Options of measure(). */
export interface MeasureOptions {
  cwd?: string;
  env?: Record<string, string>;
}

const TIME_BIN = "/usr/bin/time";
const decoder = new TextDecoder();

/** Run `command` under GNU time; never throws for a nonzero exit code (see `code`). */
export async function measure(command: string[], options: MeasureOptions = {}): Promise<Measured> {
  const timeFile = await Deno.makeTempFile({ prefix: "airq-bench-time-" });
  try {
    const child = new Deno.Command(TIME_BIN, {
      args: ["-v", "-o", timeFile, ...command],
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { NO_COLOR: "1", ...options.env },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    });
    const started = performance.now();
    const out = await child.output();
    const wallMs = performance.now() - started;
    const report = await Deno.readTextFile(timeFile);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (rss === null) {
      throw new Error(`Cannot read peak RSS of "${command.join(" ")}": GNU time wrote ${report}`);
    }
    const seconds = (label: string) =>
      Number(new RegExp(`${label} time \\(seconds\\): ([0-9.]+)`).exec(report)?.[1] ?? NaN);
    return {
      command,
      code: out.code,
      wallMs,
      peakRssMib: Number(rss[1]) / 1024,
      cpuMs: (seconds("User") + seconds("System")) * 1000,
      stdout: decoder.decode(out.stdout),
      stderr: decoder.decode(out.stderr),
    };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        `Cannot run the bench: ${TIME_BIN} is missing: run "bash .ci/setup/70-bench.sh"`,
      );
    }
    throw error;
  } finally {
    await Deno.remove(timeFile).catch(() => {});
  }
}

/** Like measure(), but throws with the tail of stderr when the process fails. */
export async function measureOk(
  command: string[],
  options: MeasureOptions = {},
): Promise<Measured> {
  const run = await measure(command, options);
  if (run.code !== 0) {
    throw new Error(
      `Cannot benchmark "${command.join(" ")}": exit code ${run.code}: ${run.stderr.slice(-2000)}`,
    );
  }
  return run;
}

/** The last JSON line of `text` whose `event` is `event` (airq's log lines), or undefined. */
export function lastEvent(text: string, event: string): Record<string, unknown> | undefined {
  const lines = text.split("\n").filter((l) => l.startsWith("{")).reverse();
  for (const line of lines) {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.event === event) return parsed;
    } catch {
      // not a JSON line
    }
  }
  return undefined;
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The spread of a non-empty list of measurements. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Min, median and max of a non-empty list. */
export function spread(values: number[]): Spread {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}
