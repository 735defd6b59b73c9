import assert from "node:assert/strict";
import { checkSetting } from "../../src/config/check_setting.ts";
import { checkTimezone } from "../../src/time/day_window.ts";

Deno.test("checkSetting() returns the checked value and pushes nothing when valid", () => {
  const problems: string[] = [];
  const tz = checkSetting({ value: "UTC", source: "--timezone" }, checkTimezone, problems);
  assert.equal(tz, "UTC");
  assert.deepEqual(problems, []);
});

Deno.test("checkSetting() pushes '<source>: <message>' and returns undefined when the check throws", () => {
  const problems = ["earlier"];
  const tz = checkSetting(
    { value: "Mars/Olympus", source: "AIRQ_TIMEZONE" },
    checkTimezone,
    problems,
  );
  assert.equal(tz, undefined);
  assert.deepEqual(problems, [
    "earlier",
    'AIRQ_TIMEZONE: Unknown time zone "Mars/Olympus": use an IANA name such as Europe/Brussels',
  ]);
});
