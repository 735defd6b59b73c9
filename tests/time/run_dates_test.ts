import assert from "node:assert/strict";
import { inLookbackWindow, parseLookbackDays, planRunDates } from "../../src/time/run_dates.ts";

Deno.test("planRunDates() adds the lookback days before the range, across a month end", () => {
  assert.deepEqual(
    planRunDates({ from: "2024-03-01", to: "2024-03-02", lookbackDays: 2, arrayIndex: undefined }),
    {
      dates: ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"],
      range: ["2024-03-01", "2024-03-02"],
      lookback: ["2024-02-28", "2024-02-29"],
      arrayIndex: undefined,
    },
  );
});

Deno.test("planRunDates() takes the day at the array index, then its lookback days", () => {
  assert.deepEqual(
    planRunDates({ from: "2024-01-01", to: "2024-12-31", lookbackDays: 1, arrayIndex: "365" }),
    {
      dates: ["2024-12-30", "2024-12-31"],
      range: ["2024-12-31"],
      lookback: ["2024-12-30"],
      arrayIndex: 365,
    },
  );
  assert.deepEqual(
    planRunDates({ from: "2024-01-01", to: "2024-01-02", lookbackDays: 0, arrayIndex: "" }).range,
    ["2024-01-01", "2024-01-02"],
  );
});

Deno.test("planRunDates() refuses an array index past the range or not an integer", () => {
  assert.throws(
    () =>
      planRunDates({ from: "2024-01-01", to: "2024-12-31", lookbackDays: 0, arrayIndex: "366" }),
    new RangeError(
      'AWS_BATCH_JOB_ARRAY_INDEX "366" is past the range 2024-01-01..2024-12-31 (366 day(s), ' +
        "indexes 0..365): submit the array job with size 366",
    ),
  );
  assert.throws(
    () => planRunDates({ from: "2024-01-01", to: "2024-01-01", lookbackDays: 0, arrayIndex: "-1" }),
    new RangeError(
      'AWS_BATCH_JOB_ARRAY_INDEX "-1" is not a non-negative integer: unset it or run the task ' +
        "as an AWS Batch array job",
    ),
  );
});

Deno.test("inLookbackWindow() is true for the last date and the N days before it only", () => {
  const run = planRunDates({
    from: "2024-01-01",
    to: "2024-01-10",
    lookbackDays: 0,
    arrayIndex: undefined,
  });
  assert.deepEqual(run.dates.filter((d) => inLookbackWindow(d, run, 2)), [
    "2024-01-08",
    "2024-01-09",
    "2024-01-10",
  ]);
  assert.deepEqual(run.dates.filter((d) => inLookbackWindow(d, run, 0)), []);
});

Deno.test("parseLookbackDays() reads 0..366 and names a bad value", () => {
  const problems: string[] = [];
  assert.deepEqual(
    [undefined, "0", "366", "367", "1.5"].map((v) => parseLookbackDays(v, problems)),
    [0, 0, 366, 0, 0],
  );
  assert.deepEqual(problems, [
    '--lookback-days: "367" must be an integer from 0 to 366, e.g. 3',
    '--lookback-days: "1.5" must be an integer from 0 to 366, e.g. 3',
  ]);
});
