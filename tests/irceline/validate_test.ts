import assert from "node:assert/strict";
import {
  SHAPE_FIX,
  validateBulkValues,
  validateStations,
  validateTimeseriesList,
  validateValues,
} from "../../src/irceline/validate.ts";

const U = "http://h/x";
const msg = (tail: string) => `Cannot validate the answer of "http://h/x": ${tail}: ${SHAPE_FIX}`;

function ts(phenomenonId: string) {
  return {
    phenomenon: { id: phenomenonId, label: "p" },
    category: { id: phenomenonId, label: "p" },
  };
}

Deno.test("validateStations() lists every series with its station and phenomenon", () => {
  const json = [
    { properties: { timeseries: { "7186": ts("8"), "7185": ts("38") }, id: 1234, label: "Vorst" } },
    { properties: { timeseries: {}, id: 1030, label: "Linkeroever" } },
  ];
  assert.deepEqual(validateStations(json, U), {
    stations: 2,
    series: [
      { timeseriesId: 7185, stationId: 1234, phenomenonId: 38 },
      { timeseriesId: 7186, stationId: 1234, phenomenonId: 8 },
    ],
    conflicts: [],
  });
});

Deno.test("validateStations() names the field path of each shape error", () => {
  const cases: [unknown, string][] = [
    [{ a: 1 }, 'field "$" must be an array, got {"a":1}'],
    [[{ properties: { timeseries: {}, label: "x" } }], 'field "$[0].properties.id" is missing'],
    [
      [{ properties: { timeseries: {}, id: "1030" } }],
      'field "$[0].properties.id" must be an integer, got "1030"',
    ],
    [[{ properties: { id: 1 } }], 'field "$[0].properties.timeseries" is missing'],
    [
      [{ properties: { id: 1, timeseries: { abc: ts("8") } } }],
      'field "$[0].properties.timeseries["abc"]" must be keyed by a numeric id',
    ],
    [
      [{ properties: { id: 1, timeseries: { "7": { phenomenon: { id: 8 } } } } }],
      'field "$[0].properties.timeseries["7"].phenomenon.id" must be a numeric id string, got 8',
    ],
    [[null], 'field "$[0]" must be an object, got null'],
  ];
  for (const [json, tail] of cases) {
    assert.throws(() => validateStations(json, U), { name: "SyntaxError", message: msg(tail) });
  }
});

Deno.test("validateTimeseriesList() counts items and requires string ids", () => {
  assert.equal(validateTimeseriesList([{ id: "6152", uom: "µg/m³" }, { id: "7148" }], U), 2);
  assert.throws(() => validateTimeseriesList([{ id: 6152 }], U), {
    name: "SyntaxError",
    message: msg('field "$[0].id" must be a numeric id string, got 6152'),
  });
});

Deno.test('validateValues() accepts numbers, null and "NaN" and counts the points', () => {
  const json = {
    values: [
      { timestamp: 1700611200000, value: 17.9 },
      { timestamp: 1700614800000, value: null },
      { timestamp: 1700618400000, value: "NaN" },
      { timestamp: 1700622000000, value: -99.99 },
    ],
  };
  assert.equal(validateValues(json, U), 4);
  assert.equal(validateValues({ values: [] }, U), 0);
});

Deno.test("validateValues() rejects non-integer timestamps and odd values with the path", () => {
  const cases: [unknown, string][] = [
    [{ values: {} }, 'field "$.values" must be an array, got {}'],
    [{}, 'field "$.values" is missing'],
    [
      { values: [{ timestamp: 1.5, value: 1 }] },
      'field "$.values[0].timestamp" must be an integer, got 1.5',
    ],
    [
      { values: [{ timestamp: "1700611200000", value: 1 }] },
      'field "$.values[0].timestamp" must be an integer, got "1700611200000"',
    ],
    [
      { values: [{ timestamp: 1, value: 1 }, { timestamp: 2, value: "x" }] },
      'field "$.values[1].value" must be a number, null or "NaN", got "x"',
    ],
    [{ values: [{ timestamp: 1 }] }, 'field "$.values[0].value" is missing'],
  ];
  for (const [json, tail] of cases) {
    assert.throws(() => validateValues(json, U), { name: "SyntaxError", message: msg(tail) });
  }
});

Deno.test("validateBulkValues() returns the count per requested id", () => {
  const json = { "6152": { values: [{ timestamp: 1, value: 2 }] }, "10841": { values: [] } };
  assert.deepEqual([...validateBulkValues(json, U, [6152, 10841])], [[6152, 1], [10841, 0]]);
});

Deno.test("validateBulkValues() rejects series not requested and requested series missing", () => {
  assert.throws(() => validateBulkValues({ "1": { values: [] }, "2": { values: [] } }, U, [1]), {
    name: "SyntaxError",
    message: msg('field "$["2"]" is a series that was not requested'),
  });
  assert.throws(() => validateBulkValues({ "1": { values: [] } }, U, [1, 3]), {
    name: "SyntaxError",
    message: msg('field "$["3"]" is missing (a requested series)'),
  });
  assert.throws(
    () => validateBulkValues({ "1": { values: [{ timestamp: 1, value: true }] } }, U, [1]),
    {
      name: "SyntaxError",
      message: msg('field "$["1"].values[0].value" must be a number, null or "NaN", got true'),
    },
  );
});
