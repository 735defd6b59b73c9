import assert from "node:assert/strict";
import { call, NEAR_ANTWERP, withServer } from "./_server.ts";
import realStations from "../data/real/stations_1030_1148.json" with { type: "json" };
import realExpanded from "../data/real/stations_expanded_1234.json" with {
  type: "json",
};
import real1219 from "../data/real/stations_1219.json" with { type: "json" };

const JSON_TYPE = "application/json;charset=UTF-8";
const ids = (list: { properties: { id: number } }[]) => list.map((s) => s.properties.id);

Deno.test("startFixtureServer() listens on 127.0.0.1 under /sos/api/v1/ with a trailing slash", async () => {
  await withServer({}, async (server) => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/sos\/api\/v1\/$/);
    const root = await call(server, "");
    assert.equal(root.status, 200);
    assert.equal(root.type, JSON_TYPE);
    assert.ok(root.json.some((c: { id: string }) => c.id === "timeseries"));
  });
});

Deno.test("GET /stations serves the real condensed Features: int id, string NaN, key order", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "stations");
    assert.equal(res.status, 200);
    assert.equal(res.type, JSON_TYPE);
    assert.deepEqual(ids(res.json), [1030, 1148, 1751, 1720, 1207, 1219, 1234, 1112]);
    assert.deepEqual(res.json.slice(0, 2), realStations);
    assert.ok(res.text.startsWith('[{"properties":{"id":1030,"label":"40AL01 - Linkeroever"},'));
    assert.ok(res.text.includes('"coordinates":[4.385223684454717,51.23619419990248,"NaN"]'));
    for (const feature of res.json) {
      assert.deepEqual(Object.keys(feature), ["properties", "geometry", "type"]);
      assert.deepEqual(Object.keys(feature.properties), ["id", "label"]);
    }
  });
});

Deno.test("GET /stations?expanded=true serves real expanded Features with string ids", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "stations?expanded=true");
    const vorst = res.json.find((s: { properties: { id: number } }) => s.properties.id === 1234);
    assert.deepEqual(vorst, realExpanded[0]);
    for (const feature of res.json) {
      assert.deepEqual(Object.keys(feature.properties), ["timeseries", "id", "label"]);
      for (const params of Object.values(feature.properties.timeseries) as object[]) {
        assert.deepEqual(Object.keys(params), [
          "service",
          "offering",
          "feature",
          "procedure",
          "phenomenon",
          "category",
        ]);
        for (const ref of Object.values(params)) assert.equal(typeof ref.id, "string");
      }
    }
  });
});

Deno.test("GET /stations/{id} is always expanded and equals the real 1219 payload", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "stations/1219");
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, real1219);
    assert.ok(res.text.includes('"label":"45R510 - Châtelineau"'));
  });
});

Deno.test("GET /stations/{id} answers 404 with a JSON error body for an unknown station", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "stations/4242");
    assert.equal(res.status, 404);
    assert.equal(res.type, JSON_TYPE);
    assert.deepEqual(res.json, {
      statusCode: 404,
      reason: "Not Found",
      userMessage: "The station with id '4242' was not found.",
    });
  });
});

Deno.test("GET /stations filters by phenomenon, category, station and near (AND)", async () => {
  await withServer({}, async (server) => {
    assert.deepEqual(ids((await call(server, "stations?phenomenon=1")).json), [1207, 1219]);
    assert.deepEqual(ids((await call(server, "stations?category=391")).json), [1030, 1751, 1720]);
    assert.deepEqual(ids((await call(server, "stations?station=1234")).json), [1234]);
    assert.deepEqual(ids((await call(server, "stations?phenomenon=71")).json), []);
    const near = await call(server, `stations/?expanded=true&near=${NEAR_ANTWERP}`);
    assert.deepEqual(ids(near.json), [1030, 1148, 1751, 1720]);
    const nearPm = await call(server, `stations?phenomenon=5&near=${NEAR_ANTWERP}`);
    assert.deepEqual(ids(nearPm.json), [1030, 1751, 1720]);
    const nearSo2 = await call(server, `stations?phenomenon=1&near=${NEAR_ANTWERP}`);
    assert.deepEqual(ids(nearSo2.json), []);
  });
});

Deno.test("GET /stations answers 400 for a near value that is not JSON", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "stations?near=%7Bnope");
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, {
      statusCode: 400,
      reason: "Bad Request",
      userMessage: "Invalid query parameter.",
      developerMessage: 'Cannot parse near "{nope": not JSON',
    });
  });
});

Deno.test("GET parameter collections list string ids and items add the service", async () => {
  await withServer({}, async (server) => {
    const phenomena = (await call(server, "phenomena")).json;
    assert.deepEqual(phenomena.slice(0, 2), [
      { id: "5", label: "Particulate Matter < 10 µm" },
      { id: "6001", label: "Particulate Matter < 2.5 µm" },
    ]);
    assert.equal(phenomena.some((p: { id: string }) => p.id === "71"), false);
    const categories = (await call(server, "categories")).json;
    assert.deepEqual(categories.at(-1), { id: "64102", label: "Atmospheric  Pressure" });
    assert.deepEqual((await call(server, "features")).json[0], {
      id: "1030",
      label: "40AL01 - Linkeroever",
    });
    const offerings = (await call(server, "offerings")).json;
    assert.equal(offerings.length, 34);
    assert.deepEqual(offerings, (await call(server, "procedures")).json);
    assert.deepEqual((await call(server, "phenomena/8")).json, {
      id: "8",
      label: "Nitrogen dioxide",
      service: { id: "1", label: "IRCEL - CELINE: timeseries-api (SOS 2.0)" },
    });
    const missing = await call(server, "phenomena/71");
    assert.equal(missing.status, 404);
    assert.equal(missing.json.userMessage, "The phenomenon with id '71' was not found.");
    const services = (await call(server, "services?expanded=true")).json;
    assert.deepEqual(services[0].quantities.timeseries, 34);
    assert.deepEqual((await call(server, "services")).json, [
      { id: "1", label: "IRCEL - CELINE: timeseries-api (SOS 2.0)" },
    ]);
  });
});

Deno.test("startFixtureServer() answers 404 JSON for unknown routes and 405 for other methods", async () => {
  await withServer({}, async (server) => {
    const res = await call(server, "nothing/here");
    assert.equal(res.status, 404);
    assert.equal(res.json.userMessage, "The resource '/nothing/here' was not found.");
    const outside = await fetch(new URL("/other", server.url));
    assert.equal(outside.status, 404);
    await outside.body?.cancel();
    const post = await call(server, "stations", {});
    assert.equal(post.status, 405);
  });
});

Deno.test("stats() counts requests by route", async () => {
  await withServer({}, async (server) => {
    await call(server, "stations");
    await call(server, "stations/1030");
    await call(server, "stations/1751");
    await call(server, "timeseries/6152/getData?timespan=PT1H/2023-11-23TZ");
    await call(server, "timeseries/getData", {
      timespan: "PT1H/2023-11-23TZ",
      timeseries: ["6152"],
    });
    assert.deepEqual(server.stats(), {
      requests: 5,
      failures: 0,
      byPath: {
        "/stations": 1,
        "/stations/{id}": 2,
        "/timeseries/{id}/getData": 1,
        "/timeseries/getData": 1,
      },
    });
  });
});

Deno.test("startFixtureServer() sleeps latencyMs before each answer through the injected sleep", async () => {
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  await withServer({ latencyMs: 250, sleep }, async (server) => {
    await call(server, "stations");
    await call(server, "timeseries");
    assert.deepEqual(sleeps, [250, 250]);
  });
});

Deno.test("startFixtureServer() serves a scaled synthetic network with about 600 series", async () => {
  await withServer({ stations: 125 }, async (server) => {
    const stations = (await call(server, "stations")).json;
    assert.equal(stations.length, 125);
    for (const s of stations) {
      const [lon, lat, z] = s.geometry.coordinates;
      assert.ok(lon > 2.5 && lon < 6.4 && lat > 49.5 && lat < 51.5 && z === "NaN");
    }
    const series = (await call(server, "timeseries")).json;
    assert.ok(series.length >= 550 && series.length <= 650, `series ${series.length}`);
    const pm10 = (await call(server, "timeseries?phenomenon=5")).json;
    assert.equal(pm10.length, 125 + Math.ceil(125 / 7));
    assert.equal((await call(server, "stations/1030")).status, 404);
    const one = await call(server, `timeseries/${pm10[0].id}/getData?timespan=PT23H/2024-01-10TZ`);
    assert.equal(one.status, 200);
    assert.ok(one.json.values.length >= 20);
  });
});
