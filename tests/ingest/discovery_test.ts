import assert from "node:assert/strict";
import { selectSeries } from "../../src/ingest/discovery.ts";

const discovered = {
  stations: 3,
  series: [
    { timeseriesId: 6152, stationId: 1030, phenomenonId: 5 },
    { timeseriesId: 6151, stationId: 1030, phenomenonId: 391 },
    { timeseriesId: 100008, stationId: 1030, phenomenonId: 6001 },
    { timeseriesId: 7186, stationId: 1234, phenomenonId: 8 },
    { timeseriesId: 7185, stationId: 1234, phenomenonId: 38 },
    { timeseriesId: 7148, stationId: 1219, phenomenonId: 5 },
    { timeseriesId: 7150, stationId: 1219, phenomenonId: 5 },
    { timeseriesId: 7147, stationId: 1219, phenomenonId: 1 },
  ],
};

Deno.test("selectSeries() keeps requested phenomena, sorted by id, and drops the others", () => {
  const s = selectSeries(discovered, [5, 6001, 8, 71, 1]);
  assert.deepEqual(s.series.map((x) => x.timeseriesId), [6152, 7147, 7148, 7150, 7186, 100008]);
  assert.equal(s.stations, 3);
  assert.equal(s.stationsWithSeries, 3);
});

Deno.test("selectSeries() counts two series of one phenomenon at a station and reports 71 as 0", () => {
  assert.deepEqual(selectSeries(discovered, [5, 6001, 8, 71, 1]).found, {
    "1": 1,
    "5": 3,
    "8": 1,
    "71": 0,
    "6001": 1,
  });
});

Deno.test("selectSeries() counts only stations that keep a series", () => {
  const s = selectSeries(discovered, [8]);
  assert.deepEqual(s.series, [{ timeseriesId: 7186, stationId: 1234, phenomenonId: 8 }]);
  assert.equal(s.stationsWithSeries, 1);
  assert.deepEqual(s.found, { "8": 1 });
});

Deno.test("selectSeries() keeps a series listed twice only once", () => {
  const twice = { stations: 1, series: [discovered.series[0]!, discovered.series[0]!] };
  assert.equal(selectSeries(twice, [5]).series.length, 1);
});
