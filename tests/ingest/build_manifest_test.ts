import assert from "node:assert/strict";
import {
  buildManifest,
  encodeManifest,
  type ManifestInput,
} from "../../src/ingest/build_manifest.ts";
import { parseManifest } from "../../src/lake/raw_manifest.ts";
import { dayWindow } from "../../src/time/day_window.ts";

const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);

function input(): ManifestInput {
  return {
    apiUrl: "http://h/sos/api/v1/",
    window: dayWindow("2024-03-31", "Europe/Brussels"),
    timespan: "2024-03-31T00:00:00+01:00/2024-04-01T00:00:00+02:00",
    near: { lon: 4.4, lat: 51.2, km: 10 },
    phenomena: [8, 5],
    found: { "8": 1, "5": 2 },
    files: [
      {
        path: "values/bulk_6152_7148.json",
        kind: "values_bulk",
        request: { method: "POST", url: "http://h/sos/api/v1/timeseries/getData", body: "{}" },
        status: 200,
        sha256: SHA_B,
        bytes: 20,
        timeseries_ids: [7148, 6152],
      },
      {
        path: "stations.json",
        kind: "stations",
        request: { method: "GET", url: "http://h/sos/api/v1/stations?expanded=true" },
        status: 200,
        sha256: SHA_A,
        bytes: 10,
      },
    ],
    series: [
      {
        timeseries_id: 7148,
        station_id: 1219,
        phenomenon_id: 5,
        file: "values/bulk_6152_7148.json",
      },
      {
        timeseries_id: 6152,
        station_id: 1030,
        phenomenon_id: 5,
        file: "values/bulk_6152_7148.json",
      },
    ],
    run: {
      started_at: "2024-04-01T01:00:00Z",
      finished_at: "2024-04-01T01:00:02Z",
      requests: 3,
      retries: 0,
    },
  };
}

Deno.test("buildManifest() sorts files, series and ids and fills the window", () => {
  const m = buildManifest(input());
  assert.deepEqual(m.window, {
    start: "2024-03-31T00:00:00+01:00",
    end: "2024-04-01T00:00:00+02:00",
    start_ms: Date.UTC(2024, 2, 30, 23),
    end_ms: Date.UTC(2024, 2, 31, 22),
    hours: 23,
    timespan: "2024-03-31T00:00:00+01:00/2024-04-01T00:00:00+02:00",
  });
  assert.deepEqual(m.files.map((f) => f.path), ["stations.json", "values/bulk_6152_7148.json"]);
  assert.deepEqual(m.files[1]!.timeseries_ids, [6152, 7148]);
  assert.deepEqual(m.series.map((s) => s.timeseries_id), [6152, 7148]);
  assert.deepEqual(m.phenomena_requested, [5, 8]);
  assert.deepEqual(Object.keys(m.phenomena_found), ["5", "8"]);
  assert.equal(m.date, "2024-03-31");
  assert.equal(m.timezone, "Europe/Brussels");
  assert.equal(m.airq_version, "0.1.0");
});

Deno.test("encodeManifest() is deterministic whatever the input order and passes parseManifest", () => {
  const a = input();
  const b = input();
  b.files.reverse();
  b.series.reverse();
  b.phenomena.reverse();
  const bytesA = encodeManifest(buildManifest(a));
  assert.deepEqual(encodeManifest(buildManifest(b)), bytesA);
  const text = new TextDecoder().decode(bytesA);
  assert.ok(text.endsWith("}\n"));
  assert.deepEqual(Object.keys(JSON.parse(text)), [
    "manifest_version",
    "airq_version",
    "source",
    "api_url",
    "date",
    "timezone",
    "window",
    "near",
    "phenomena_requested",
    "phenomena_found",
    "files",
    "series",
    "run",
  ]);
  assert.deepEqual(Object.keys(JSON.parse(text).files[1]), [
    "path",
    "kind",
    "request",
    "status",
    "sha256",
    "bytes",
    "timeseries_ids",
  ]);
  assert.equal(parseManifest(text, "m").files.length, 2);
});
