/**
 * The launcher's plan of one task run: the task's own config reader parses the arguments
 * (a configuration error is thrown as the task would throw it), its declaration computes the
 * permissions from the parsed config, and this module adds what every run needs and writes
 * the Deno flags. Pure: tasks/launch.ts runs the plan.
 *
 * Every run also gets: read of the project folder (the code is no secret), of Deno's npm
 * cache (`npmCache`: with `"nodeModulesDir": "none"` the npm packages live there, and
 * DuckDB-WASM and parquet-wasm read their .wasm with fs.readFileSync), its own temp folder
 * (read/write; made for the run by the launcher and passed as TMPDIR, never the shared temp
 * root), the container credentials token file, the hosts of AIRQ_ALLOW_NET (comma-separated
 * host[:port], e.g. OCSP responders), and only the runtime's variables plus those the task
 * declares, so the child cannot see any other secret of the launcher's environment. A
 * granted path that crosses a symbolic link is granted as written and as resolved, so the
 * grant says where the files really are.
 * `--help` is answered from the declaration (the same text the task prints); nothing runs.
 */
import { declaredEnv } from "../config/declaration.ts";
import { netHostProblem } from "../config/net_host.ts";
import { ConfigError } from "../errors.ts";
import { helpText } from "../config/help_text.ts";
import type { Permissions } from "../config/permissions.ts";
import type { RegisteredTask } from "../config/task_spec.ts";

/** What to run: the script, its permission flags and its environment. */
export interface LaunchPlan {
  script: string;
  flags: string[];
  env: Record<string, string>;
  /** The task's `--help` text when help was asked (nothing needs to run). */
  help?: string;
}

/** Options of planLaunch(). */
export interface PlanLaunchOptions {
  /** Working folder (relative file:// lakes and folders). */
  cwd: string;
  /** The project folder (holds tasks/, dags/), no trailing slash. */
  root: string;
  /** The run's own temp folder (made by the launcher, removed after the run). */
  tmpDir: string;
  /** Resolves symbolic links of a path (undefined when it does not exist); default none. */
  realPath?: (path: string) => string | undefined;
  /** Now, for the tasks' default dates; default the current instant. */
  now?: Temporal.Instant;
  /** Deno's npm package cache (`<denoDir>/npm`, src/launch/deno_cache_dir.ts). */
  npmCache?: string;
}

/** Variables of the runtime itself (Deno, TLS, proxies, locale), passed to every task. */
export const RUNTIME_ENV: readonly string[] = [
  "HOME",
  "PATH",
  "TMPDIR",
  "TZ",
  "LANG",
  "LC_ALL",
  "NO_COLOR",
  "DENO_DIR",
  "DENO_NO_PROMPT",
  "DENO_NO_UPDATE_CHECK",
  "NPM_CONFIG_REGISTRY",
  "DENO_TLS_CA_STORE",
  "DENO_CERT",
  "SSL_CERT_FILE",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "XDG_CACHE_HOME",
];

/** Extra hosts every task may reach (comma-separated host[:port]). */
const ALLOW_NET_ENV = "AIRQ_ALLOW_NET";

/** `--flag=a,b` of the unique non-empty values; ConfigError for a value with a comma. */
export function listFlag(flag: string, values: string[]): string[] {
  const unique = [...new Set(values)].filter((v) => v !== "");
  if (unique.some((v) => v.includes(","))) {
    throw new ConfigError([
      `Cannot grant ${flag} to a path with a comma: ${JSON.stringify(unique)}`,
    ]);
  }
  return unique.length > 0 ? [`${flag}=${unique.join(",")}`] : [];
}

/** The Deno flags of `permissions` plus what every run needs. */
function denoFlags(
  permissions: Permissions,
  env: Record<string, string | undefined>,
  options: PlanLaunchOptions,
): string[] {
  const net = (env[ALLOW_NET_ENV] ?? "").split(",").map((h) => h.trim()).filter((h) => h);
  const problems = net.flatMap((h) => {
    const why = netHostProblem(h);
    return why ? [`${ALLOW_NET_ENV} entry ${JSON.stringify(h)} ${why}: use host[:port],…`] : [];
  });
  for (const h of permissions.net) {
    const why = netHostProblem(h);
    if (why) problems.push(`Cannot grant network access to ${JSON.stringify(h)}: it ${why}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const read = [options.root, options.tmpDir];
  if (options.npmCache) read.push(options.npmCache);
  if (env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) {
    read.push(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE);
  }
  const sys = permissions.sys === "all"
    ? ["--allow-sys"]
    : permissions.sys === "cpus"
    ? ["--allow-sys=cpus"]
    : [];
  const resolved = (paths: string[]) =>
    paths.flatMap((p) => {
      const real = options.realPath?.(p);
      return real === undefined || real === p ? [p] : [p, real];
    });
  return [
    ...listFlag("--allow-net", [...net, ...permissions.net]),
    "--allow-env",
    ...listFlag("--allow-read", resolved([...read, ...permissions.read])),
    ...listFlag("--allow-write", resolved([options.tmpDir, ...permissions.write])),
    ...sys,
    ...(permissions.ffi ? ["--allow-ffi"] : []),
    ...(permissions.v8Flags?.length ? [`--v8-flags=${permissions.v8Flags.join(",")}`] : []),
  ];
}

/**
 * The script, permission flags and environment of `task` (from src/launch/registry.ts) run
 * with `args` under `env`. Throws the task's own ConfigError for a bad configuration.
 */
export function planLaunch(
  task: RegisteredTask,
  args: string[],
  env: Record<string, string | undefined>,
  options: PlanLaunchOptions,
): LaunchPlan {
  const { script } = task.declaration;
  const keep = [...RUNTIME_ENV, ...declaredEnv(task.declaration), ALLOW_NET_ENV];
  const childEnv: Record<string, string> = {};
  for (const key of keep) {
    const v = env[key];
    if (v !== undefined) childEnv[key] = v;
  }
  const planned = task.plan(args, childEnv, {
    now: options.now ?? Temporal.Now.instant(),
    cwd: options.cwd,
  });
  const permissions = planned === "help" ? { net: [], read: [], write: [] } : planned;
  return {
    script: `${options.root}/${script}`,
    flags: denoFlags(permissions, env, options),
    env: { ...childEnv, TMPDIR: options.tmpDir },
    ...(planned === "help" ? { help: helpText(task.declaration) } : {}),
  };
}
