import assert from "node:assert/strict";
import {
  areaText,
  dataSource,
  isProductionApi,
  reportTitle,
} from "../../../src/report/model/data_source.ts";

const PROD = "https://geo.irceline.be/sos/api/v1/";
const FIXTURE = "http://127.0.0.1:8080/sos/api/v1/";
const ANTWERP = { lon: 4.4, lat: 51.2, km: 10 };

Deno.test("isProductionApi() knows IRCEL-CELINE's API with or without the trailing slash", () => {
  assert.equal(isProductionApi(PROD), true);
  assert.equal(isProductionApi("https://geo.irceline.be/sos/api/v1"), true);
  assert.equal(isProductionApi(FIXTURE), false);
});

Deno.test("dataSource() gathers API URLs, phenomena and areas, and the days without manifest", () => {
  const source = dataSource([
    { date: "2024-11-18", source: { apiUrl: PROD, phenomenaRequested: [8, 5], near: null } },
    { date: "2024-11-19" },
    { date: "2024-11-20", source: { apiUrl: PROD, phenomenaRequested: [6001], near: null } },
  ]);
  assert.deepEqual(source, {
    apiUrls: [PROD],
    production: true,
    phenomena: [5, 8, 6001],
    areas: [null],
    unknownDates: ["2024-11-19"],
  });
  assert.equal(reportTitle(source), "Air quality in Belgium");
});

Deno.test("reportTitle() names a --near area and says when the API is not IRCEL-CELINE's", () => {
  const near = dataSource([
    { date: "2024-11-20", source: { apiUrl: PROD, phenomenaRequested: [8], near: ANTWERP } },
  ]);
  assert.equal(reportTitle(near), "Air quality at stations within 10 km of 51.2°N, 4.4°E");
  const fixture = dataSource([
    { date: "2024-11-20", source: { apiUrl: FIXTURE, phenomenaRequested: [8], near: null } },
  ]);
  assert.equal(fixture.production, false);
  assert.equal(
    reportTitle(fixture),
    "Air quality in Belgium (not from IRCEL-CELINE's production API)",
  );
  const mixed = dataSource([
    { date: "2024-11-19", source: { apiUrl: PROD, phenomenaRequested: [8], near: null } },
    { date: "2024-11-20", source: { apiUrl: FIXTURE, phenomenaRequested: [8], near: null } },
  ]);
  assert.equal(mixed.production, false);
  assert.deepEqual(mixed.apiUrls, [PROD, FIXTURE]);
});

Deno.test("areaText() writes every station or the --near circle with hemispheres", () => {
  assert.equal(areaText(null), "every station");
  assert.equal(
    areaText({ lon: -1.5, lat: -33, km: 2.5 }),
    "stations within 2.5 km of 33°S, 1.5°W",
  );
});
