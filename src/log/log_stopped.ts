/** The one event of a run that stops early because its lake does not answer. Pure. */
import type { Logger } from "./logger.ts";

/** Log that `task` did not run `dates` (none left: nothing is logged). */
export function logStopped(log: Logger, task: string, dates: string[]): void {
  if (dates.length === 0) return;
  log("stopped", {
    message: `Cannot ${task} the remaining ${dates.length} day(s) ${dates[0]}..${dates.at(-1)}: ` +
      "the lake did not answer (see the failed day): run them again once it does",
    dates_not_run: dates,
  }, "error");
}
