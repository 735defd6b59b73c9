import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import { type IngestConfig, readIngestConfig } from "../../src/ingest/config.ts";

// 2024-11-21 00:30 in Brussels (23:30 UTC the day before): yesterday is 2024-11-20.
const NOW = Temporal.Instant.from("2024-11-20T23:30:00Z");
const OPTS = { now: NOW, cwd: "/work/x" };

function config(args: string[], env: Record<string, string> = {}): IngestConfig {
  const r = readIngestConfig(args, env, OPTS);
  if (r.help) throw new Error("unexpected help");
  return r.config;
}

function problems(args: string[], env: Record<string, string> = {}): string[] {
  try {
    readIngestConfig(args, env, OPTS);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
  throw new Error("expected a ConfigError");
}

Deno.test("readIngestConfig() applies the contract's defaults with an injected clock", () => {
  assert.deepEqual(config([]), {
    dates: ["2024-11-20"],
    run: { dates: ["2024-11-20"], range: ["2024-11-20"], lookback: [], arrayIndex: undefined },
    force: false,
    replace: false,
    lookbackDays: 0,
    lake: "file://./lake",
    lakeUri: { kind: "file", uri: "file://./lake", path: "/work/x/lake" },
    apiUrl: "https://geo.irceline.be/sos/api/v1/",
    timezone: "Europe/Brussels",
    phenomena: [1, 5, 8, 71, 6001],
    near: null,
    concurrency: 4,
    chunkSize: 100,
    timeoutMs: 60_000,
    retries: 5,
  });
});

Deno.test("readIngestConfig() takes yesterday in the configured timezone", () => {
  // 23:30 UTC is still 2024-11-20 in UTC, so yesterday is 2024-11-19.
  assert.deepEqual(config(["--timezone", "UTC"]).dates, ["2024-11-19"]);
});

Deno.test("readIngestConfig() reads env and lets flags win", () => {
  const env = {
    AIRQ_LAKE: "s3://bucket/pre",
    AIRQ_API_URL: "http://127.0.0.1:8080/sos/api/v1",
    AIRQ_TIMEZONE: "UTC",
    AIRQ_PHENOMENA: "8",
  };
  const fromEnv = config(["--date", "2024-11-01"], env);
  assert.deepEqual(fromEnv.lakeUri, {
    kind: "s3",
    uri: "s3://bucket/pre",
    bucket: "bucket",
    prefix: "pre/",
  });
  assert.equal(fromEnv.apiUrl, "http://127.0.0.1:8080/sos/api/v1/");
  assert.equal(fromEnv.timezone, "UTC");
  assert.deepEqual(fromEnv.phenomena, [8]);
  const fromFlags = config([
    "--date=2024-11-01",
    "--lake=file:///data/lake",
    "--api-url=http://other/api/",
    "--timezone=Europe/Paris",
    "--phenomena=5, 6001,5",
    "--near=4.40346,51.21989,10",
    "--concurrency=16",
    "--chunk-size=50",
    "--timeout-ms=1000",
    "--retries=0",
  ], env);
  assert.equal(fromFlags.lake, "file:///data/lake");
  assert.equal(fromFlags.apiUrl, "http://other/api/");
  assert.equal(fromFlags.timezone, "Europe/Paris");
  assert.deepEqual(fromFlags.phenomena, [5, 6001]);
  assert.deepEqual(fromFlags.near, { lon: 4.40346, lat: 51.21989, km: 10 });
  assert.deepEqual(
    [fromFlags.concurrency, fromFlags.chunkSize, fromFlags.timeoutMs, fromFlags.retries],
    [16, 50, 1000, 0],
  );
});

Deno.test("readIngestConfig() lists every day of an inclusive range", () => {
  assert.deepEqual(config(["--date", "2024-10-26", "--to", "2024-10-28"]).dates, [
    "2024-10-26",
    "2024-10-27",
    "2024-10-28",
  ]);
});

Deno.test("readIngestConfig() returns help for --help and -h", () => {
  assert.deepEqual(readIngestConfig(["--help"], {}, OPTS), { help: true });
  assert.deepEqual(readIngestConfig(["-h", "--date", "bad"], {}, OPTS), { help: true });
});

Deno.test("readIngestConfig() collects every invalid value into one ConfigError", () => {
  assert.deepEqual(
    problems(
      [
        "--timezone=Mars/Olympus",
        "--lake=ftp://x",
        "--api-url=nope",
        "--near=200,1,5",
        "--concurrency=65",
        "--chunk-size=0",
        "--timeout-ms=abc",
        "--retries=21",
        "--date=2024-01-01",
      ],
      { AIRQ_PHENOMENA: "5,,8" },
    ),
    [
      '--timezone: Unknown time zone "Mars/Olympus": use an IANA name such as Europe/Brussels',
      '--lake: Invalid lake URI "ftp://x": unknown scheme; use file:///abs/path, file://./rel/path or s3://bucket/prefix',
      '--api-url: "nope" must be an http(s) URL without query, e.g. https://geo.irceline.be/sos/api/v1/',
      'AIRQ_PHENOMENA: "5,,8" must be a comma-separated list of numeric ids, e.g. 5,6001,8',
      '--near: "200,1,5" must be LON,LAT,KM with -180 ≤ LON ≤ 180, -90 ≤ LAT ≤ 90 and KM > 0',
      '--concurrency: "65" must be an integer from 1 to 64',
      '--chunk-size: "0" must be an integer from 1 to 1000',
      '--timeout-ms: "abc" must be an integer from 100 to 600000',
      '--retries: "21" must be an integer from 0 to 20',
    ],
  );
});

Deno.test("readIngestConfig() reports bad dates, a reversed range and a day not over yet", () => {
  assert.deepEqual(problems(["--date", "2024-02-30", "--to", "24-03-01"]), [
    '--date: Invalid date "2024-02-30": no such calendar day',
    '--to: Invalid date "24-03-01": expected YYYY-MM-DD',
  ]);
  assert.deepEqual(problems(["--date", "2024-13-01"]), [
    '--date: Invalid date "2024-13-01": no such calendar day',
  ]);
  assert.deepEqual(problems(["--date", "2024-03-02", "--to", "2024-03-01"]), [
    'Invalid range: --to "2024-03-01" is before --date "2024-03-02"',
  ]);
  assert.deepEqual(problems(["--date", "2024-11-21"]), [
    '--date "2024-11-21" is not over yet in Europe/Brussels: it ends at 2024-11-22T00:00:00+01:00',
  ]);
  assert.deepEqual(problems(["--date", "2024-11-19", "--to", "2024-11-21"]), [
    '--to "2024-11-21" is not over yet in Europe/Brussels: it ends at 2024-11-22T00:00:00+01:00',
  ]);
});

Deno.test("readIngestConfig() turns an unknown flag or a positional into a ConfigError", () => {
  assert.throws(() => readIngestConfig(["--dat", "2024-01-01"], {}, OPTS), {
    name: "ConfigError",
    message: "Invalid configuration: Unknown option '--dat'; did you mean --date?",
  });
  assert.equal(problems(["extra"]).length, 1);
  assert.match(problems(["extra"])[0]!, /^Unexpected argument 'extra'.*; see --help$/);
});

Deno.test("readIngestConfig() adds the --lookback-days before --date and reads --force", () => {
  const c = config([
    "--date",
    "2024-11-19",
    "--to",
    "2024-11-20",
    "--lookback-days",
    "2",
    "--force",
  ]);
  assert.deepEqual(c.dates, ["2024-11-17", "2024-11-18", "2024-11-19", "2024-11-20"]);
  assert.deepEqual(c.run.lookback, ["2024-11-17", "2024-11-18"]);
  assert.equal(c.force, true);
});

Deno.test("readIngestConfig() takes only the day of AWS_BATCH_JOB_ARRAY_INDEX from the range", () => {
  const c = config(["--date", "2024-01-01", "--to", "2024-11-20"], {
    AWS_BATCH_JOB_ARRAY_INDEX: "59",
  });
  assert.deepEqual(c.dates, ["2024-02-29"]);
  assert.equal(c.run.arrayIndex, 59);
});

Deno.test("readIngestConfig() refuses an AWS_BATCH_JOB_ARRAY_INDEX past the range", () => {
  assert.deepEqual(
    problems(["--date", "2024-11-01", "--to", "2024-11-03"], { AWS_BATCH_JOB_ARRAY_INDEX: "3" }),
    [
      'AWS_BATCH_JOB_ARRAY_INDEX "3" is past the range 2024-11-01..2024-11-03 (3 day(s), ' +
      "indexes 0..2): submit the array job with size 3",
    ],
  );
});

Deno.test("readIngestConfig() refuses a --lookback-days that is not a small integer", () => {
  assert.deepEqual(problems(["--date", "2024-11-01", "--lookback-days", "3d"]), [
    '--lookback-days: "3d" must be an integer from 0 to 366, e.g. 3',
  ]);
});

Deno.test("readIngestConfig() reads --replace, off by default", () => {
  assert.equal(config([]).replace, false);
  assert.equal(config(["--replace"]).replace, true);
});
