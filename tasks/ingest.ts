/**
 * `deno task ingest`: IRCEL API → raw lake (see --help).
 * Env: AIRQ_LAKE, AIRQ_API_URL, AIRQ_TIMEZONE, AIRQ_PHENOMENA; AWS_* for s3:// lakes.
 * Permissions: --allow-net (API, S3), --allow-env, --allow-read/--allow-write (file:// lake).
 */
import { createIrcelineClient } from "../src/irceline/client.ts";
import { readIngestConfig } from "../src/ingest/config.ts";
import { formatSummary } from "../src/ingest/format_summary.ts";
import { INGEST_HELP } from "../src/ingest/help.ts";
import { ingestRange } from "../src/ingest/ingest_range.ts";
import { openStore } from "../src/lake/open_store.ts";
import { type Logger, printOut, runMain } from "./_cli.ts";

/** Run the ingest with the process's args and env; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const cwd = Deno.cwd();
  const parsed = readIngestConfig(Deno.args, env, { now: Temporal.Now.instant(), cwd });
  if (parsed.help) {
    printOut(INGEST_HELP);
    return 0;
  }
  const { config } = parsed;
  const store = await openStore(config.lake, { env, cwd });
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
