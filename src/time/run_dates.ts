/**
 * The dates one run of a task processes: `--date`..`--to` (inclusive), narrowed to one day
 * by AWS_BATCH_JOB_ARRAY_INDEX (an AWS Batch array job: child i takes `--date` + i days),
 * then widened by `--lookback-days N` to the N days before each date. Pure.
 */
import { dateRange, parseDate } from "./day_window.ts";

/** The planned dates of a run. */
export interface RunDates {
  /** Every date to process, ascending: the range plus its lookback days. */
  dates: string[];
  /** The requested range (after the array index), ascending. */
  range: string[];
  /** The lookback days added before the range (a subset of `dates`). */
  lookback: string[];
  /** The array index used, when AWS_BATCH_JOB_ARRAY_INDEX was set. */
  arrayIndex: number | undefined;
}

/** Inputs of planRunDates(); `from`/`to` are already valid dates with from <= to. */
export interface RunDatesInput {
  from: string;
  to: string;
  lookbackDays: number;
  /** Raw AWS_BATCH_JOB_ARRAY_INDEX, or undefined/"" when not an array job. */
  arrayIndex: string | undefined;
}

/** Years a date of a run may have (the API's data starts in the 1990s). */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2999;

/** Most days one run may cover from `--date` to `--to` (about ten years): split longer ones. */
export const MAX_RANGE_DAYS = 3660;

/** Most days one `--lookback-days` may add. */
export const MAX_LOOKBACK_DAYS = 366;

/** Parse `--lookback-days`; pushes a problem and returns 0 when invalid. */
export function parseLookbackDays(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 0;
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 0 && n <= MAX_LOOKBACK_DAYS)) {
    problems.push(
      `--lookback-days: "${raw}" must be an integer from 0 to ${MAX_LOOKBACK_DAYS}, e.g. 3`,
    );
    return 0;
  }
  return n;
}

/**
 * Plan the dates; RangeError when the array index is not a non-negative integer or points
 * past the range (the array job was submitted with a size larger than the range).
 */
export function planRunDates(input: RunDatesInput): RunDates {
  const all = dateRange(input.from, input.to);
  let range = all;
  let arrayIndex: number | undefined;
  if (input.arrayIndex !== undefined && input.arrayIndex !== "") {
    const raw = input.arrayIndex;
    const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n)) {
      throw new RangeError(
        `AWS_BATCH_JOB_ARRAY_INDEX "${raw}" is not a non-negative integer: ` +
          `unset it or run the task as an AWS Batch array job`,
      );
    }
    if (n >= all.length) {
      throw new RangeError(
        `AWS_BATCH_JOB_ARRAY_INDEX "${raw}" is past the range ${input.from}..${input.to} ` +
          `(${all.length} day(s), indexes 0..${all.length - 1}): submit the array job with ` +
          `size ${all.length}`,
      );
    }
    arrayIndex = n;
    range = [all[n]!];
  }
  const first = parseDate(range[0]!);
  const lookback: string[] = [];
  for (let i = input.lookbackDays; i >= 1; i--) {
    lookback.push(first.subtract({ days: i }).toString());
  }
  return { dates: [...lookback, ...range], range, lookback, arrayIndex };
}

/**
 * Whether `date` lies in the lookback window of a run: the last date of the run and the
 * `lookbackDays` days before it (recent days get late values and corrections, so they
 * are redone even when complete). Always false when lookbackDays is 0.
 */
export function inLookbackWindow(date: string, run: RunDates, lookbackDays: number): boolean {
  if (lookbackDays === 0) return false;
  const last = parseDate(run.dates.at(-1)!);
  const since = last.subtract({ days: lookbackDays });
  return Temporal.PlainDate.compare(parseDate(date), since) >= 0;
}
