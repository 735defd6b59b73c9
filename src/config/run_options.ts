/**
 * The dates of one task run from `--date`, `--to`, `--lookback-days` and
 * AWS_BATCH_JOB_ARRAY_INDEX, with every problem collected. Pure.
 */
import { parseDate } from "../time/day_window.ts";
import {
  MAX_RANGE_DAYS,
  MAX_YEAR,
  MIN_YEAR,
  parseLookbackDays,
  planRunDates,
  type RunDates,
} from "../time/run_dates.ts";

/** Inputs of readRunOptions(). */
export interface RunOptionsInput {
  /** First date (`--date` or the default day); undefined when it could not be chosen. */
  from: string | undefined;
  /** Last date (`--to`), checked when given; the range ends at `from` when undefined. */
  to: string | undefined;
  /** Raw `--lookback-days`. */
  lookbackDays: string | undefined;
  /** Raw AWS_BATCH_JOB_ARRAY_INDEX. */
  arrayIndex: string | undefined;
}

/** The lookback and the planned run; `run` is undefined when a problem was pushed. */
export interface RunOptions {
  lookbackDays: number;
  run: RunDates | undefined;
}

/**
 * Parse the lookback, check `from` (as --date) and `to` (as --to), then plan the run;
 * problems are pushed in that order.
 */
export function readRunOptions(input: RunOptionsInput, problems: string[]): RunOptions {
  const lookbackDays = parseLookbackDays(input.lookbackDays, problems);
  let datesOk = input.from !== undefined;
  for (const [name, d] of [["--date", input.from], ["--to", input.to]] as const) {
    if (d === undefined) continue;
    try {
      const { year } = parseDate(d);
      if (name === "--to" && d === input.from) continue; // the same day, checked as --date
      if (year < MIN_YEAR || year > MAX_YEAR) {
        problems.push(`${name}: "${d}" is outside the years ${MIN_YEAR} to ${MAX_YEAR}`);
        datesOk = false;
      }
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      datesOk = false;
    }
  }
  if (!datesOk) return { lookbackDays, run: undefined };
  const days = input.to === undefined
    ? 1
    : parseDate(input.from!).until(parseDate(input.to), { largestUnit: "days" }).days + 1;
  if (days > MAX_RANGE_DAYS) {
    problems.push(
      `--date ${input.from} --to ${input.to}: ${days} days is more than the ${MAX_RANGE_DAYS} ` +
        "one run may cover: split the range into several runs",
    );
    return { lookbackDays, run: undefined };
  }
  try {
    const run = planRunDates({
      from: input.from!,
      to: input.to ?? input.from!,
      lookbackDays,
      arrayIndex: input.arrayIndex,
    });
    return { lookbackDays, run };
  } catch (e) {
    problems.push((e as Error).message);
    return { lookbackDays, run: undefined };
  }
}
