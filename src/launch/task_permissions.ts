/**
 * The narrowed permissions of each task, computed from the same flags, variables, defaults and
 * URI parsing the task itself uses. Pure: tasks/_launch.ts runs the task with them.
 *
 * - net: the API host (ingest), the S3 endpoint (s3:// lakes, publish-dag), the container
 *   credentials host (169.254.170.2 or the FULL_URI host), the Snowflake host (load),
 *   127.0.0.1 (demo), plus AIRQ_ALLOW_NET (comma-separated host[:port]) for extra hosts
 *   such as OCSP responders;
 * - env: the child gets only the variables the task reads (and the runtime's own), so it
 *   cannot see any other secret in the launcher's environment;
 * - read/write: the file:// lake and the temp folder; read also the project folder, Deno's
 *   npm cache (`npmCache`: the npm packages' own files, e.g. DuckDB-WASM's .wasm) and the
 *   task's input files (key file, DAG folder, token file).
 * A configuration the launcher cannot read gets no net and no write: the task then reports
 * the problem itself (exit 2).
 */
import { parseArgs } from "node:util";
import { parseLakeUri } from "../lake/lake_uri.ts";
import { s3EndpointFromEnv } from "../lake/s3_request.ts";

/** The tasks the launcher knows. */
export const LAUNCH_TASKS = [
  "ingest",
  "transform",
  "load",
  "report",
  "publish-dag",
  "demo",
] as const;

/** One of LAUNCH_TASKS. */
export type LaunchTask = (typeof LAUNCH_TASKS)[number];

/** What to run: the script, its permission flags and its environment. */
export interface LaunchPlan {
  script: string;
  flags: string[];
  env: Record<string, string>;
}

/** Options of planLaunch(). */
export interface PlanLaunchOptions {
  /** Working folder (relative file:// lakes). */
  cwd: string;
  /** The project folder (holds tasks/, node_modules/, dags/), no trailing slash. */
  root: string;
  /** The temp folder (TMPDIR, default /tmp). */
  tmpDir: string;
  /**
   * Deno's npm package cache (`<denoDir>/npm`, src/launch/deno_cache_dir.ts). With
   * `"nodeModulesDir": "none"` the packages live there, not in a project node_modules/.
   */
  npmCache?: string;
}

const DEFAULT_API_URL = "https://geo.irceline.be/sos/api/v1/";
const DEFAULT_LAKE = "file://./lake";
const CONTAINER_HOST = "169.254.170.2";

/** Variables of the runtime itself (Deno, TLS, proxies, locale), passed to every task. */
const RUNTIME_ENV = [
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

const AWS_ENV = [
  "AWS_ENDPOINT_URL_S3",
  "AWS_ENDPOINT_URL",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

const LAKE_ENV = ["AIRQ_LAKE", "AIRQ_TIMEZONE", "AWS_BATCH_JOB_ARRAY_INDEX", ...AWS_ENV];

const SNOWFLAKE_ENV = [
  "SNOWFLAKE_ACCOUNT",
  "SNOWFLAKE_USER",
  "SNOWFLAKE_ROLE",
  "SNOWFLAKE_WAREHOUSE",
  "SNOWFLAKE_DATABASE",
  "SNOWFLAKE_SCHEMA",
  "SNOWFLAKE_PASSWORD",
  "SNOWFLAKE_PRIVATE_KEY",
  "SNOWFLAKE_PRIVATE_KEY_PATH",
  "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE",
  "SNOWFLAKE_HOST",
  "SNOWFLAKE_PORT",
  "SNOWFLAKE_PROTOCOL",
];

/** Variables each task reads (besides RUNTIME_ENV). */
export const TASK_ENV: Record<LaunchTask, readonly string[]> = {
  ingest: [...LAKE_ENV, "AIRQ_API_URL", "AIRQ_PHENOMENA"],
  transform: LAKE_ENV,
  report: LAKE_ENV,
  load: [...LAKE_ENV, "AIRQ_SNOWFLAKE_TABLE", ...SNOWFLAKE_ENV],
  "publish-dag": [...LAKE_ENV, "AIRQ_DAG_BUCKET"],
  demo: [...LAKE_ENV, "AIRQ_API_URL"],
};

/** The script each task runs, relative to the project folder. */
export const TASK_SCRIPT: Record<LaunchTask, string> = {
  ingest: "tasks/ingest.ts",
  transform: "tasks/transform.ts",
  report: "tasks/report.ts",
  load: "tasks/load.ts",
  "publish-dag": "tasks/publish_dag.ts",
  demo: "tasks/demo.ts",
};

/** host[:port] of a URL as Deno's --allow-net wants it. */
function netHost(url: string): string {
  const u = new URL(url);
  return u.port ? `${u.hostname}:${u.port}` : u.hostname;
}

function flagValue(args: string[], name: string): string | undefined {
  const { values } = parseArgs({
    args,
    options: { [name]: { type: "string" } },
    strict: false,
    allowPositionals: true,
  });
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** Whether the task touches S3: an s3:// lake, or publish-dag (always S3). */
function s3Hosts(env: Record<string, string | undefined>): string[] {
  const hosts = [netHost(s3EndpointFromEnv(env).endpoint)];
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) hosts.push(CONTAINER_HOST);
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    hosts.push(netHost(env.AWS_CONTAINER_CREDENTIALS_FULL_URI));
  }
  return hosts;
}

function snowflakeHost(env: Record<string, string | undefined>): string[] {
  const host = env.SNOWFLAKE_HOST?.trim();
  const port = env.SNOWFLAKE_PORT?.trim();
  if (host) return [port ? `${host}:${port}` : host];
  const account = env.SNOWFLAKE_ACCOUNT?.trim();
  return account ? [`${account}.snowflakecomputing.com`] : [];
}

function list(flag: string, values: string[]): string[] {
  const unique = [...new Set(values)].filter((v) => v !== "");
  if (unique.some((v) => v.includes(","))) {
    throw new RangeError(`Cannot grant ${flag} to a path with a comma: ${JSON.stringify(unique)}`);
  }
  return unique.length > 0 ? [`${flag}=${unique.join(",")}`] : [];
}

/**
 * A multi-day transform runs one DuckDB-WASM per worker; V8's default young generation lets
 * each worker's heap grow by ~200 MiB of garbage, which pushes a one-year run past 1 GiB RSS.
 * Measured: 4 MiB semi-spaces keep it near 920 MiB at the same speed. Not used for one day,
 * where any --v8-flags costs ~60 ms of start-up (V8 snapshot checks).
 */
const SMALL_YOUNG_GENERATION = "--v8-flags=--max-semi-space-size=4";

function mayRunSeveralDays(args: string[]): boolean {
  return flagValue(args, "to") !== undefined || flagValue(args, "lookback-days") !== undefined;
}

/**
 * The script, permission flags and environment of `task` run with `args` under `env`.
 * Throws RangeError for an unknown task.
 */
export function planLaunch(
  task: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: PlanLaunchOptions,
): LaunchPlan {
  if (!(LAUNCH_TASKS as readonly string[]).includes(task)) {
    throw new RangeError(`Cannot launch "${task}": not one of ${LAUNCH_TASKS.join(", ")}`);
  }
  const name = task as LaunchTask;
  const keep = [...RUNTIME_ENV, ...TASK_ENV[name], "AIRQ_ALLOW_NET"];
  const childEnv: Record<string, string> = {};
  for (const key of keep) {
    const v = env[key];
    if (v !== undefined) childEnv[key] = v;
  }
  const net: string[] = (env.AIRQ_ALLOW_NET ?? "").split(",").map((h) => h.trim());
  // The project folder (the code is no secret) and the npm cache, where DuckDB-WASM and
  // parquet-wasm read their .wasm with fs.readFileSync (reads of the cache are not implicit).
  const read = [options.root, options.tmpDir];
  const write = [options.tmpDir];
  if (options.npmCache) read.push(options.npmCache);
  if (env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) {
    read.push(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE);
  }
  try {
    const lakeText = flagValue(args, "lake") ?? (env.AIRQ_LAKE || DEFAULT_LAKE);
    const lake = parseLakeUri(lakeText, options.cwd);
    if (lake.kind === "file" && name !== "publish-dag") {
      read.push(lake.path);
      write.push(lake.path);
    }
    if (lake.kind === "s3" || name === "publish-dag") net.push(...s3Hosts(env));
    if (name === "ingest") {
      net.push(netHost(flagValue(args, "api-url") ?? (env.AIRQ_API_URL || DEFAULT_API_URL)));
    }
    if (name === "demo") net.push("127.0.0.1");
    if (name === "load") {
      net.push(...snowflakeHost(env));
      if (env.SNOWFLAKE_PRIVATE_KEY_PATH) read.push(env.SNOWFLAKE_PRIVATE_KEY_PATH);
      // snowflake-sdk keeps its cache (OCSP, credentials) under ~/.cache/snowflake.
      if (env.HOME) {
        read.push(`${env.HOME}/.cache/snowflake`);
        write.push(`${env.HOME}/.cache/snowflake`);
      }
    }
    if (name === "publish-dag") read.push(flagValue(args, "dags-dir") ?? `${options.cwd}/dags`);
    if (name === "demo") read.push(options.cwd);
  } catch {
    // An invalid lake URI or endpoint: the task reports it (exit 2) with nothing granted.
  }
  const flags = [
    ...list("--allow-net", net),
    "--allow-env",
    ...list("--allow-read", read),
    ...list("--allow-write", write),
    ...(["transform", "report", "demo"].includes(name) ? ["--allow-sys=cpus"] : []),
    ...(name === "load" ? ["--allow-sys", "--allow-ffi"] : []),
    ...(name === "transform" && mayRunSeveralDays(args) ? [SMALL_YOUNG_GENERATION] : []),
  ];
  return { script: `${options.root}/${TASK_SCRIPT[name]}`, flags, env: childEnv };
}
