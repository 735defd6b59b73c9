import assert from "node:assert/strict";
import { generatedValues, SENTINEL, SMALL_NEGATIVE, type TimeValue } from "../values.ts";
import recordedPt2h from "../data/real/getdata_6152_PT2H.json" with { type: "json" };

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
/** A day of hourly means stamped 01:00Z…24:00Z (24 points when complete). */
const day = (date: string): [number, number] => [
  utc(`${date}T01:00:00Z`),
  utc(`${date}T00:00:00Z`) + 24 * HOUR,
];
const hourOf = (p: TimeValue) => new Date(p.timestamp).getUTCHours();
const count = (values: TimeValue[], pred: (p: TimeValue) => boolean) => values.filter(pred).length;

Deno.test("generatedValues() is deterministic and on full UTC hours, ascending", () => {
  const a = generatedValues("7074", utc("2024-02-01T00:00:00Z"), utc("2024-03-01T00:00:00Z"));
  const b = generatedValues("7074", utc("2024-02-01T00:00:00Z"), utc("2024-03-01T00:00:00Z"));
  assert.deepEqual(a, b);
  assert.equal(a.length, 29 * 24 + 1);
  for (let i = 0; i < a.length; i++) {
    assert.equal(a[i]!.timestamp % HOUR, 0);
    if (i > 0) assert.equal(a[i]!.timestamp - a[i - 1]!.timestamp, HOUR);
  }
});

Deno.test("generatedValues() includes both ends and snaps inner bounds to full hours", () => {
  assert.equal(generatedValues("6152", ...day("2024-05-05")).length, 24);
  const inclusive = generatedValues(
    "6152",
    utc("2024-05-05T00:00:00Z"),
    utc("2024-05-06T00:00:00Z"),
  );
  assert.equal(inclusive.length, 25);
  const inner = generatedValues("6152", utc("2024-05-05T00:30:00Z"), utc("2024-05-05T02:59:00Z"));
  assert.deepEqual(inner.map((p) => p.timestamp), [
    utc("2024-05-05T01:00:00Z"),
    utc("2024-05-05T02:00:00Z"),
  ]);
});

Deno.test("generatedValues() serves the recorded real points of 6152", () => {
  const values = generatedValues("6152", utc("2023-11-22T00:00:00Z"), utc("2023-11-22T02:00:00Z"));
  assert.deepEqual(values, recordedPt2h.values);
  const midnight = generatedValues(
    "6152",
    utc("2023-11-23T00:00:00Z"),
    utc("2023-11-23T00:00:00Z"),
  );
  assert.deepEqual(midnight, [{ timestamp: 1700697600000, value: 21.9 }]);
});

Deno.test("generatedValues() places each quirk at its documented UTC hour", () => {
  const [from, to] = day("2024-01-10");
  const gaps = generatedValues("10743", from, to);
  assert.equal(gaps.length, 22);
  assert.deepEqual(gaps.filter((p) => [3, 4].includes(hourOf(p))), []);
  const nulls = generatedValues("100038", from, to);
  assert.deepEqual(nulls.filter((p) => p.value === null).map(hourOf), [5]);
  const nans = generatedValues("7087", from, to);
  assert.deepEqual(nans.filter((p) => p.value === "NaN").map(hourOf), [6]);
  const sentinels = generatedValues("7086", from, to);
  assert.deepEqual(sentinels.filter((p) => p.value === SENTINEL).map(hourOf), [23]);
  const negatives = generatedValues("11019", from, to);
  assert.deepEqual(negatives.filter((p) => p.value === SMALL_NEGATIVE).map(hourOf), [2]);
  const plain = generatedValues("6152", from, to);
  assert.equal(count(plain, (p) => typeof p.value !== "number" || p.value < 0), 0);
});

Deno.test("generatedValues() drops about 5 % of 10741's hours, the same ones every call", () => {
  const year = generatedValues("10741", utc("2024-01-01T01:00:00Z"), utc("2025-01-01T00:00:00Z"));
  const hours = 366 * 24;
  const missing = hours - year.length;
  assert.ok(missing > hours * 0.03 && missing < hours * 0.07, `missing ${missing}`);
  assert.deepEqual(
    generatedValues("10741", utc("2024-01-01T01:00:00Z"), utc("2025-01-01T00:00:00Z")),
    year,
  );
});

Deno.test("generatedValues() returns nothing for the empty series 10841 and 7072", () => {
  assert.deepEqual(
    generatedValues("10841", utc("2023-11-22T00:00:00Z"), utc("2023-11-23T00:00:00Z")),
    [],
  );
  assert.deepEqual(
    generatedValues("7072", utc("2015-01-01T00:00:00Z"), utc("2026-01-01T00:00:00Z")),
    [],
  );
});

Deno.test("generatedValues() stops stale series at their last timestamp", () => {
  const end = utc("2025-06-30T23:00:00Z");
  const before = generatedValues("7148", end - 2 * HOUR, end + 10 * HOUR);
  assert.deepEqual(before.map((p) => p.timestamp), [end - 2 * HOUR, end - HOUR, end]);
  assert.deepEqual(generatedValues("7148", ...day("2026-11-20")), []);
  const xylene = generatedValues("6522", 1621508400000 - HOUR, 1621508400000 + HOUR);
  assert.deepEqual(xylene.at(-1), { timestamp: 1621508400000, value: 6.5 });
  assert.deepEqual(generatedValues("6522", 1338296400000 - HOUR, 1338296400000)[0], {
    timestamp: 1338296400000,
    value: 2,
  });
});

Deno.test("generatedValues() serves nothing before a series' first hour", () => {
  assert.deepEqual(generatedValues("100039", ...day("2022-12-30")), []);
  assert.equal(
    generatedValues("100039", utc("2022-12-31T22:00:00Z"), utc("2023-01-01T02:00:00Z")).length,
    3,
  );
});

Deno.test("generatedValues() cuts at now, and 99908 pre-fills -99.99 to the next UTC midnight", () => {
  const now = utc("2026-11-24T12:30:00Z");
  const [from, to] = day("2026-11-24");
  const pm = generatedValues("6152", from, to, { now });
  assert.equal(pm.at(-1)!.timestamp, utc("2026-11-24T12:00:00Z"));
  assert.equal(pm.length, 12);
  const wind = generatedValues("99908", from, to, { now });
  assert.equal(wind.length, 24);
  assert.equal(count(wind, (p) => p.value === SENTINEL), 12);
  assert.equal(wind.findIndex((p) => p.value === SENTINEL), 12);
  assert.equal(generatedValues("99908", from, to).some((p) => p.value === SENTINEL), false);
});

Deno.test("generatedValues() rounds like the API prints: 1 decimal for PM10, 3 for BC", () => {
  const range: [number, number] = [utc("2024-03-01T00:00:00Z"), utc("2024-03-08T00:00:00Z")];
  const pm = generatedValues("100039", ...range).map((p) => p.value as number);
  assert.ok(pm.every((v) => Math.round(v * 10) / 10 === v && v >= 1 && v <= 60), "PM10");
  assert.ok(pm.some((v) => !Number.isInteger(v)));
  const bc = generatedValues("6151", ...range).map((p) => p.value as number);
  assert.ok(bc.every((v) => Math.round(v * 1000) / 1000 === v && v > 0 && v < 5), "BC");
  assert.ok(bc.some((v) => String(v).split(".")[1]?.length === 3));
});

Deno.test("generatedValues() serves synthetic series ids and rejects unknown ids", () => {
  assert.equal(generatedValues("200002", ...day("2024-01-10")).length >= 20, true);
  assert.throws(() => generatedValues("42", 0, HOUR), {
    name: "RangeError",
    message: 'Cannot generate values: unknown series "42"',
  });
});
