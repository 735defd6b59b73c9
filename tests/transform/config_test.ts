import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import { readTransformConfig } from "../../src/transform/config.ts";

const NOW = Temporal.Instant.from("2024-10-28T10:00:00Z");
const OPTS = { now: NOW, cwd: "/work" };

Deno.test("readTransformConfig() defaults to yesterday in Brussels and ./lake", () => {
  assert.deepEqual(readTransformConfig([], {}, OPTS), {
    help: false,
    config: { dates: ["2024-10-27"], lake: "file://./lake", timezone: "Europe/Brussels" },
  });
});

Deno.test("readTransformConfig() takes AIRQ_LAKE and AIRQ_TIMEZONE, flags win", () => {
  const env = { AIRQ_LAKE: "s3://bucket/lake", AIRQ_TIMEZONE: "UTC" };
  assert.deepEqual(readTransformConfig(["--date", "2024-01-30", "--to", "2024-02-01"], env, OPTS), {
    help: false,
    config: {
      dates: ["2024-01-30", "2024-01-31", "2024-02-01"],
      lake: "s3://bucket/lake",
      timezone: "UTC",
    },
  });
  const flags = ["--date", "2024-01-30", "--lake", "file:///x", "--timezone", "Europe/Paris"];
  assert.deepEqual(readTransformConfig(flags, env, OPTS), {
    help: false,
    config: { dates: ["2024-01-30"], lake: "file:///x", timezone: "Europe/Paris" },
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
