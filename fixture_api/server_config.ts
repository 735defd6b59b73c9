/**
 * Flags and env of `deno task fixture-server`, read in one typed place. Flags win over env
 * (FIXTURE_PORT, FIXTURE_LATENCY_MS, FIXTURE_FAILURE_RATE, FIXTURE_FAILURE_MODES,
 * FIXTURE_STATIONS, FIXTURE_SEED, FIXTURE_SLOW_MS, FIXTURE_MAX_FAILURES).
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../src/errors.ts";
import { type FailureMode, parseFailureModes } from "./faults.ts";

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

/** Usage text of the task. */
export const USAGE = `Usage: deno task fixture-server [options]
Serves a fake IRCEL-CELINE API (52°North Timeseries API v1) on 127.0.0.1.
Prints the base URL (http://127.0.0.1:PORT/sos/api/v1/) as the first stdout line.
  --port N              port (0 = random; env FIXTURE_PORT)            [0]
  --latency-ms N        delay before every answer (FIXTURE_LATENCY_MS)  [0]
  --failure-rate X      0..1, share of failing attempts (FIXTURE_FAILURE_RATE) [0]
  --failure-modes LIST  429,503,drop,slow,truncate (FIXTURE_FAILURE_MODES) [all]
  --max-failures K      attempt K of one request always succeeds (FIXTURE_MAX_FAILURES) [2]
  --slow-ms N           wait of a "slow" answer (FIXTURE_SLOW_MS)       [60000]
  --stations S          "fixtures" or N synthetic stations (FIXTURE_STATIONS) [fixtures]
  --seed N              seed of the failure choice (FIXTURE_SEED)       [1]
  --help                this text`;

const FLAGS = {
  port: "FIXTURE_PORT",
  "latency-ms": "FIXTURE_LATENCY_MS",
  "failure-rate": "FIXTURE_FAILURE_RATE",
  "failure-modes": "FIXTURE_FAILURE_MODES",
  "max-failures": "FIXTURE_MAX_FAILURES",
  "slow-ms": "FIXTURE_SLOW_MS",
  stations: "FIXTURE_STATIONS",
  seed: "FIXTURE_SEED",
} as const;

/** Read flags then env; ConfigError listing every bad value. */
export function readServerConfig(
  args: string[],
  env: Record<string, string | undefined>,
): ServerConfig {
  const options = Object.fromEntries(
    Object.keys(FLAGS).map((name) => [name, { type: "string" as const }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: { ...options, help: { type: "boolean" } } }).values;
  } catch (error) {
    throw new ConfigError([error instanceof Error ? error.message : String(error)]);
  }
  const problems: string[] = [];
  const raw = (flag: keyof typeof FLAGS) => {
    const value = values[flag];
    return typeof value === "string" ? value : env[FLAGS[flag]];
  };
  const num = (flag: keyof typeof FLAGS, fallback: number, ok: (n: number) => boolean) => {
    const text = raw(flag);
    if (text === undefined || text === "") return fallback;
    const n = Number(text);
    if (!ok(n)) problems.push(`--${flag} (${FLAGS[flag]}) "${text}" is not valid`);
    return n;
  };
  const int = (n: number) => Number.isInteger(n) && n >= 0;
  const stationsText = raw("stations") ?? "fixtures";
  const stations = stationsText === "fixtures" ? "fixtures" as const : Number(stationsText);
  if (
    stations !== "fixtures" && !(Number.isInteger(stations) && stations >= 1 && stations <= 5000)
  ) {
    problems.push(`--stations (FIXTURE_STATIONS) "${stationsText}" must be "fixtures" or 1..5000`);
  }
  let failureModes: FailureMode[] = ["429", "503", "drop", "slow", "truncate"];
  const modes = raw("failure-modes");
  if (modes !== undefined && modes !== "") {
    try {
      failureModes = parseFailureModes(modes);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const config: ServerConfig = {
    help: values.help === true,
    port: num("port", 0, (n) => int(n) && n <= 65535),
    latencyMs: num("latency-ms", 0, int),
    failureRate: num("failure-rate", 0, (n) => n >= 0 && n <= 1),
    failureModes,
    maxFailuresPerRequest: num("max-failures", 2, int),
    slowMs: num("slow-ms", 60_000, int),
    stations,
    seed: num("seed", 1, Number.isInteger),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
