/**
 * `deno task transform`: raw lake → clean Parquet partitions with DuckDB-WASM. Flags,
 * variables and permissions are declared in src/transform/config.ts (`--help`).
 */
import { helpText } from "../src/config/help_text.ts";
import { openDuckDb } from "../src/duckdb.ts";
import { openStore } from "../src/lake/open_store.ts";
import {
  defaultWorkers,
  readTransformConfig,
  TRANSFORM_DECLARATION,
} from "../src/transform/config.ts";
import { formatSummary } from "../src/transform/format_summary.ts";
import { transformRange } from "../src/transform/transform_range.ts";
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "./cli.ts";

/** Run the transform with the process's args and env; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const cwd = Deno.cwd();
  const parsed = readTransformConfig(Deno.args, env, { now: Temporal.Now.instant(), cwd });
  if (parsed.help) {
    printOut(helpText(TRANSFORM_DECLARATION));
    return 0;
  }
  const { config } = parsed;
  const store = await openStore(config.lake, { env, cwd, log });
  const { summary, days } = await transformRange(config.dates, {
    store,
    timezone: config.timezone,
    force: config.force,
    db: openDuckDb,
    log,
    clock: () => performance.now(),
    workers: {
      count: config.workers ?? defaultWorkers(config.dates.length, navigator.hardwareConcurrency),
      lake: config.lake,
      env,
      cwd,
    },
  });
  if (Deno.stdout.isTerminal()) printOut(formatSummary(summary, days));
  return summary.ok ? 0 : 1;
}

if (import.meta.main) runMain("transform", main);
