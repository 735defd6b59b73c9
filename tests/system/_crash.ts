/**
 * Helpers of the crash tests: run a task as a subprocess and SIGKILL it after a delay, and a
 * small seeded random generator so a failing loop can be replayed (the seed is in the test
 * name's failure message).
 */

const ROOT = new URL("../../", import.meta.url).pathname;

/** How a task subprocess ended. */
export interface TaskEnd {
  /** Exit code, or undefined when it was killed. */
  code: number | undefined;
  killed: boolean;
  ms: number;
  stderr: string;
}

/** Options of runTask(). */
export interface RunTaskOptions {
  /** SIGKILL after this many ms (never when undefined). */
  killAfterMs?: number;
  /** SIGKILL `afterMs` after the first JSON log line on stderr that `match`es. */
  killOn?: { match: (event: Record<string, unknown>) => boolean; afterMs: number };
  /** Extra environment (AIRQ_* cleared first). */
  env?: Record<string, string>;
  /** Permission flags (default: net 127.0.0.1, read, write, env, sys). */
  permissions?: string[];
}

/** Run `tasks/<task>.ts args…` with the project's deno.json. */
export async function runTask(
  task: string,
  args: string[],
  options: RunTaskOptions = {},
): Promise<TaskEnd> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...(options.permissions ??
        ["--allow-net=127.0.0.1", "--allow-read", "--allow-write", "--allow-env", "--allow-sys"]),
      "--config",
      `${ROOT}deno.json`,
      `${ROOT}tasks/${task}.ts`,
      ...args,
    ],
    cwd: ROOT,
    env: {
      AIRQ_LAKE: "",
      AIRQ_API_URL: "",
      AIRQ_TIMEZONE: "",
      AIRQ_PHENOMENA: "",
      NO_COLOR: "1",
      ...options.env,
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let killed = false;
  const kill = () => {
    killed = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
  };
  const timer = options.killAfterMs === undefined
    ? undefined
    : setTimeout(kill, options.killAfterMs);
  let armed: ReturnType<typeof setTimeout> | undefined;
  const readErr = async () => {
    let text = "";
    let line = "";
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      if (!options.killOn || armed !== undefined) continue;
      line += chunk;
      const lines = line.split("\n");
      line = lines.pop()!;
      for (const l of lines) {
        if (!l.startsWith("{") || armed !== undefined) continue;
        if (options.killOn.match(JSON.parse(l))) armed = setTimeout(kill, options.killOn.afterMs);
      }
    }
    return text;
  };
  const [status, stderr] = await Promise.all([child.status, readErr()]);
  clearTimeout(armed);
  clearTimeout(timer);
  clearTimeout(timer);
  const ms = performance.now() - started;
  const wasKilled = killed && status.signal === "SIGKILL";
  return { code: wasKilled ? undefined : status.code, killed: wasKilled, ms, stderr };
}

/** mulberry32: a seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
