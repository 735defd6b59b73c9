import assert from "node:assert/strict";
import {
  guidelineFor,
  isMicrogramsPerCubicMetre,
  WHO_DAILY_GUIDELINES,
} from "../../../src/report/model/who_guidelines.ts";

Deno.test("WHO_DAILY_GUIDELINES holds the 2021 24-hour levels of PM2.5, PM10, NO2 and SO2", () => {
  assert.deepEqual([...WHO_DAILY_GUIDELINES].map(([id, g]) => [id, g.pollutant, g.level]), [
    [6001, "PM2.5", 15],
    [5, "PM10", 45],
    [8, "NO2", 25],
    [1, "SO2", 40],
  ]);
});

Deno.test("guidelineFor() returns the level for a regulated phenomenon in µg/m³", () => {
  assert.deepEqual(guidelineFor(8, "µg/m³"), { level: 25, pollutant: "NO2" });
  assert.deepEqual(guidelineFor(6001, "ug/m3"), { level: 15, pollutant: "PM2.5" });
});

Deno.test("guidelineFor() returns undefined for other phenomena and other units", () => {
  assert.equal(guidelineFor(7, "µg/m³"), undefined);
  assert.equal(guidelineFor(5, "mg/m³"), undefined);
  assert.equal(guidelineFor(5, null), undefined);
});

Deno.test("isMicrogramsPerCubicMetre() accepts the spellings seen in IRCEL payloads", () => {
  assert.deepEqual(
    ["µg/m³", "\u03bcg/m³", "ug/m3", "UG/M3", "µg / m^3", "mg/m³", "ppm", ""].map(
      isMicrogramsPerCubicMetre,
    ),
    [true, true, true, true, true, false, false, false],
  );
});
