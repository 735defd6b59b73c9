import assert from "node:assert/strict";
import { COMPLIANCE_TASK, readComplianceConfig } from "../../src/compliance/config.ts";
import { ConfigError } from "../../src/errors.ts";

const OPTS = { now: Temporal.Instant.from("2025-01-01T08:00:00Z"), cwd: "/work" };

Deno.test("readComplianceConfig() defaults to the year of yesterday in Brussels", () => {
  assert.deepEqual(readComplianceConfig([], {}, OPTS), {
    help: false,
    config: { years: [2024], lake: "file://./lake", timezone: "Europe/Brussels", force: false },
  });
});

Deno.test("readComplianceConfig() takes --year, AIRQ_LAKE and --force", () => {
  const parsed = readComplianceConfig(["--year", "2023", "--force"], {
    AIRQ_LAKE: "s3://airq-lake/lake",
  }, OPTS);
  assert.deepEqual(parsed, {
    help: false,
    config: {
      years: [2023],
      lake: "s3://airq-lake/lake",
      timezone: "Europe/Brussels",
      force: true,
    },
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
    { years: [2024], lake: "file:///data/lake", timezone: "UTC", force: false },
    { env: {}, cwd: "/work" },
  );
  assert.deepEqual(plan, {
    net: [],
    read: ["/data/lake"],
    write: ["/data/lake"],
    sys: "cpus",
  });
});

Deno.test("readComplianceConfig() builds every year of --date, --to and the lookback days", () => {
  const years = (args: string[]) => {
    const parsed = readComplianceConfig(args, {}, OPTS);
    return parsed.help ? undefined : parsed.config.years;
  };
  assert.deepEqual(years(["--date", "2025-01-01", "--lookback-days", "2"]), [2024, 2025]);
  assert.deepEqual(years(["--date", "2025-01-03", "--lookback-days", "2"]), [2025]);
  assert.deepEqual(years(["--date", "2022-12-01", "--to", "2024-02-01"]), [2022, 2023, 2024]);
  assert.deepEqual(years(["--lookback-days", "1"]), [2024]); // yesterday: 2024-12-31
  assert.throws(() => readComplianceConfig(["--year", "2024", "--date", "2024-05-01"], {}, OPTS), {
    name: "ConfigError",
    message: "Invalid configuration: --year: use either --year or --date/--to/--lookback-days, " +
      "not both",
  });
});
