import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import {
  defaultWorkers,
  readTransformConfig,
  TRANSFORM_DECLARATION,
  WORKERS_FROM_DAYS,
} from "../../src/transform/config.ts";
import { helpText } from "../../src/config/help_text.ts";

const NOW = Temporal.Instant.from("2024-10-28T10:00:00Z");
const OPTS = { now: NOW, cwd: "/work" };

Deno.test("readTransformConfig() defaults to yesterday in Brussels and ./lake", () => {
  assert.deepEqual(readTransformConfig([], {}, OPTS), {
    help: false,
    config: {
      dates: ["2024-10-27"],
      force: false,
      lake: "file://./lake",
      timezone: "Europe/Brussels",
    },
  });
});

Deno.test("readTransformConfig() takes AIRQ_LAKE and AIRQ_TIMEZONE, flags win", () => {
  const env = { AIRQ_LAKE: "s3://bucket/lake", AIRQ_TIMEZONE: "UTC" };
  assert.deepEqual(readTransformConfig(["--date", "2024-01-30", "--to", "2024-02-01"], env, OPTS), {
    help: false,
    config: {
      dates: ["2024-01-30", "2024-01-31", "2024-02-01"],
      force: false,
      lake: "s3://bucket/lake",
      timezone: "UTC",
    },
  });
  const flags = ["--date", "2024-01-30", "--lake", "file:///x", "--timezone", "Europe/Paris"];
  assert.deepEqual(readTransformConfig(flags, env, OPTS), {
    help: false,
    config: { dates: ["2024-01-30"], force: false, lake: "file:///x", timezone: "Europe/Paris" },
  });
});

Deno.test("readTransformConfig() lists every problem in one ConfigError", () => {
  assert.throws(
    () =>
      readTransformConfig(
        ["--date", "2024-02-02", "--to", "2024-02-01"],
        { AIRQ_LAKE: "ftp://x" },
        OPTS,
      ),
    new ConfigError([
      'Invalid range: --to "2024-02-01" is before --date "2024-02-02"',
      'AIRQ_LAKE: Invalid lake URI "ftp://x": unknown scheme; use file:///abs/path, ' +
      "file://./rel/path or s3://bucket/prefix",
    ]),
  );
  assert.throws(
    () => readTransformConfig(["--day", "x"], {}, OPTS),
    (e: Error) =>
      e instanceof ConfigError && /^Invalid configuration: Unknown option '--day'/.test(e.message),
  );
});

Deno.test("readTransformConfig() answers --help", () => {
  assert.deepEqual(readTransformConfig(["-h"], {}, OPTS), { help: true });
});

Deno.test("readTransformConfig() adds --lookback-days, reads --force and the array index", () => {
  const args = ["--date", "2024-01-30", "--to", "2024-02-02", "--lookback-days", "1", "--force"];
  const r = readTransformConfig(args, { AWS_BATCH_JOB_ARRAY_INDEX: "2" }, OPTS);
  assert.deepEqual(r, {
    help: false,
    config: {
      dates: ["2024-01-31", "2024-02-01"],
      force: true,
      lake: "file://./lake",
      timezone: "Europe/Brussels",
    },
  });
});

Deno.test("readTransformConfig() refuses an array index past the range", () => {
  assert.throws(
    () => readTransformConfig(["--date", "2024-01-30"], { AWS_BATCH_JOB_ARRAY_INDEX: "1" }, OPTS),
    new ConfigError([
      'AWS_BATCH_JOB_ARRAY_INDEX "1" is past the range 2024-01-30..2024-01-30 (1 day(s), ' +
      "indexes 0..0): submit the array job with size 1",
    ]),
  );
});

Deno.test("readTransformConfig() reads --workers and refuses a count outside 1..16", () => {
  const r = readTransformConfig(["--date", "2024-01-30", "--workers", "3"], {}, OPTS);
  assert.deepEqual(r, {
    help: false,
    config: {
      dates: ["2024-01-30"],
      force: false,
      lake: "file://./lake",
      timezone: "Europe/Brussels",
      workers: 3,
    },
  });
  for (const bad of ["0", "17", "1.5", "two"]) {
    assert.throws(
      () => readTransformConfig(["--date", "2024-01-30", "--workers", bad], {}, OPTS),
      new ConfigError([
        `--workers: Invalid worker count "${bad}": use a whole number from 1 to 16`,
      ]),
    );
  }
});

Deno.test("defaultWorkers() runs short ranges in one lane and longer ones in two", () => {
  assert.equal(defaultWorkers(1, 2), 1);
  assert.equal(defaultWorkers(7, 2), 1);
  assert.equal(defaultWorkers(WORKERS_FROM_DAYS - 1, 2), 1);
  assert.equal(defaultWorkers(WORKERS_FROM_DAYS, 2), 2);
  assert.equal(defaultWorkers(366, 8), 2);
  assert.equal(defaultWorkers(366, 1), 1);
});

Deno.test("transform --help says from how many days two lanes are used, and why", () => {
  const help = helpText(TRANSFORM_DECLARATION).replace(/\s+/g, " ");
  assert.match(
    help,
    new RegExp(`default: 1 below ${WORKERS_FROM_DAYS} days, else min\\(2, CPU count\\)`),
  );
  assert.match(help, new RegExp(`pay off from about ${WORKERS_FROM_DAYS} days on`));
});
