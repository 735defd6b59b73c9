/**
 * `deno task fixture-server`: a fake IRCEL-CELINE API on 127.0.0.1 for tests, demos and
 * benchmarks. Flags, variables and permissions are declared in
 * fixture_api/server_config.ts (`--help`).
 */
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "../tasks/cli.ts";
import { readServerConfig, SERVER_DECLARATION } from "./server_config.ts";
import { helpText } from "../src/config/help_text.ts";
import { startFixtureServer } from "./server.ts";

async function main(log: Logger): Promise<number> {
  const config = readServerConfig(Deno.args, Deno.env.toObject());
  if (config.help) {
    printOut(helpText(SERVER_DECLARATION));
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
