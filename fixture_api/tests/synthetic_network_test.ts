import assert from "node:assert/strict";
import { syntheticNetwork, syntheticSeriesFacts } from "../synthetic_network.ts";

Deno.test("syntheticNetwork() is deterministic with about 4.8 series per station", () => {
  const a = syntheticNetwork(125);
  assert.deepEqual(a, syntheticNetwork(125));
  const series = a.stations.flatMap((s) => Object.keys(s.properties.timeseries));
  assert.equal(series.length, 596);
  assert.equal(new Set(series).size, series.length);
  assert.deepEqual(a.stations[0]!.properties.id, 5000);
  assert.deepEqual(a.stations[0]!.properties.label, "SY0001 - Bruxelles (synthetic 1)");
  const pm10 = a.stations[0]!.properties.timeseries["200000"]!;
  assert.deepEqual(pm10.phenomenon, { id: "5", label: "Particulate Matter < 10 µm" });
  assert.deepEqual(pm10.feature, { id: "5000", label: "SY0001 - Bruxelles (synthetic 1)" });
  assert.deepEqual(Object.keys(a.meta).length, 596);
});

Deno.test("syntheticNetwork() is a prefix of any larger network", () => {
  assert.deepEqual(syntheticNetwork(10).stations, syntheticNetwork(20).stations.slice(0, 10));
});

Deno.test("syntheticSeriesFacts() decodes the phenomenon from the id alone", () => {
  assert.equal(syntheticSeriesFacts("200002")?.phenomenon, "8");
  assert.equal(syntheticSeriesFacts("200009")?.phenomenon, "5");
  assert.equal(syntheticSeriesFacts("200021")?.phenomenon, "6001");
  assert.equal(syntheticSeriesFacts("200001"), undefined, "station 0 has no PM2.5 series");
  assert.equal(syntheticSeriesFacts("199999"), undefined);
  assert.equal(syntheticSeriesFacts("0200002"), undefined);
});

Deno.test("syntheticNetwork() rejects counts outside 1..5000 with RangeError", () => {
  assert.throws(() => syntheticNetwork(0), {
    name: "RangeError",
    message: 'Cannot build synthetic network: station count "0" not in 1..5000',
  });
});
