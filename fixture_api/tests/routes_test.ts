import assert from "node:assert/strict";
import { handleApiRequest, routeOf } from "../routes.ts";
import { fixtureCatalog } from "../catalog.ts";

const ctx = { catalog: fixtureCatalog(), nowMs: Date.UTC(2026, 10, 24, 12, 30) };
const get = (path: string, query = "") => ({
  method: "GET",
  path,
  query: new URLSearchParams(query),
  body: "",
});

Deno.test("routeOf() replaces the id segment with {id}", () => {
  assert.equal(routeOf("GET", ""), "/");
  assert.equal(routeOf("GET", "stations"), "/stations");
  assert.equal(routeOf("GET", "stations/1030"), "/stations/{id}");
  assert.equal(routeOf("GET", "timeseries/6152/getData"), "/timeseries/{id}/getData");
  assert.equal(routeOf("POST", "timeseries/getData"), "/timeseries/getData");
});

Deno.test("handleApiRequest() answers without HTTP, with the route for stats", () => {
  const res = handleApiRequest(get("stations/1234"), ctx);
  assert.equal(res.status, 200);
  assert.equal(res.route, "/stations/{id}");
  assert.deepEqual(Object.keys((res.body as { properties: object }).properties), [
    "timeseries",
    "id",
    "label",
  ]);
});

Deno.test("handleApiRequest() answers 405 for PUT and 404 for deeper paths", () => {
  const put = handleApiRequest({ ...get("stations"), method: "PUT" }, ctx);
  assert.equal(put.status, 405);
  assert.deepEqual(put.body, {
    statusCode: 405,
    reason: "Method Not Allowed",
    userMessage: "Method PUT is not allowed on '/stations'.",
  });
  const deep = handleApiRequest(get("stations/1030/timeseries"), ctx);
  assert.equal(deep.status, 404);
});

Deno.test("handleApiRequest() combines the near box with other filters on /timeseries", () => {
  const near = '{"center":{"type":"Point","coordinates":[4.40346,51.21989]},"radius":10}';
  const res = handleApiRequest(
    get("timeseries", `phenomenon=8&near=${encodeURIComponent(near)}`),
    ctx,
  );
  assert.deepEqual((res.body as { id: string }[]).map((s) => s.id), ["900148", "100038", "10741"]);
});
