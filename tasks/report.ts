/**
 * `deno task report`: clean/aggregate_station_by_day → reports/…/index.html, or with
 * --year clean/compliance_station_by_year → reports/year=YYYY/index.html. Flags,
 * variables and permissions are declared in src/report/report_config.ts (`--help`).
 */
import { helpText } from "../src/config/help_text.ts";
import { openStore } from "../src/lake/open_store.ts";
import { buildReport } from "../src/report/build_report.ts";
import { buildYearReport } from "../src/report/build_year_report.ts";
import { readReportConfig, REPORT_DECLARATION } from "../src/report/report_config.ts";
import { AIRQ_VERSION } from "../src/version.ts";
import type { Logger } from "../src/log/logger.ts";
import { oneLine } from "../src/text/escape.ts";
import { printOut, runMain } from "./cli.ts";

/** Run the report with the process's args and env; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const cwd = Deno.cwd();
  const parsed = readReportConfig(Deno.args, env, { now: Temporal.Now.instant(), cwd });
  if (parsed.help) {
    printOut(helpText(REPORT_DECLARATION));
    return 0;
  }
  const { from, to, lake, year } = parsed.config;
  const store = await openStore(lake, { env, cwd, log });
  if (year !== undefined) {
    const built = await buildYearReport(store, { year, airqVersion: AIRQ_VERSION });
    const where = `${store.location.replace(/\/$/, "")}/${built.key}`;
    log("report_written", { location: where, bytes: built.bytes, ...built.model.summary });
    printOut(where);
    return 0;
  }
  const built = await buildReport(store, { from, to, airqVersion: AIRQ_VERSION });
  const where = `${store.location.replace(/\/$/, "")}/${built.key}`;
  log("report_written", {
    location: where,
    bytes: built.bytes,
    days: built.model.dates.length - built.model.missingDates.length,
    missing_dates: built.model.missingDates,
    stations: built.model.summary.stations,
    over_who_level: built.model.summary.over,
  });
  printOut(oneLine(where));
  return 0;
}

if (import.meta.main) runMain("report", main);
