import assert from "node:assert/strict";
import { resolveSeriesOwners } from "../../src/irceline/series_owners.ts";
import { validateStations } from "../../src/irceline/validate.ts";
import { parseStations } from "../../src/transform/parse_raw.ts";

const claim = (timeseriesId: number, stationId: number, phenomenonId: number) => ({
  timeseriesId,
  stationId,
  phenomenonId,
});

Deno.test("resolveSeriesOwners() keeps the first claim of a series and reports the other", () => {
  const r = resolveSeriesOwners([claim(10, 1, 5), claim(11, 1, 8), claim(10, 2, 8)]);
  assert.deepEqual([...r.owners.values()], [claim(10, 1, 5), claim(11, 1, 8)]);
  assert.deepEqual(r.conflicts, [
    "series 10 is claimed by station 1 (phenomenon 5) and station 2 (phenomenon 8): " +
    "kept station 1 (the first claim in stations.json)",
  ]);
});

Deno.test("resolveSeriesOwners() is silent about a series repeated with the same owner", () => {
  const r = resolveSeriesOwners([claim(10, 1, 5), claim(10, 1, 5)]);
  assert.equal(r.owners.size, 1);
  assert.deepEqual(r.conflicts, []);
});

Deno.test("resolveSeriesOwners() keeps a station's first entry and reports a differing one once", () => {
  const r = resolveSeriesOwners([], [
    { stationId: 7, facts: ["A", [4, 50]] },
    { stationId: 8, facts: ["B", [4, 50]] },
    { stationId: 7, facts: ["A", [4, 50]] },
    { stationId: 7, facts: ["Z", [5, 51]] },
    { stationId: 7, facts: ["Y", [5, 51]] },
  ]);
  assert.deepEqual([...r.firstEntry], [[7, 0], [8, 1]]);
  assert.deepEqual(r.conflicts, [
    "station 7 is listed more than once with different labels or coordinates: kept its " +
    "first entry in stations.json",
  ]);
});

/** stations.json where station 1 is listed twice and series 20 is claimed by two stations. */
const HOSTILE = [
  { id: 1, label: "First", at: [4.1, 50.1], ts: { "10": "5" } },
  { id: 2, label: "Other", at: [4.2, 50.2], ts: { "20": "5" } },
  { id: 1, label: "Impostor", at: [9, 9], ts: { "11": "8" } },
  { id: 3, label: "Thief", at: [3, 3], ts: { "20": "8" } },
].map((s) => ({
  type: "Feature",
  geometry: { type: "Point", coordinates: s.at },
  properties: {
    id: s.id,
    label: s.label,
    timeseries: Object.fromEntries(
      Object.entries(s.ts).map(([k, p]) => [k, { phenomenon: { id: p, label: `p${p}` } }]),
    ),
  },
}));

Deno.test("validateStations() and parseStations() decide the same owner and metadata", () => {
  const ingest = validateStations(HOSTILE, "http://x/stations");
  const transform = parseStations(JSON.stringify(HOSTILE), "stations.json");
  assert.deepEqual(ingest.conflicts, transform.conflicts);
  assert.equal(ingest.conflicts.length, 2);
  for (const s of ingest.series) {
    const meta = transform.series.get(s.timeseriesId)!;
    assert.equal(meta.station_id, s.stationId);
    assert.equal(meta.phenomenon_id, s.phenomenonId);
  }
  const t = transform.series;
  assert.deepEqual([t.get(20)!.station_id, t.get(20)!.phenomenon_id], [2, 5]);
  assert.deepEqual([t.get(20)!.station_label, t.get(20)!.longitude], ["Other", 4.2]);
  assert.deepEqual([t.get(11)!.station_label, t.get(11)!.longitude], ["First", 4.1]);
});
