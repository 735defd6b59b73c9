import assert from "node:assert/strict";
import {
  defaultTimespan,
  parseInstant,
  parsePeriod,
  parseTimespan,
  TimespanTooLongError,
} from "../timespan.ts";

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

function span(text: string): [string, string] {
  const { startMs, endMs } = parseTimespan(text);
  return [new Date(startMs).toISOString(), new Date(endMs).toISOString()];
}

Deno.test("parseTimespan() reads period/end with the TZ suffix as UTC midnight", () => {
  assert.deepEqual(span("PT24H/2023-11-23TZ"), [
    "2023-11-22T00:00:00.000Z",
    "2023-11-23T00:00:00.000Z",
  ]);
  assert.deepEqual(span("pt24h/2023-11-23tz"), span("PT24H/2023-11-23TZ"));
  assert.deepEqual(span("PT24h/2023-11-23TZ"), span("PT24H/2023-11-23TZ"));
});

Deno.test("parseTimespan() reads date-only and zone-less instants as Brussels local time", () => {
  assert.deepEqual(span("PT23H/2023-11-22"), [
    "2023-11-21T00:00:00.000Z",
    "2023-11-21T23:00:00.000Z",
  ]);
  assert.deepEqual(span("2023-07-01/2023-07-02"), [
    "2023-06-30T22:00:00.000Z",
    "2023-07-01T22:00:00.000Z",
  ]);
  assert.deepEqual(span("2023-11-22T00:00:00/2023-11-22T06:00"), [
    "2023-11-21T23:00:00.000Z",
    "2023-11-22T05:00:00.000Z",
  ]);
});

Deno.test("parseTimespan() reads start/period and start/end with offsets", () => {
  assert.deepEqual(span("2023-11-22T00:00:00+02:00/PT24h"), [
    "2023-11-21T22:00:00.000Z",
    "2023-11-22T22:00:00.000Z",
  ]);
  assert.deepEqual(span("2023-11-22T00:00:00+0200/PT1H"), [
    "2023-11-21T22:00:00.000Z",
    "2023-11-21T23:00:00.000Z",
  ]);
  assert.deepEqual(span("2026-01-01T00:00:00Z/2026-01-02T00:00:00Z"), [
    "2026-01-01T00:00:00.000Z",
    "2026-01-02T00:00:00.000Z",
  ]);
  assert.deepEqual(span("2019-04-20T01:00:00Z/PT0h"), [
    "2019-04-20T01:00:00.000Z",
    "2019-04-20T01:00:00.000Z",
  ]);
  assert.deepEqual(span("2023-11-22T00:00:00.500Z/PT1H"), [
    "2023-11-22T00:00:00.500Z",
    "2023-11-22T01:00:00.500Z",
  ]);
});

Deno.test("parseTimespan() subtracts calendar days in Brussels and hours exactly", () => {
  assert.deepEqual(span("P0Y0M3D/2013-01-31TZ"), [
    "2013-01-28T00:00:00.000Z",
    "2013-01-31T00:00:00.000Z",
  ]);
  assert.deepEqual(span("P31DT24H/2023-08-01"), [
    "2023-06-29T22:00:00.000Z",
    "2023-07-31T22:00:00.000Z",
  ]);
});

Deno.test("parseTimespan() gives 25 and 23 hour days across DST changes", () => {
  const autumn = parseTimespan("P1D/2023-10-30");
  assert.equal(autumn.startMs, utc("2023-10-28T22:00:00Z"));
  assert.equal((autumn.endMs - autumn.startMs) / HOUR, 25);
  const spring = parseTimespan("P1D/2023-03-27");
  assert.equal(spring.startMs, utc("2023-03-25T23:00:00Z"));
  assert.equal((spring.endMs - spring.startMs) / HOUR, 23);
  const exact = parseTimespan("PT24H/2023-10-30");
  assert.equal((exact.endMs - exact.startMs) / HOUR, 24);
});

Deno.test("parseInstant() takes the summer offset in the autumn overlap and rejects the gap", () => {
  assert.equal(parseInstant("2023-10-29T02:30"), utc("2023-10-29T00:30:00Z"));
  assert.throws(() => parseInstant("2023-03-26T02:30"), {
    name: "SyntaxError",
    message:
      'Cannot parse instant "2023-03-26T02:30": local time does not exist in "Europe/Brussels" (DST gap)',
  });
});

Deno.test("parseTimespan() throws SyntaxError for malformed spans", () => {
  const cases: [string, string][] = [
    ["garbage", 'Cannot parse timespan "garbage": expected "start/end" with one "/"'],
    ["PT24H", 'Cannot parse timespan "PT24H": expected "start/end" with one "/"'],
    ["PT1H/PT2H", 'Cannot parse timespan "PT1H/PT2H": interval composed of two durations'],
    ["2023-11-23/2023-11-22", 'Cannot parse timespan "2023-11-23/2023-11-22": end is before start'],
    ["2023-13-01/P1D", 'Cannot parse instant "2023-13-01": field out of range'],
    ["2023-02-30TZ/P1D", 'Cannot parse instant "2023-02-30TZ": field out of range'],
    ["2023-11-23Z/P1D", 'Cannot parse instant "2023-11-23Z": not an ISO 8601 date-time'],
    ["P/2023-11-23TZ", 'Cannot parse period "P": not an ISO 8601 period'],
    ["P1DT/2023-11-23TZ", 'Cannot parse period "P1DT": not an ISO 8601 period'],
    [
      "2023-11-22T00:00:00 02:00/PT1H",
      'Cannot parse instant "2023-11-22T00:00:00 02:00": not an ISO 8601 date-time',
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseTimespan(text), { name: "SyntaxError", message }, text);
  }
});

Deno.test("parseTimespan() throws TimespanTooLongError beyond P367D and accepts P367D", () => {
  assert.throws(() => parseTimespan("P368D/2024-01-01TZ"), (error) => {
    assert.ok(error instanceof TimespanTooLongError);
    assert.ok(error instanceof RangeError);
    assert.equal(
      error.message,
      "Requested timespan is to long, please use a period shorter than 'P367D'",
    );
    return true;
  });
  const max = parseTimespan("P367D/2024-01-01TZ");
  assert.equal(max.startMs, utc("2022-12-30T00:00:00Z"));
  assert.doesNotThrow(() => parseTimespan("PT1H/2024-01-01TZ", { maxPeriod: "PT1H" }));
  assert.throws(
    () => parseTimespan("PT2H/2024-01-01TZ", { maxPeriod: "PT1H" }),
    TimespanTooLongError,
  );
});

Deno.test("parsePeriod() reads every field", () => {
  assert.deepEqual(parsePeriod("P1Y2M3W4DT5H6M7.25S"), {
    years: 1,
    months: 2,
    weeks: 3,
    days: 4,
    hours: 5,
    minutes: 6,
    seconds: 7,
    milliseconds: 250,
  });
});

Deno.test("defaultTimespan() spans one Brussels calendar week up to now", () => {
  const now = utc("2023-11-23T12:00:00Z");
  assert.deepEqual(defaultTimespan(now), { startMs: utc("2023-11-16T12:00:00Z"), endMs: now });
  const overDst = defaultTimespan(utc("2023-10-31T12:00:00Z"));
  assert.equal(overDst.startMs, utc("2023-10-24T11:00:00Z"));
});
