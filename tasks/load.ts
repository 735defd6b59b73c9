/**
 * `deno task load`: published clean partitions (the daily table with the compliance years of
 * its dates, or the hourly table) → Snowflake, one transaction per run, or with --dry-run
 * what it would do. Flags, variables and permissions are declared in src/load/config.ts
 * (`deno task load --help`).
 */
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "./cli.ts";
import { helpText } from "../src/config/help_text.ts";
import { openStore } from "../src/lake/open_store.ts";
import { LOAD_DECLARATION, readLoadConfig } from "../src/load/config.ts";
import { formatSummary } from "../src/load/format_summary.ts";
import { planLine, planLoad } from "../src/load/dry_run.ts";
import { runLoad } from "../src/load/run_load.ts";
import { connectSnowflake, putFileToStage } from "../src/snowflake.ts";

async function readKeyFile(path: string | undefined): Promise<string | Error | undefined> {
  if (!path) return undefined;
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    return e as Error;
  }
}

async function main(log: Logger) {
  const started = performance.now();
  const env = Deno.env.toObject();
  const parsed = readLoadConfig(Deno.args, env, {
    now: Temporal.Now.instant(),
    cwd: Deno.cwd(),
    privateKeyFile: await readKeyFile(env.SNOWFLAKE_PRIVATE_KEY_PATH),
  });
  if (parsed.help) {
    printOut(helpText(LOAD_DECLARATION));
    return 0;
  }
  const { config } = parsed;
  const store = await openStore(config.lake, { env, cwd: Deno.cwd(), log });
  log("start", {
    dates: config.dates,
    lake: store.location,
    account: config.connection.account,
    clean_table: config.cleanTable,
    dry_run: config.dryRun,
  });
  const connect = () => connectSnowflake(config.connection);
  if (config.dryRun) {
    const plans = await planLoad(config, { store, connect, now: () => Date.now(), log });
    for (const p of plans) log("day_plan", { ...p }, p.action === "failed" ? "error" : "info");
    printOut(plans.map(planLine).join("\n"));
    return plans.some((p) => p.action === "failed") ? 1 : 0;
  }
  const summary = await runLoad(config, {
    store,
    connect,
    now: () => Date.now(),
    putFile: putFileToStage,
    log,
  });
  for (const d of summary.dates) {
    log("day_done", { ...d }, d.status === "failed" ? "error" : "info");
  }
  for (const { date: year, ...y } of summary.years ?? []) {
    log("year_done", { year, ...y }, y.status === "failed" ? "error" : "info");
  }
  const duration_ms = Math.round(performance.now() - started);
  log("done", { ...summary, duration_ms }, summary.ok ? "info" : "error");
  if (Deno.stdout.isTerminal()) printOut(formatSummary(summary, store.location));
  return summary.ok ? 0 : 1;
}

if (import.meta.main) await runMain("load", main);
