import assert from "node:assert/strict";
import { parseStations, parseTimeseriesList, parseValues } from "../../src/transform/parse_raw.ts";

Deno.test("parseValues() keeps the exact JSON text of each value", () => {
  const text = '{"values":[{"timestamp":1,"value":1.0},{"timestamp":2,"value":-99.99},' +
    '{"timestamp":3,"value":null},{"timestamp":4,"value":"NaN"},{"timestamp":5,"value":2E-1}]}';
  const values = parseValues(text, "f.json", 42).get(42)!;
  assert.deepEqual(values, [
    { timestamp: 1, source: "1.0", number: 1 },
    { timestamp: 2, source: "-99.99", number: -99.99 },
    { timestamp: 3, source: "null", number: NaN },
    { timestamp: 4, source: "NaN", number: NaN },
    { timestamp: 5, source: "2E-1", number: 0.2 },
  ]);
});

Deno.test("parseValues() reads a bulk answer keyed by series id", () => {
  const text = '{"6152":{"values":[{"timestamp":1,"value":17.9}]},"10841":{"values":[]}}';
  const out = parseValues(text, "bulk.json");
  assert.deepEqual([...out.keys()], [6152, 10841]);
  assert.deepEqual(out.get(10841), []);
  assert.equal(out.get(6152)![0]!.source, "17.9");
});

Deno.test("parseValues() names the field path of a bad timestamp", () => {
  assert.throws(
    () => parseValues('{"1":{"values":[{"timestamp":"x","value":1}]}}', "b.json"),
    new SyntaxError(
      'Cannot read raw file "b.json": field "$["1"].values[0].timestamp" is missing or not epoch milliseconds',
    ),
  );
  assert.throws(
    () => parseValues('{"values":{}}', "s.json", 1),
    new SyntaxError('Cannot read raw file "s.json": field "$.values" is missing or not an array'),
  );
});

Deno.test("parseStations() maps each series to its station and phenomenon", () => {
  const text = JSON.stringify([{
    properties: {
      timeseries: {
        "7186": { phenomenon: { id: "8", label: "Nitrogen dioxide" } },
      },
      id: 1234,
      label: "47E013 - Vorst",
    },
    geometry: { coordinates: [4.3, 50.8, "NaN"], type: "Point" },
    type: "Feature",
  }]);
  assert.deepEqual([...parseStations(text, "stations.json").series], [[7186, {
    station_id: 1234,
    station_label: "47E013 - Vorst",
    longitude: 4.3,
    latitude: 50.8,
    phenomenon_id: 8,
    phenomenon_label: "Nitrogen dioxide",
  }]]);
  assert.throws(
    () => parseStations('[{"properties":{"id":1,"label":"x"}}]', "stations.json"),
    new SyntaxError(
      'Cannot read raw file "stations.json": field "$[0].properties.timeseries" is missing or not an object',
    ),
  );
});

Deno.test("parseTimeseriesList() gives null for a missing uom", () => {
  const text = '[{"id":"1","label":"a","uom":"µg/m³"},{"id":"2","label":"b"}]';
  assert.deepEqual([...parseTimeseriesList(text, "t.json")], [[1, "µg/m³"], [2, null]]);
});
