/**
 * Test helpers of the range and bad-input tests: run a task (tasks/<name>.ts) as a real
 * subprocess with a clean environment, and snapshot every file of a directory by sha256.
 */
const ROOT = new URL("../../", import.meta.url).pathname;
const decoder = new TextDecoder();

/** What a task run printed and returned. */
export interface TaskRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Every stderr line of the task (all JSON when stderr is not a terminal). */
  lines: string[];
  events: Record<string, unknown>[];
}

/** Run `tasks/<task>.ts` with only `env` (plus the runtime's PATH, HOME, caches) in `cwd`. */
export async function runTask(
  task: string,
  args: string[],
  options: { env?: Record<string, string>; cwd: string },
): Promise<TaskRun> {
  const pass: Record<string, string> = { NO_COLOR: "1", TZ: "UTC" };
  const runtime = [
    "PATH",
    "HOME",
    "TMPDIR",
    "DENO_DIR",
    "XDG_CACHE_HOME",
    "NPM_CONFIG_REGISTRY",
    "DENO_TLS_CA_STORE",
  ];
  for (const name of runtime) {
    const v = Deno.env.get(name);
    if (v !== undefined) pass[name] = v;
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", `${ROOT}deno.json`, `${ROOT}tasks/${task}.ts`, ...args],
    cwd: options.cwd,
    clearEnv: true,
    env: { ...pass, ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = decoder.decode(out.stderr);
  const lines = stderr.split("\n").filter((l) => l !== "");
  const events: Record<string, unknown>[] = [];
  for (const line of lines) {
    try {
      events.push(JSON.parse(line));
    } catch {
      // not JSON: the caller asserts on `lines`
    }
  }
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr, lines, events };
}

/**
 * Run `deno task <name>` (through the launcher, with its narrowed permissions) in the
 * project folder; AIRQ_LAKE and AIRQ_TIMEZONE are cleared unless `env` sets them.
 */
export async function denoTask(
  name: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", name, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1", AIRQ_LAKE: "", AIRQ_TIMEZONE: "", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout).trim(),
    stderr: decoder.decode(out.stderr),
  };
}

/** sha256 of bytes, lowercase hex. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Relative path → "sha256 mtime-ms" of every file under `dir` (empty when it is missing). */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(d));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return;
      throw e;
    }
    for (const e of entries) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else {
        const stat = await Deno.stat(p);
        out[p.slice(dir.length + 1)] = `${await sha256(
          await Deno.readFile(p),
        )} ${stat.mtime?.getTime()}`;
      }
    }
  }
  await walk(dir);
  return out;
}

/** Run `fn` with a fresh temp dir, removed afterwards. */
export async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "airq-system-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * The one error message of a failed run: the `failed` event's message (a run-level error)
 * or the single error of its one failed day (for ingest: its one failed request, besides
 * the count of series not fetched). Throws when the output is not all JSON lines,
 * has a stack trace, or states more or fewer than one problem.
 */
export function theError(run: TaskRun): string {
  if (run.events.length !== run.lines.length) {
    throw new Error(`Cannot find the error: stderr has non-JSON lines:\n${run.stderr}`);
  }
  if (run.lines.some((l) => /\n\s+at |\\n\s+at /.test(l))) {
    throw new Error(`Cannot find the error: stderr has a stack trace:\n${run.stderr}`);
  }
  const messages: string[] = [];
  for (const e of run.events) {
    if (e.event === "failed") messages.push(String(e.message));
    if (e.event === "day_done" && e.level === "error") {
      // An ingest day lists each failed request, then the count of series not fetched.
      const errors = ((e.errors ?? [e.error]) as unknown[]).map(String);
      const causes = errors.filter((m) => !/: \d+ of \d+ series not fetched$/.test(m));
      messages.push(...(causes.length > 0 ? causes : errors));
    }
  }
  if (messages.length !== 1) {
    throw new Error(`Cannot find the error: ${messages.length} messages:\n${run.stderr}`);
  }
  return messages[0]!;
}
