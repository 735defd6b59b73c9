import assert from "node:assert/strict";
import { pollutantCode, stationCode } from "../../src/lake/pollutant_codes.ts";

Deno.test("pollutantCode() gives the short ASCII code of the usual phenomena, else null", () => {
  assert.deepEqual([5, 6001, 8, 1, 71, 7, 99999].map(pollutantCode), [
    "PM10",
    "PM2.5",
    "NO2",
    "SO2",
    "CO2",
    "O3",
    null,
  ]);
});

Deno.test("stationCode() takes the code before ' - ' of a station label, else null", () => {
  assert.equal(stationCode("40AL01 - Linkeroever"), "40AL01");
  assert.equal(stationCode("42R805 - Antwerpen (Belgiëlei) - Zuid"), "42R805");
  assert.equal(stationCode("Linkeroever"), null);
  assert.equal(stationCode("40 AL01 - x"), null);
  assert.equal(stationCode("\u202e40AL01 - x"), null);
  assert.equal(stationCode(null), null);
});
