import assert from "node:assert/strict";
import { readRunOptions } from "../../src/config/run_options.ts";

const base = { lookbackDays: undefined, arrayIndex: undefined };

Deno.test("readRunOptions() plans --date..--to with the lookback days before it", () => {
  const problems: string[] = [];
  const got = readRunOptions(
    { from: "2024-11-19", to: "2024-11-20", lookbackDays: "2", arrayIndex: undefined },
    problems,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(got, {
    lookbackDays: 2,
    run: {
      dates: ["2024-11-17", "2024-11-18", "2024-11-19", "2024-11-20"],
      range: ["2024-11-19", "2024-11-20"],
      lookback: ["2024-11-17", "2024-11-18"],
      arrayIndex: undefined,
    },
  });
});

Deno.test("readRunOptions() ends the range at from when to is undefined", () => {
  const problems: string[] = [];
  const got = readRunOptions({ ...base, from: "2024-11-19", to: undefined }, problems);
  assert.deepEqual(problems, []);
  assert.deepEqual(got.run?.dates, ["2024-11-19"]);
});

Deno.test("readRunOptions() takes the array job's day when AWS_BATCH_JOB_ARRAY_INDEX is set", () => {
  const problems: string[] = [];
  const got = readRunOptions(
    { from: "2024-11-01", to: "2024-11-03", lookbackDays: undefined, arrayIndex: "1" },
    problems,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(got.run?.dates, ["2024-11-02"]);
  assert.equal(got.run?.arrayIndex, 1);
});

Deno.test("readRunOptions() pushes lookback, --date then --to problems in that order and plans nothing", () => {
  const problems: string[] = [];
  const got = readRunOptions(
    { from: "2024-02-30", to: "nope", lookbackDays: "x", arrayIndex: undefined },
    problems,
  );
  assert.deepEqual(got, { lookbackDays: 0, run: undefined });
  assert.deepEqual(problems, [
    '--lookback-days: "x" must be an integer from 0 to 366, e.g. 3',
    '--date: Invalid date "2024-02-30": no such calendar day',
    '--to: Invalid date "nope": expected YYYY-MM-DD',
  ]);
});

Deno.test("readRunOptions() plans nothing and pushes nothing when from is undefined", () => {
  const problems: string[] = [];
  const got = readRunOptions({ ...base, from: undefined, to: undefined }, problems);
  assert.deepEqual(got, { lookbackDays: 0, run: undefined });
  assert.deepEqual(problems, []);
});

Deno.test("readRunOptions() still checks to when from is undefined", () => {
  const problems: string[] = [];
  readRunOptions({ ...base, from: undefined, to: "2024-13-01" }, problems);
  assert.deepEqual(problems, ['--to: Invalid date "2024-13-01": no such calendar day']);
});

Deno.test("readRunOptions() pushes the planning error when --to is before --date", () => {
  const problems: string[] = [];
  const got = readRunOptions({ ...base, from: "2024-11-05", to: "2024-11-01" }, problems);
  assert.equal(got.run, undefined);
  assert.deepEqual(problems, ['Invalid range: --to "2024-11-01" is before --date "2024-11-05"']);
});

Deno.test("readRunOptions() pushes the planning error when the array index is past the range", () => {
  const problems: string[] = [];
  const got = readRunOptions(
    { from: "2024-11-01", to: "2024-11-02", lookbackDays: undefined, arrayIndex: "2" },
    problems,
  );
  assert.equal(got.run, undefined);
  assert.deepEqual(problems, [
    'AWS_BATCH_JOB_ARRAY_INDEX "2" is past the range 2024-11-01..2024-11-02 (2 day(s), indexes 0..1): submit the array job with size 2',
  ]);
});
