import assert from "node:assert/strict";
import { complianceStatus, evaluateYear, yearProgress } from "../../src/compliance/evaluate.ts";
import {
  addDailyMean,
  addHourlyValue,
  seriesOf,
  type YearSeries,
} from "../../src/compliance/series_year.ts";

const TZ = "Europe/Brussels";
const PM10 = { station_id: 1n, station_label: "S1", phenomenon_id: 5, phenomenon_label: "PM10" };

/** A PM10 series with `hours` valid hours of 20 µg/m³ and the given valid daily means. */
function pm10Year(dailyMeans: number[], hours: number): YearSeries {
  const year: YearSeries = new Map();
  const meta = { ...PM10, timeseries_id: 10n };
  const s = seriesOf(year, meta);
  for (let i = 0; i < hours; i++) addHourlyValue(s, 20);
  for (const avg of dailyMeans) addDailyMean(year, { ...meta, avg_value: avg, is_valid: true });
  return year;
}

/** `above` daily means of 50.1 µg/m³, then `rest` of 20 to make `total` days. */
function days(above: number, total: number, rest = 20): number[] {
  return [...Array(above).fill(50.1), ...Array(total - above).fill(rest)];
}

function row(year: YearSeries, standard: string, averaging: string, progress = full2023()) {
  const r = evaluateYear(year.values(), progress).find((x) =>
    x.standard === standard && x.averaging_period === averaging
  );
  assert.ok(r, `no row ${standard} ${averaging}`);
  return r;
}

function full2023() {
  return yearProgress(2023, "2023-12-31", TZ);
}

Deno.test("evaluateYear() says met for exactly 35 PM10 days above 50 and exceeded for 36", () => {
  const met = row(pm10Year(days(35, 365), 8760), "eu_2008_50", "day");
  assert.equal(met.exceedances, 35);
  assert.equal(met.allowed_exceedances, 35);
  assert.equal(met.status, "met");
  const exceeded = row(pm10Year(days(36, 365), 8760), "eu_2008_50", "day");
  assert.equal(exceeded.exceedances, 36);
  assert.equal(exceeded.status, "exceeded");
});

Deno.test("evaluateYear() counts a daily mean of exactly the threshold as not above", () => {
  const r = row(pm10Year(days(0, 365, 50), 8760), "eu_2008_50", "day");
  assert.equal(r.exceedances, 0);
  assert.equal(r.valid_days, 365);
});

Deno.test("evaluateYear() says exceeded in March once the allowed count is passed", () => {
  const march = yearProgress(2023, "2023-03-15", TZ);
  const hours = march.hoursElapsed;
  const breached = row(pm10Year(days(36, 74), hours), "eu_2008_50", "day", march);
  assert.equal(breached.year_complete, false);
  assert.equal(breached.status, "exceeded");
  const notYet = row(pm10Year(days(35, 74), hours), "eu_2008_50", "day", march);
  assert.equal(notYet.status, "open");
  // The 2030 limit (45 µg/m³, 18 days) and WHO's (45, 3 days) are both broken already.
  assert.equal(row(pm10Year(days(19, 74), hours), "eu_2030", "day", march).status, "exceeded");
  assert.equal(row(pm10Year(days(4, 74), hours), "who_2021", "day", march).status, "exceeded");
  assert.equal(row(pm10Year(days(3, 74), hours), "who_2021", "day", march).status, "open");
});

Deno.test("evaluateYear() says insufficient_data below 75 % capture and met at 75 %", () => {
  // 74 % of 8760 hours = 6482.4: 6482 valid hours.
  const low = row(pm10Year(days(0, 365), 6482), "eu_2008_50", "year");
  assert.equal(low.valid_hours, 6482);
  assert.equal(low.hours_elapsed, 8760);
  assert.equal(low.data_capture, 6482 / 8760);
  assert.equal(low.status, "insufficient_data");
  const enough = row(pm10Year(days(0, 365), 6570), "eu_2008_50", "year");
  assert.equal(enough.status, "met");
  assert.equal(enough.annual_mean, 20);
});

Deno.test("evaluateYear() judges an annual mean only when the year is complete", () => {
  const year: YearSeries = new Map();
  const s = seriesOf(year, { ...PM10, timeseries_id: 10n });
  for (let i = 0; i < 8760; i++) addHourlyValue(s, i % 2 === 0 ? 20 : 21); // mean 20.5
  assert.equal(row(year, "eu_2030", "year").annual_mean, 20.5);
  assert.equal(row(year, "eu_2030", "year").status, "exceeded"); // 20.5 > 20
  assert.equal(row(year, "eu_2008_50", "year").status, "met"); // 20.5 <= 40
  assert.equal(row(year, "eu_2030", "year").exceedances, null);
  assert.equal(row(year, "eu_2030", "year").allowed_exceedances, null);
  const june = yearProgress(2023, "2023-06-30", TZ);
  const part: YearSeries = new Map();
  const p = seriesOf(part, { ...PM10, timeseries_id: 10n });
  for (let i = 0; i < june.hoursElapsed; i++) addHourlyValue(p, 30);
  assert.equal(row(part, "eu_2030", "year", june).status, "open");
});

Deno.test("yearProgress() counts the 23- and 25-hour days of a DST year", () => {
  // 2024 is a leap year; Brussels springs forward on 31 March and falls back on 27 October.
  assert.equal(yearProgress(2024, "2024-03-30", TZ).hoursElapsed, 90 * 24);
  assert.equal(yearProgress(2024, "2024-03-31", TZ).hoursElapsed, 91 * 24 - 1);
  assert.equal(yearProgress(2024, "2024-10-27", TZ).hoursElapsed, 301 * 24);
  assert.equal(yearProgress(2024, "2024-12-31", TZ).hoursElapsed, 366 * 24);
  assert.equal(yearProgress(2024, "2024-12-31", TZ).complete, true);
  assert.equal(yearProgress(2024, "2024-03-31", "UTC").hoursElapsed, 91 * 24);
  assert.throws(() => yearProgress(2024, "2023-12-31", TZ), RangeError);
});

Deno.test("complianceStatus() puts a broken count before insufficient data", () => {
  const base = {
    threshold: 200,
    averaging: "hour" as const,
    annualMean: 30,
    hoursElapsed: 1000,
    complete: false,
  };
  assert.equal(
    complianceStatus({ ...base, exceedances: 19, allowed: 18, validHours: 100 }),
    "exceeded",
  );
  assert.equal(
    complianceStatus({ ...base, exceedances: 18, allowed: 18, validHours: 100 }),
    "insufficient_data",
  );
  assert.equal(
    complianceStatus({ ...base, exceedances: 18, allowed: 18, validHours: 750 }),
    "open",
  );
});

Deno.test("evaluateYear() gives no row to a phenomenon without standards", () => {
  const year: YearSeries = new Map();
  seriesOf(year, { ...PM10, phenomenon_id: 7, timeseries_id: 70n });
  assert.deepEqual(evaluateYear(year.values(), full2023()), []);
});
