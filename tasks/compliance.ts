/**
 * `deno task compliance`: a year's published daily partitions → clean/compliance_station_by_year.
 * Flags, variables and permissions are declared in src/compliance/config.ts (`--help`).
 */
import { buildCompliance } from "../src/compliance/build_compliance.ts";
import { COMPLIANCE_DECLARATION, readComplianceConfig } from "../src/compliance/config.ts";
import { helpText } from "../src/config/help_text.ts";
import { LakeError } from "../src/errors.ts";
import { openStore } from "../src/lake/open_store.ts";
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "./cli.ts";

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
  log("start", { years: config.years, lake: store.location });
  let failed = 0;
  for (const year of config.years) {
    try {
      const summary = await buildCompliance(store, { ...config, year });
      log("year_done", { ...summary });
    } catch (e) {
      if (!(e instanceof LakeError || e instanceof SyntaxError)) throw e;
      failed++;
      log("year_failed", { year, error: e.message }, "error");
    }
  }
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) runMain("compliance", main);
