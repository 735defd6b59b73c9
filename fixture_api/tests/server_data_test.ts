import assert from "node:assert/strict";
import { call, NOW, withServer } from "./_server.ts";
import { generatedValues } from "../values.ts";
import real6522 from "../data/real/timeseries_expanded_6522.json" with {
  type: "json",
};
import real11019 from "../data/real/timeseries_11019.json" with { type: "json" };
import realBulk from "../data/real/getdata_bulk_6152_10841.json" with {
  type: "json",
};
import realPt2h from "../data/real/getdata_6152_PT2H.json" with { type: "json" };

const EXPANDED_KEYS = [
  "id",
  "label",
  "extras",
  "uom",
  "station",
  "referenceValues",
  "firstValue",
  "lastValue",
  "parameters",
];
const HOUR = 3_600_000;
const seriesIds = (list: { id: string }[]) => list.map((s) => s.id);

Deno.test("GET /timeseries lists condensed {id, label, uom, station} items", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries");
    assert.equal(res.json.length, 34);
    const bc = res.json.find((s: { id: string }) => s.id === "11019");
    assert.deepEqual(bc, {
      id: "11019",
      label: "Black Carbon 11019 - Unknown device - procedure, 40DU07 - Deurne",
      uom: "µg/m³",
      station: real11019.station,
    });
    for (const item of res.json) {
      assert.deepEqual(Object.keys(item), ["id", "label", "uom", "station"]);
    }
  });
});

Deno.test("GET /timeseries filters by phenomenon, station and category; CO2 has none", async () => {
  await withServer({}, async (server) => {
    const pm10 = (await call(server, "timeseries?phenomenon=5")).json;
    assert.deepEqual(seriesIds(pm10), ["6152", "100039", "900039", "10743", "7086", "7148"]);
    const deurne = (await call(server, "timeseries?phenomenon=5&station=1751")).json;
    assert.deepEqual(seriesIds(deurne), ["100039", "900039"]);
    const so2 = (await call(server, "timeseries?category=1")).json;
    assert.deepEqual(seriesIds(so2), ["7072", "7147"]);
    assert.deepEqual((await call(server, "timeseries?phenomenon=71")).json, []);
  });
});

Deno.test("GET /timeseries/{id} of the stale 6522 equals the real expanded element", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries/6522");
    assert.deepEqual(res.json, real6522);
    assert.deepEqual(Object.keys(res.json), EXPANDED_KEYS);
  });
});

Deno.test("GET /timeseries/{id} of 11019 equals the real one except the live lastValue", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries/11019");
    const { lastValue, ...rest } = res.json;
    const { lastValue: _old, ...realRest } = real11019;
    assert.deepEqual(rest, realRest);
    assert.deepEqual(Object.keys(res.json), [...EXPANDED_KEYS, "statusIntervals"]);
    const expected = generatedValues("11019", NOW - 24 * HOUR, NOW, { now: NOW })
      .findLast((p) => typeof p.value === "number");
    assert.deepEqual(lastValue, expected);
    assert.equal(res.json.lastValue.timestamp, Date.UTC(2026, 10, 24, 12));
  });
});

Deno.test("GET /timeseries/{id} omits firstValue and lastValue of a series without data", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries/10841");
    assert.deepEqual(Object.keys(res.json), [
      "id",
      "label",
      "extras",
      "uom",
      "station",
      "referenceValues",
      "parameters",
    ]);
  });
});

Deno.test("GET /timeseries/{id} answers 404 for an unknown series", async () => {
  await withServer({}, async (server) => {
    for (
      const path of ["timeseries/999999", "timeseries/999999/getData?timespan=PT1H/2023-11-23TZ"]
    ) {
      const res = await call(server, path);
      assert.equal(res.status, 404);
      assert.deepEqual(res.json, {
        statusCode: 404,
        reason: "Not Found",
        userMessage: "The timeseries with id '999999' was not found.",
      });
    }
  });
});

Deno.test("GET getData serves the real 6152 points byte for byte, inclusive bounds", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries/6152/getData?timespan=PT2H/2023-11-22T02:00:00Z");
    assert.equal(res.status, 200);
    assert.equal(res.type, "application/json;charset=UTF-8");
    assert.equal(res.text, JSON.stringify(realPt2h));
    assert.ok(res.text.includes('"value":17.9}'));
    const expanded = await call(
      server,
      "timeseries/6152/getData?timespan=PT2H/2023-11-22T02:00:00Z&expanded=true",
    );
    assert.deepEqual(expanded.json, { "6152": realPt2h });
    const day = await call(server, "timeseries/7087/getData?timespan=PT24H/2023-11-23TZ");
    assert.equal(day.json.values.length, 25);
    assert.equal(day.text.match(/"value":"NaN"/g)?.length, 1);
  });
});

Deno.test("GET getData formats flot and highcharts; unknown formats fall back to tvp", async () => {
  await withServer({}, async (server) => {
    const span = "timespan=PT1H/2023-11-22T01:00:00Z";
    const flot = await call(server, `timeseries/6152/getData?${span}&format=flot`);
    assert.deepEqual(flot.json, { values: [[1700611200000, 17.9], [1700614800000, 17.9]] });
    const hc = await call(server, `timeseries/6152/getData?${span}&format=highcharts`);
    assert.deepEqual(hc.json, {
      name: "6152",
      data: [[1700611200000, 17.9], [1700614800000, 17.9]],
    });
    const tab = await call(server, `timeseries/6152/getData?${span}&format=tabular`);
    assert.deepEqual(tab.json.values.length, 2);
  });
});

Deno.test("GET getData without timespan serves the last 7 days up to the injected now", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries/7074/getData");
    const values = res.json.values;
    assert.equal(values.length, 7 * 24);
    assert.equal(values[0].timestamp, Date.UTC(2026, 10, 17, 13));
    assert.equal(values.at(-1).timestamp, Date.UTC(2026, 10, 24, 12));
    assert.deepEqual(values, generatedValues("7074", NOW - 7 * 24 * HOUR, NOW, { now: NOW }));
  });
});

Deno.test("GET getData answers 400 with 52N's body for a bad or too long timespan", async () => {
  await withServer({}, async (server) => {
    const bad = await call(server, "timeseries/6152/getData?timespan=garbage");
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, {
      statusCode: 400,
      reason: "Bad Request",
      userMessage: "Invalid timespan.",
      developerMessage: "Could not parse timespan parameter.garbage",
      hints: [
        "Valid timespans have to be in ISO8601 period format.",
        "Valid examples: 'PT6H/2013-08-13TZ' or '2013-07-13TZ/2013-08-13TZ'.",
      ],
    });
    const plus = await call(
      server,
      "timeseries/6152/getData?timespan=2023-11-22T00:00:00+02:00/PT24H",
    );
    assert.equal(plus.status, 400, "an unencoded + becomes a space, as on the real API");
    const long = await call(server, "timeseries/6152/getData?timespan=P2Y/2024-01-01TZ");
    assert.equal(long.status, 400);
    assert.deepEqual(long.json, {
      statusCode: 400,
      reason: "Bad Request",
      userMessage: "Requested timespan is to long, please use a period shorter than 'P367D'",
    });
  });
});

Deno.test("POST /timeseries/getData answers a flat object keyed by id, ids as strings or numbers", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries/getData", {
      timespan: "PT24h/2023-11-23TZ",
      timeseries: ["6152", 10841],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ["10841", "6152"]);
    assert.deepEqual(res.json["10841"], realBulk["10841"]);
    const points = res.json["6152"].values;
    assert.equal(points.length, 25);
    assert.deepEqual(points[0], realBulk["6152"].values[0]);
    assert.deepEqual(points.at(-1), realBulk["6152"].values[1]);
    assert.deepEqual(
      points,
      generatedValues("6152", Date.UTC(2023, 10, 22), Date.UTC(2023, 10, 23), { now: NOW }),
    );
  });
});

Deno.test("POST /timeseries/getData fails wholesale with 404 when one id is unknown", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "timeseries/getData", {
      timespan: "PT24h/2023-11-23TZ",
      timeseries: ["6152", "31337", "10841"],
    });
    assert.equal(res.status, 404);
    assert.equal(res.json.userMessage, "The timeseries with id '31337' was not found.");
  });
});

Deno.test("POST /timeseries/getData answers 400 for a body that is not JSON or has no ids", async () => {
  await withServer({}, async (server) => {
    const bad = await call(server, "timeseries/getData", "{nope");
    assert.equal(bad.status, 400);
    assert.equal(bad.json.userMessage, "Could not read request body.");
    const empty = await call(server, "timeseries/getData", {
      timespan: "PT1H/2023-11-23TZ",
      timeseries: [],
    });
    assert.equal(empty.status, 400);
    assert.equal(empty.json.userMessage, "Parameter 'timeseries' must be a non-empty list of ids.");
    const span = await call(server, "timeseries/getData", { timespan: "x", timeseries: ["6152"] });
    assert.equal(span.status, 400);
    assert.equal(span.json.developerMessage, "Could not parse timespan parameter.x");
  });
});
