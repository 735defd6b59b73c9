import assert from "node:assert/strict";
import { inBounds, nearBounds, parseNear } from "../near.ts";
import { fixtureCatalog } from "../catalog.ts";

const near = '{"center":{"type":"Point","coordinates":[4.40346,51.21989]},"radius":10}';

Deno.test("nearBounds() widens longitude by 1/cos(lat) around the center", () => {
  const box = nearBounds(4.40346, 51.21989, 10);
  // 10 km / 6371 km in degrees = 0.0899322; divided by cos(51.21989°) = 0.1435852
  assert.ok(Math.abs(box.maxLat - (51.21989 + 0.0899322)) < 1e-6);
  assert.ok(Math.abs(box.minLat - (51.21989 - 0.0899322)) < 1e-6);
  assert.ok(Math.abs(box.maxLon - (4.40346 + 0.1435852)) < 1e-6);
  assert.ok(Math.abs(box.minLon - (4.40346 - 0.1435852)) < 1e-6);
});

Deno.test("inBounds() selects the Antwerp fixture stations for a 10 km query around Antwerp", () => {
  const c = parseNear(near);
  const box = nearBounds(c.lon, c.lat, c.radiusKm);
  const ids = fixtureCatalog().stations
    .filter((s) => inBounds(box, s.geometry.coordinates[0], s.geometry.coordinates[1]))
    .map((s) => s.properties.id);
  assert.deepEqual(ids, [1030, 1148, 1751, 1720]);
});

Deno.test("inBounds() is a box: a corner point outside the circle is inside", () => {
  const box = nearBounds(4.4, 51.2, 10);
  assert.equal(inBounds(box, box.maxLon, box.maxLat), true);
  assert.equal(inBounds(box, box.maxLon + 1e-9, box.maxLat), false);
  const point = nearBounds(4.4, 51.2, 0);
  assert.equal(inBounds(point, 4.4, 51.2), true);
  assert.equal(inBounds(point, 4.4000001, 51.2), false);
});

Deno.test("parseNear() throws SyntaxError naming the bad part", () => {
  assert.deepEqual(parseNear(near), { lon: 4.40346, lat: 51.21989, radiusKm: 10 });
  assert.throws(() => parseNear("{"), {
    name: "SyntaxError",
    message: 'Cannot parse near "{": not JSON',
  });
  assert.throws(() => parseNear('{"center":{"coordinates":[4]},"radius":1}'), {
    name: "SyntaxError",
    message:
      'Cannot parse near "{"center":{"coordinates":[4]},"radius":1}": center.coordinates must be [lon, lat]',
  });
  assert.throws(() => parseNear('{"center":{"coordinates":[4,51]},"radius":"5"}'), {
    name: "SyntaxError",
    message:
      'Cannot parse near "{"center":{"coordinates":[4,51]},"radius":"5"}": radius must be a number of km >= 0',
  });
});
