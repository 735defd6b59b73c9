/**
 * `deno task compliance`: a year's published daily partitions → clean/compliance_station_by_year.
 * Flags, variables and permissions are declared in src/compliance/config.ts (`--help`).
 */
import { buildCompliance } from "../src/compliance/build_compliance.ts";
import { COMPLIANCE_DECLARATION, readComplianceConfig } from "../src/compliance/config.ts";
import { helpText } from "../src/config/help_text.ts";
import { openStore } from "../src/lake/open_store.ts";
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "./_cli.ts";

/** Run the compliance task with the process's args and env; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const cwd = Deno.cwd();
  const parsed = readComplianceConfig(Deno.args, env, { now: Temporal.Now.instant(), cwd });
  if (parsed.help) {
    printOut(helpText(COMPLIANCE_DECLARATION));
    return 0;
  }
  const { config } = parsed;
  const store = await openStore(config.lake, { env, cwd });
  log("start", { year: config.year, lake: store.location });
  const summary = await buildCompliance(store, {
    year: config.year,
    timezone: config.timezone,
    force: config.force,
  });
  log("done", { ...summary });
  return 0;
}

if (import.meta.main) runMain("compliance", main);
