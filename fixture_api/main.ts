/**
 * `deno task fixture-server`: a fake IRCEL-CELINE API on 127.0.0.1 for tests, demos and
 * benchmarks. Prints the base URL as the first stdout line; logs one JSON line per request
 * on stderr; stops on SIGINT/SIGTERM.
 * Env: FIXTURE_PORT, FIXTURE_LATENCY_MS, FIXTURE_FAILURE_RATE, FIXTURE_FAILURE_MODES,
 * FIXTURE_MAX_FAILURES, FIXTURE_SLOW_MS, FIXTURE_STATIONS, FIXTURE_SEED (flags win).
 * Permissions: --allow-net=127.0.0.1 --allow-read --allow-env.
 */
import { type Logger, printOut, runMain } from "../tasks/_cli.ts";
import { readServerConfig, USAGE } from "./server_config.ts";
import { startFixtureServer } from "./server.ts";

async function main(log: Logger): Promise<number> {
  const config = readServerConfig(Deno.args, Deno.env.toObject());
  if (config.help) {
    printOut(USAGE);
    return 0;
  }
  const { help: _help, ...options } = config;
  const server = await startFixtureServer({
    ...options,
    onRequest: (event) => log("request", { ...event }),
  });
  printOut(server.url);
  log("listening", { url: server.url, ...options });
  const stopped = new Promise<string>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => resolve(signal));
    }
  });
  const signal = await stopped;
  await server.close();
  log("stopped", { signal, ...server.stats() });
  return 0;
}

if (import.meta.main) runMain("fixture-server", main);
