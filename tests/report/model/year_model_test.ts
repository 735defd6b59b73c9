import assert from "node:assert/strict";
import { buildYearModel } from "../../../src/report/model/year_model.ts";
import { seriesRows } from "../../support/compliance_rows.ts";

const rows = [
  ...seriesRows({ stationId: 1, phenomenonId: 5, timeseriesId: 11, annualMean: 22 }),
  ...seriesRows({
    stationId: 2,
    phenomenonId: 5,
    timeseriesId: 21,
    counts: { "eu_2008_50/day": 40, "eu_2030/day": 60, "who_2021/day": 90 },
    annualMean: 35,
  }),
  ...seriesRows({
    stationId: 3,
    phenomenonId: 5,
    timeseriesId: 31,
    counts: { "eu_2030/day": 19, "who_2021/day": 30 },
    annualMean: 18,
  }),
  ...seriesRows({ stationId: 1, phenomenonId: 8, timeseriesId: 18, annualMean: 12 }),
];

function model() {
  return buildYearModel({ year: 2024, rows, airqVersion: "t", sourceSha256: "ab" });
}

Deno.test("buildYearModel() ranks series by exceedances, EU today first", () => {
  const pm10 = model().pollutants.find((p) => p.phenomenonId === 5)!;
  assert.deepEqual(
    pm10.countColumns.map((c) => [c.title, c.averaging, c.threshold, c.allowed]),
    [["EU today", "day", 50, 35], ["EU 2030", "day", 45, 18], ["WHO 2021", "day", 45, 3]],
  );
  assert.deepEqual(pm10.countLines.map((l) => l.timeseriesId), [21, 31, 11]);
  assert.deepEqual(pm10.countLines[0]!.cells.map((c) => [c.value, c.status]), [
    [40, "exceeded"],
    [60, "exceeded"],
    [90, "exceeded"],
  ]);
});

Deno.test("buildYearModel() ranks annual means against the three annual limits", () => {
  const pm10 = model().pollutants.find((p) => p.phenomenonId === 5)!;
  assert.deepEqual(pm10.annualColumns.map((c) => [c.title, c.threshold]), [
    ["EU today", 40],
    ["EU 2030", 20],
    ["WHO 2021", 15],
  ]);
  assert.deepEqual(pm10.annualLines.map((l) => l.annualMean), [35, 22, 18]);
  assert.deepEqual(pm10.annualLines[1]!.cells.map((c) => c.status), [
    "met",
    "exceeded",
    "exceeded",
  ]);
});

Deno.test("buildYearModel() lists the stations that would fail the 2030 limits today", () => {
  const m = model();
  assert.deepEqual(m.fail2030.map((f) => [f.stationId, f.reasons]), [
    [2, ["PM10 day > 45 µg/m³: 60 days (18 allowed)", "PM10 year > 20 µg/m³: mean 35.0"]],
    [1, ["PM10 year > 20 µg/m³: mean 22.0"]],
    [3, ["PM10 day > 45 µg/m³: 19 days (18 allowed)"]],
  ]);
  assert.deepEqual(m.summary, {
    stations: 3,
    series: 4,
    exceededToday: 1,
    fail2030: 3,
    exceededWho: 3,
  });
  assert.equal(m.complete, true);
  assert.equal(m.lastDate, "2024-12-31");
});

Deno.test("buildYearModel() says a failing annual mean is the mean so far while the year runs", () => {
  const m = buildYearModel({
    year: 2025,
    rows: seriesRows(
      { stationId: 9, phenomenonId: 6001, timeseriesId: 91, annualMean: 11 },
      { year: 2025, lastDate: "2025-04-30", complete: false },
    ),
    airqVersion: "t",
    sourceSha256: "ab",
  });
  assert.deepEqual(m.fail2030.map((f) => f.reasons), [["PM2.5 year > 10 µg/m³: mean 11.0 so far"]]);
  assert.equal(m.complete, false);
});
