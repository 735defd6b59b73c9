import assert from "node:assert/strict";
import {
  bulkValuesRequest,
  nearJson,
  normaliseApiUrl,
  seriesValuesRequest,
  stationsRequest,
  timeseriesListRequest,
  timespanOf,
} from "../../src/irceline/requests.ts";
import { dayWindow } from "../../src/time/day_window.ts";

const API = "https://geo.irceline.be/sos/api/v1/";

Deno.test("timespanOf() joins the window's offset times with a slash", () => {
  assert.equal(
    timespanOf(dayWindow("2024-03-31", "Europe/Brussels")),
    "2024-03-31T00:00:00+01:00/2024-04-01T00:00:00+02:00",
  );
});

Deno.test("timespanOf() refuses a zone-less time", () => {
  assert.throws(
    () => timespanOf({ startIso: "2024-01-01T00:00:00", endIso: "2024-01-02T00:00:00Z" }),
    {
      name: "RangeError",
      message: 'Cannot build a timespan: "2024-01-01T00:00:00" has no explicit offset',
    },
  );
});

Deno.test("stationsRequest() asks for the expanded list without near when none is given", () => {
  assert.deepEqual(stationsRequest(API, null), {
    method: "GET",
    url: "https://geo.irceline.be/sos/api/v1/stations?expanded=true",
  });
});

Deno.test("stationsRequest() URL-encodes the near JSON when given", () => {
  const near = { lon: 4.40346, lat: 51.21989, km: 10 };
  assert.equal(
    nearJson(near),
    '{"center":{"type":"Point","coordinates":[4.40346,51.21989]},"radius":10}',
  );
  assert.equal(
    stationsRequest(API, near).url,
    "https://geo.irceline.be/sos/api/v1/stations?expanded=true&near=" +
      "%7B%22center%22%3A%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B4.40346%2C51.21989%5D%7D%2C%22radius%22%3A10%7D",
  );
});

Deno.test("timeseriesListRequest() filters by phenomenon", () => {
  assert.deepEqual(timeseriesListRequest("http://127.0.0.1:9/sos/api/v1", 6001), {
    method: "GET",
    url: "http://127.0.0.1:9/sos/api/v1/timeseries?phenomenon=6001",
  });
});

Deno.test("bulkValuesRequest() sends ids as strings in a JSON body", () => {
  const req = bulkValuesRequest(API, "2024-11-20T00:00:00+01:00/2024-11-21T00:00:00+01:00", [
    6152,
    10841,
  ]);
  assert.deepEqual(req, {
    method: "POST",
    url: "https://geo.irceline.be/sos/api/v1/timeseries/getData",
    body:
      '{"timespan":"2024-11-20T00:00:00+01:00/2024-11-21T00:00:00+01:00","timeseries":["6152","10841"]}',
  });
});

Deno.test("seriesValuesRequest() encodes + as %2B and : as %3A in the timespan", () => {
  assert.equal(
    seriesValuesRequest(API, "2024-03-31T00:00:00+01:00/2024-04-01T00:00:00+02:00", 6152).url,
    "https://geo.irceline.be/sos/api/v1/timeseries/6152/getData?timespan=" +
      "2024-03-31T00%3A00%3A00%2B01%3A00%2F2024-04-01T00%3A00%3A00%2B02%3A00",
  );
});

Deno.test("normaliseApiUrl() keeps exactly one trailing slash", () => {
  assert.equal(normaliseApiUrl("http://h/sos/api/v1///"), "http://h/sos/api/v1/");
  assert.equal(normaliseApiUrl("http://h/sos/api/v1"), "http://h/sos/api/v1/");
});
