/**
 * `deno task ingest`: IRCEL API → raw lake. Flags, variables and permissions are declared
 * in src/ingest/config.ts (`deno task ingest --help`).
 */
import { createIrcelineClient } from "../src/irceline/client.ts";
import { INGEST_DECLARATION, readIngestConfig } from "../src/ingest/config.ts";
import { formatSummary } from "../src/ingest/format_summary.ts";
import { ingestRange } from "../src/ingest/ingest_range.ts";
import { helpText } from "../src/config/help_text.ts";
import { openStore } from "../src/lake/open_store.ts";
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "./cli.ts";

/** Run the ingest with the process's args and env; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const cwd = Deno.cwd();
  const parsed = readIngestConfig(Deno.args, env, { now: Temporal.Now.instant(), cwd });
  if (parsed.help) {
    printOut(helpText(INGEST_DECLARATION));
    return 0;
  }
  const { config } = parsed;
  const store = await openStore(config.lake, { env, cwd, log });
  const client = createIrcelineClient({
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    onRetry: ({ request, attempt, delayMs, error }) =>
      log("retry", {
        url: request.url,
        attempt,
        delay_ms: delayMs,
        error: error instanceof Error ? error.message : String(error),
      }, "warn"),
  });
  const { summary, days } = await ingestRange(config, {
    store,
    client,
    log,
    now: () => Temporal.Now.instant(),
  });
  if (Deno.stdout.isTerminal()) printOut(formatSummary(summary, days));
  return summary.ok ? 0 : 1;
}

if (import.meta.main) runMain("ingest", main);
