import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import { readReportConfig } from "../../src/report/report_config.ts";

const now = Temporal.Instant.from("2024-11-20T23:30:00Z"); // 00:30 on the 21st in Brussels
const cwd = "/work";

Deno.test("readReportConfig() defaults to yesterday in Brussels and the ./lake lake", () => {
  assert.deepEqual(readReportConfig([], {}, { now, cwd }), {
    help: false,
    config: { from: "2024-11-20", to: "2024-11-20", lake: "file://./lake" },
  });
});

Deno.test("readReportConfig() reads env and lets flags win", () => {
  const env = { AIRQ_LAKE: "s3://bucket/airq", AIRQ_TIMEZONE: "UTC" };
  assert.deepEqual(
    readReportConfig([], env, { now, cwd }),
    {
      help: false,
      config: { from: "2024-11-19", to: "2024-11-19", lake: "s3://bucket/airq" },
    },
  );
  assert.deepEqual(
    readReportConfig(
      ["--date", "2024-11-01", "--to", "2024-11-03", "--lake", "file:///tmp/l"],
      env,
      { now, cwd },
    ),
    { help: false, config: { from: "2024-11-01", to: "2024-11-03", lake: "file:///tmp/l" } },
  );
});

Deno.test("readReportConfig() returns help when asked", () => {
  assert.deepEqual(readReportConfig(["-h"], {}, { now, cwd }), { help: true });
});

Deno.test("readReportConfig() collects every problem into one ConfigError", () => {
  assert.throws(
    () =>
      readReportConfig(["--date", "2024-11-05", "--to", "2024-11-01", "--lake", "ftp://x"], {}, {
        now,
        cwd,
      }),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems, [
        'Invalid range: --to "2024-11-01" is before --date "2024-11-05"',
        'Invalid lake URI "ftp://x": unknown scheme; use file:///abs/path, file://./rel/path or s3://bucket/prefix',
      ]);
      return true;
    },
  );
});

Deno.test("readReportConfig() rejects an unknown flag and a bad date", () => {
  assert.throws(() => readReportConfig(["--day", "x"], {}, { now, cwd }), {
    name: "ConfigError",
    message: "Invalid configuration: Unknown option '--day'; see --help",
  });
  assert.throws(() => readReportConfig(["--date", "2024-02-30"], {}, { now, cwd }), {
    name: "ConfigError",
    message: 'Invalid configuration: Invalid date "2024-02-30": no such calendar day',
  });
  assert.throws(() => readReportConfig([], { AIRQ_TIMEZONE: "Mars/Olympus" }, { now, cwd }), {
    name: "ConfigError",
    message:
      'Invalid configuration: Unknown time zone "Mars/Olympus": use an IANA name such as Europe/Brussels',
  });
});

Deno.test("readReportConfig() takes --year for the compliance page, not with --date", () => {
  assert.deepEqual(readReportConfig(["--year", "2024"], {}, { now, cwd }), {
    help: false,
    config: { from: "2024-01-01", to: "2024-12-31", lake: "file://./lake", year: 2024 },
  });
  assert.throws(
    () => readReportConfig(["--year", "2024", "--date", "2024-11-05"], {}, { now, cwd }),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems, ["--year: use either --year or --date/--to, not both"]);
      return true;
    },
  );
  assert.throws(() => readReportConfig(["--year", "99"], {}, { now, cwd }), {
    name: "ConfigError",
    message: 'Invalid configuration: --year: "99" must be an integer from 1990 to 2100',
  });
});
