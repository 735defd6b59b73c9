import assert from "node:assert/strict";
import {
  checkTimezone,
  dateRange,
  dayWindow,
  isoWithOffset,
  parseDate,
  stampDate,
  yesterday,
} from "../../src/time/day_window.ts";

Deno.test("dayWindow() gives 24 hours with offsets on an ordinary winter day", () => {
  const w = dayWindow("2024-01-15", "Europe/Brussels");
  assert.equal(w.hours, 24);
  assert.equal(w.startIso, "2024-01-15T00:00:00+01:00");
  assert.equal(w.endIso, "2024-01-16T00:00:00+01:00");
  assert.equal(w.startMs, Date.UTC(2024, 0, 14, 23));
});

Deno.test("dayWindow() gives 23 hours on the spring DST day", () => {
  const w = dayWindow("2024-03-31", "Europe/Brussels");
  assert.equal(w.hours, 23);
  assert.equal(w.startIso, "2024-03-31T00:00:00+01:00");
  assert.equal(w.endIso, "2024-04-01T00:00:00+02:00");
});

Deno.test("dayWindow() gives 25 hours on the autumn DST day", () => {
  const w = dayWindow("2024-10-27", "Europe/Brussels");
  assert.equal(w.hours, 25);
  assert.equal(w.startIso, "2024-10-27T00:00:00+02:00");
  assert.equal(w.endIso, "2024-10-28T00:00:00+01:00");
});

Deno.test("dayWindow() rejects an impossible date and an unknown zone", () => {
  assert.throws(() => dayWindow("2024-02-30", "Europe/Brussels"), RangeError);
  assert.throws(() => dayWindow("2024-1-5", "Europe/Brussels"), /expected YYYY-MM-DD/);
  assert.throws(() => dayWindow("2024-01-05", "Mars/Olympus"), RangeError);
});

Deno.test("parseDate() accepts exactly YYYY-MM-DD of a real calendar day", () => {
  assert.equal(parseDate("2024-02-29").toString(), "2024-02-29");
  for (const bad of ["x2024-01-05", "2024-01-05x", "2024-01-05T00:00"]) {
    assert.throws(() => parseDate(bad), {
      name: "RangeError",
      message: `Invalid date "${bad}": expected YYYY-MM-DD`,
    });
  }
  assert.throws(() => parseDate("2023-02-29"), {
    name: "RangeError",
    message: 'Invalid date "2023-02-29": no such calendar day',
  });
});

Deno.test("checkTimezone() returns a known IANA zone and names an unknown one", () => {
  assert.equal(checkTimezone("Europe/Brussels"), "Europe/Brussels");
  assert.throws(() => checkTimezone("Mars/Olympus"), {
    name: "RangeError",
    message: 'Unknown time zone "Mars/Olympus": use an IANA name such as Europe/Brussels',
  });
});

Deno.test("stampDate() puts the 00:00 local stamp on the previous day", () => {
  const midnight = dayWindow("2024-01-15", "Europe/Brussels").startMs;
  assert.equal(stampDate(midnight, "Europe/Brussels"), "2024-01-14");
  assert.equal(stampDate(midnight + 3_600_000, "Europe/Brussels"), "2024-01-15");
});

Deno.test("isoWithOffset() shows the repeated 02:00 hour with both offsets", () => {
  const first = Date.UTC(2024, 9, 27, 0); // 02:00+02:00
  assert.equal(isoWithOffset(first, "Europe/Brussels"), "2024-10-27T02:00:00+02:00");
  assert.equal(isoWithOffset(first + 3_600_000, "Europe/Brussels"), "2024-10-27T02:00:00+01:00");
});

Deno.test("dateRange() is inclusive and rejects a reversed range", () => {
  assert.deepEqual(dateRange("2024-02-28", "2024-03-01"), [
    "2024-02-28",
    "2024-02-29",
    "2024-03-01",
  ]);
  assert.deepEqual(dateRange("2024-03-01", "2024-03-01"), ["2024-03-01"]);
  assert.throws(() => dateRange("2024-03-02", "2024-03-01"), {
    name: "RangeError",
    message: 'Invalid range: --to "2024-03-01" is before --date "2024-03-02"',
  });
});

Deno.test("yesterday() uses the local date, not the UTC date", () => {
  const now = Temporal.Instant.from("2024-06-01T22:30:00Z"); // already June 2 in Brussels
  assert.equal(yesterday(now, "Europe/Brussels"), "2024-06-01");
  assert.equal(yesterday(now, "UTC"), "2024-05-31");
});
