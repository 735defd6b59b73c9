/**
 * `deno task <name>` goes through this launcher: the task's own config reader parses its
 * arguments, the task's declaration computes its permissions from the parsed config
 * (src/launch/task_permissions.ts), and the task runs in a child Deno with only those
 * permissions, read of Deno's npm cache, and only the variables it reads. A bad configuration
 * is reported here, as the task would report it (exit 2); a task not installed here is
 * refused (exit 2); `--help` prints the task's declared help.
 * stdin/stdout are the launcher's own; stderr too on a terminal, otherwise it is relayed line
 * by line so that every line is one JSON object (src/launch/relay_stderr.ts); SIGINT/SIGTERM
 * are passed on; the exit code is the child's. Each run gets its own temp folder under TMPDIR
 * (default /tmp), removed when the child ends. AIRQ_LAUNCH_PRINT=1 prints the child's command
 * (flags, variable names) and exits 0.
 */
import { createLogger } from "../src/log/logger.ts";
import { denoCacheDir } from "../src/launch/deno_cache_dir.ts";
import { relayStderr } from "../src/launch/relay_stderr.ts";
import { planLaunch } from "../src/launch/task_permissions.ts";
import { loadTask, TASKS } from "../src/launch/registry.ts";
import { printErr, printOut, runMain, stderrSink } from "./cli.ts";

const SIGNAL_NUMBER: Partial<Record<Deno.Signal, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Whether `script` (relative to the project folder) exists. */
function installed(script: string): boolean {
  try {
    Deno.statSync(`${ROOT}/${script}`);
    return true;
  } catch (e) {
    return !(e instanceof Deno.errors.NotFound);
  }
}

/** The real path of `path` (symbolic links resolved), or undefined when it does not exist. */
function realPath(path: string): string | undefined {
  try {
    return Deno.realPathSync(path);
  } catch {
    return undefined;
  }
}

/** Run the task named by the first argument; returns its exit code. */
export async function main(): Promise<number> {
  const [task = "", ...args] = Deno.args;
  const registered = await loadTask(task, { installed });
  const tmpRoot = (Deno.env.get("TMPDIR") || "/tmp").replace(/\/+$/, "") || "/";
  const tmpDir = await Deno.makeTempDir({ dir: tmpRoot, prefix: `airq-${task}-` });
  try {
    return await launch(registered, args, tmpDir);
  } finally {
    await Deno.remove(tmpDir, { recursive: true }).catch(() => {});
  }
}

async function launch(
  registered: Awaited<ReturnType<typeof loadTask>>,
  args: string[],
  tmpDir: string,
): Promise<number> {
  const env = Deno.env.toObject();
  const cwd = Deno.cwd();
  // npm packages are read from Deno's cache ("nodeModulesDir": "none" in deno.json, so no
  // node_modules/ is linked, and apache-arrow's missing bin never warns): the task may read it.
  const cacheDir = denoCacheDir(env, { os: Deno.build.os, cwd });
  const plan = planLaunch(registered, args, env, {
    cwd,
    root: ROOT,
    tmpDir,
    realPath,
    ...(cacheDir === undefined ? {} : { npmCache: `${cacheDir}/npm` }),
  });
  if (plan.help !== undefined) {
    printOut(plan.help);
    return 0;
  }
  const argv = ["run", "--no-prompt", "--config", `${ROOT}/deno.json`, ...plan.flags];
  argv.push(plan.script, ...args);
  if (env.AIRQ_LAUNCH_PRINT === "1") {
    printOut(JSON.stringify({ argv, env: Object.keys(plan.env).sort() }));
    return 0;
  }
  // A log stream (not a terminal): relay the task's stderr so every line is one JSON event.
  const relay = !Deno.stderr.isTerminal();
  const child = new Deno.Command(Deno.execPath(), {
    args: argv,
    env: plan.env,
    clearEnv: true,
    stdin: "inherit",
    stdout: "inherit",
    stderr: relay ? "piped" : "inherit",
  }).spawn();
  const log = createLogger(registered.declaration.name, { sink: stderrSink({ json: true }) });
  const relayed = relay
    ? relayStderr(child.stderr, {
      pass: printErr,
      wrap: ({ level, message }) => log("stderr", { message }, level),
    })
    : Promise.resolve();
  const forward = (signal: Deno.Signal) => () => {
    try {
      child.kill(signal);
    } catch {
      // already exited
    }
  };
  const handlers = (["SIGINT", "SIGTERM"] as const).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) Deno.addSignalListener(s, h);
  const status = await child.status;
  await relayed;
  for (const [s, h] of handlers) Deno.removeSignalListener(s, h);
  if (status.signal) return 128 + (SIGNAL_NUMBER[status.signal] ?? 0);
  return status.code;
}

// A configuration error is logged under the task's name, as the task itself logs it.
if (import.meta.main) {
  const name = Deno.args[0] ?? "";
  runMain(TASKS.some((t) => t.name === name) ? name : "launch", () => main());
}
