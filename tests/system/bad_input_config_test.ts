/**
 * Bad configuration: each task run as a subprocess against a lake that already holds a
 * complete day exits 2 with exactly one JSON line (event "failed", a ConfigError naming
 * the problem and the fix), and the lake is exactly as before (sha256 and mtime).
 */
import assert from "node:assert/strict";
import { SEEDED_DATE, seedLake } from "./_bad_api.ts";
import { runTask, snapshot, theError, withTempDir } from "./_task_run.ts";

interface Case {
  name: string;
  task: string;
  /** Arguments; `LAKE` is replaced by the seeded lake's URI. */
  args: string[];
  env?: Record<string, string>;
  message: string;
}

const CASES: Case[] = [
  {
    name: "ingest refuses a phenomenon id that is not numeric",
    task: "ingest",
    args: ["--date", SEEDED_DATE, "--lake", "LAKE", "--phenomena", "5,abc"],
    message: '--phenomena: "5,abc" must be a comma-separated list of numeric ids, e.g. 5,6001,8',
  },
  {
    name: "transform refuses an invalid date",
    task: "transform",
    args: ["--date", "2024-02-30", "--lake", "LAKE"],
    message: '--date: Invalid date "2024-02-30": no such calendar day',
  },
  {
    name: "ingest refuses --to before --date",
    task: "ingest",
    args: ["--date", SEEDED_DATE, "--to", "2024-11-19", "--lake", "LAKE"],
    message: 'Invalid range: --to "2024-11-19" is before --date "2024-11-20"',
  },
  {
    name: "ingest refuses an unknown time zone",
    task: "ingest",
    args: ["--date", SEEDED_DATE, "--lake", "LAKE", "--timezone", "Mars/Olympus"],
    message:
      '--timezone: Unknown time zone "Mars/Olympus": use an IANA name such as Europe/Brussels',
  },
  {
    name: "transform refuses an unknown time zone from AIRQ_TIMEZONE",
    task: "transform",
    args: ["--date", SEEDED_DATE, "--lake", "LAKE"],
    env: { AIRQ_TIMEZONE: "Europe/Bruxelles" },
    message:
      'AIRQ_TIMEZONE: Unknown time zone "Europe/Bruxelles": use an IANA name such as Europe/Brussels',
  },
  {
    name: "ingest refuses a lake URI with an unknown scheme",
    task: "ingest",
    args: ["--date", SEEDED_DATE, "--lake", "ftp://lake.example/airq"],
    message: '--lake: Invalid lake URI "ftp://lake.example/airq": unknown scheme; use ' +
      "file:///abs/path, file://./rel/path or s3://bucket/prefix",
  },
  {
    name: "transform refuses an s3:// lake URI whose bucket name is invalid",
    task: "transform",
    args: ["--date", SEEDED_DATE, "--lake", "s3://Airq_Lake/raw"],
    message:
      '--lake: Invalid lake URI "s3://Airq_Lake/raw": "Airq_Lake" is not a valid S3 bucket ' +
      "name; use file:///abs/path, file://./rel/path or s3://bucket/prefix",
  },
  {
    name: "ingest refuses an API URL that is not http(s)",
    task: "ingest",
    args: ["--date", SEEDED_DATE, "--lake", "LAKE", "--api-url", "ftp://geo.irceline.be/sos"],
    message: '--api-url: "ftp://geo.irceline.be/sos" must be an http(s) URL without query, e.g. ' +
      "https://geo.irceline.be/sos/api/v1/",
  },
  {
    name: "ingest refuses a day that is not over yet",
    task: "ingest",
    args: ["--date", "2099-01-01", "--lake", "LAKE"],
    message:
      '--date "2099-01-01" is not over yet in Europe/Brussels: it ends at 2099-01-02T00:00:00+01:00',
  },
  {
    name: "ingest refuses a --lookback-days out of range",
    task: "ingest",
    args: ["--date", SEEDED_DATE, "--lake", "LAKE", "--lookback-days", "400"],
    message: '--lookback-days: "400" must be an integer from 0 to 366, e.g. 3',
  },
  {
    name: "transform refuses an AWS_BATCH_JOB_ARRAY_INDEX that is not an integer",
    task: "transform",
    args: ["--date", SEEDED_DATE, "--lake", "LAKE"],
    env: { AWS_BATCH_JOB_ARRAY_INDEX: "first" },
    message: 'AWS_BATCH_JOB_ARRAY_INDEX "first" is not a non-negative integer: unset it or run ' +
      "the task as an AWS Batch array job",
  },
  {
    name: "ingest refuses an s3:// lake without AWS credentials",
    task: "ingest",
    args: ["--date", SEEDED_DATE, "--lake", "s3://airq-lake/prod"],
    message: "no AWS credentials for the s3:// lake: set AWS_ACCESS_KEY_ID and " +
      "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or run on AWS " +
      "Batch/ECS where AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set",
  },
];

for (const c of CASES) {
  Deno.test(`bad configuration: ${c.name}`, async () => {
    await withTempDir(async (dir) => {
      const lake = `file://${dir}/lake`;
      await seedLake(lake, { cwd: dir });
      const before = await snapshot(dir);
      const args = c.args.map((a) => (a === "LAKE" ? lake : a));
      const run = await runTask(c.task, args, { cwd: dir, ...(c.env ? { env: c.env } : {}) });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.lines.length, 1, run.stderr);
      assert.equal(run.events[0]!.event, "failed");
      assert.equal(run.events[0]!.error, "ConfigError");
      assert.equal(theError(run), `Invalid configuration: ${c.message}`);
      assert.equal(run.stdout, "");
      assert.deepEqual(await snapshot(dir), before);
    });
  });
}
