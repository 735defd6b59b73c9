import assert from "node:assert/strict";
import { COMPLIANCE_TASK, readComplianceConfig } from "../../src/compliance/config.ts";
import { ConfigError } from "../../src/errors.ts";

const OPTS = { now: Temporal.Instant.from("2025-01-01T08:00:00Z"), cwd: "/work" };

Deno.test("readComplianceConfig() defaults to the year of yesterday in Brussels", () => {
  assert.deepEqual(readComplianceConfig([], {}, OPTS), {
    help: false,
    config: { year: 2024, lake: "file://./lake", timezone: "Europe/Brussels", force: false },
  });
});

Deno.test("readComplianceConfig() takes --year, AIRQ_LAKE and --force", () => {
  const parsed = readComplianceConfig(["--year", "2023", "--force"], {
    AIRQ_LAKE: "s3://airq-lake/lake",
  }, OPTS);
  assert.deepEqual(parsed, {
    help: false,
    config: { year: 2023, lake: "s3://airq-lake/lake", timezone: "Europe/Brussels", force: true },
  });
});

Deno.test("readComplianceConfig() lists every problem in one ConfigError", () => {
  assert.throws(
    () => readComplianceConfig(["--year", "24", "--timezone", "Mars/Base"], {}, OPTS),
    new ConfigError([
      '--timezone: Unknown time zone "Mars/Base": use an IANA name such as Europe/Brussels',
      '--year: "24" must be an integer from 1990 to 2100',
    ]),
  );
  assert.deepEqual(readComplianceConfig(["--help"], {}, OPTS), { help: true });
});

Deno.test("COMPLIANCE_TASK grants the lake folder and the CPU count", () => {
  const plan = COMPLIANCE_TASK.permissions(
    { year: 2024, lake: "file:///data/lake", timezone: "UTC", force: false },
    { env: {}, cwd: "/work" },
  );
  assert.deepEqual(plan, {
    net: [],
    read: ["/data/lake"],
    write: ["/data/lake"],
    sys: "cpus",
  });
});
