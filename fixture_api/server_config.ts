/**
 * `deno task fixture-server`, declared once: its flags and variables (flags win over env),
 * its config reader and the permissions a run needs (127.0.0.1 and the project folder).
 */
import type { FlagDeclaration, TaskDeclaration } from "../src/config/declaration.ts";
import { parseDeclared, throwProblems } from "../src/config/declared_flags.ts";
import type { TaskSpec } from "../src/config/task_spec.ts";
import { FAILURE_MODES, type FailureMode, parseFailureModes } from "./faults.ts";

/** What the task needs: server options plus `help`. */
export interface ServerConfig {
  help: boolean;
  port: number;
  latencyMs: number;
  failureRate: number;
  failureModes: FailureMode[];
  stations: "fixtures" | number;
  seed: number;
  slowMs: number;
  maxFailuresPerRequest: number;
}

function numberFlag(name: string, env: string, fallback: string, help: string): FlagDeclaration {
  return { name, kind: "number", arg: "N", env, default: fallback, help };
}

/** What `deno task fixture-server` accepts and does. */
export const SERVER_DECLARATION: TaskDeclaration = {
  name: "fixture-server",
  script: "fixture_api/main.ts",
  purpose: "Serve a fake IRCEL-CELINE API (52°North Timeseries API v1) on 127.0.0.1 for " +
    "tests, demos and benchmarks; print its base URL (http://127.0.0.1:PORT/sos/api/v1/) as " +
    "the first stdout line; log one JSON line per request; stop on SIGINT/SIGTERM.",
  usage: "[options]",
  details: [],
  flags: [
    { ...numberFlag("port", "FIXTURE_PORT", "0", "port (0: a free one)"), valid: "0..65535" },
    numberFlag("latency-ms", "FIXTURE_LATENCY_MS", "0", "delay before every answer"),
    {
      ...numberFlag("failure-rate", "FIXTURE_FAILURE_RATE", "0", "share of failing attempts"),
      arg: "X",
      valid: "0..1",
    },
    {
      name: "failure-modes",
      kind: "list",
      arg: "LIST",
      env: "FIXTURE_FAILURE_MODES",
      default: FAILURE_MODES.join(","),
      help: "how attempts fail",
    },
    numberFlag(
      "max-failures",
      "FIXTURE_MAX_FAILURES",
      "2",
      "attempt K of one request always succeeds",
    ),
    numberFlag("slow-ms", "FIXTURE_SLOW_MS", "60000", 'wait of a "slow" answer'),
    {
      name: "stations",
      kind: "string",
      arg: "S",
      env: "FIXTURE_STATIONS",
      default: "fixtures",
      valid: '"fixtures" or 1..5000',
      help: "the recorded stations, or N synthetic ones",
    },
    numberFlag("seed", "FIXTURE_SEED", "1", "seed of the failure choice"),
  ],
  env: [],
  exitCodes: { ok: "stopped by SIGINT/SIGTERM", failed: "the server could not start" },
  examples: ["deno task fixture-server --port 8080 --failure-rate 0.1"],
};

/** Read flags then env; ConfigError listing every bad value. */
export function readServerConfig(
  args: string[],
  env: Record<string, string | undefined>,
): ServerConfig {
  const flags = parseDeclared(SERVER_DECLARATION.flags, args, env);
  const problems: string[] = [];
  const envOf = (name: string) => SERVER_DECLARATION.flags.find((f) => f.name === name)!.env;
  const num = (name: string, ok: (n: number) => boolean) => {
    const text = flags.setting(name).value;
    const n = Number(text);
    if (!ok(n)) problems.push(`--${name} (${envOf(name)}) "${text}" is not valid`);
    return n;
  };
  const int = (n: number) => Number.isInteger(n) && n >= 0;
  const stationsText = flags.setting("stations").value;
  const stations = stationsText === "fixtures" ? "fixtures" as const : Number(stationsText);
  if (
    stations !== "fixtures" && !(Number.isInteger(stations) && stations >= 1 && stations <= 5000)
  ) {
    problems.push(`--stations (FIXTURE_STATIONS) "${stationsText}" must be "fixtures" or 1..5000`);
  }
  let failureModes: FailureMode[] = [...FAILURE_MODES];
  const modesText = flags.setting("failure-modes").value;
  try {
    if (modesText !== "") failureModes = parseFailureModes(modesText);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const config: ServerConfig = {
    help: flags.help,
    port: num("port", (n) => int(n) && n <= 65535),
    latencyMs: num("latency-ms", int),
    failureRate: num("failure-rate", (n) => n >= 0 && n <= 1),
    failureModes,
    maxFailuresPerRequest: num("max-failures", int),
    slowMs: num("slow-ms", int),
    stations,
    seed: num("seed", Number.isInteger),
  };
  throwProblems(problems);
  return config;
}

/** The fixture-server task: declaration, reader and permissions. */
export const SERVER_TASK: TaskSpec<ServerConfig> = {
  declaration: SERVER_DECLARATION,
  read: (args, env) => {
    const config = readServerConfig(args, env);
    return config.help ? { help: true } : { help: false, config };
  },
  permissions: () => ({ net: ["127.0.0.1"], read: [], write: [] }),
};
