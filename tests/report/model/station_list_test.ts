import assert from "node:assert/strict";
import { stationList } from "../../../src/report/model/station_list.ts";
import { row } from "../../support/aggregates.ts";

const PM25 = { phenomenon_id: 6001, phenomenon_label: "Particulate Matter < 2.5 µm" };
const O3 = { phenomenon_id: 7, phenomenon_label: "Ozone" };
const NO2 = { phenomenon_id: 8, phenomenon_label: "Nitrogen dioxide" };

Deno.test("stationList() lists each station once with short phenomenon names and over counts", () => {
  const list = stationList([
    {
      date: "2024-11-20",
      sourceManifestSha256: "a",
      rows: [
        row({ ...NO2, station_id: 2, station_label: "Zelzate", timeseries_id: 1, avg_value: 26 }),
        row({ ...PM25, station_id: 2, station_label: "Zelzate", timeseries_id: 2, avg_value: 16 }),
        row({ ...O3, station_id: 1, station_label: "Antwerpen", latitude: null, timeseries_id: 3 }),
      ],
    },
  ]);
  assert.deepEqual(list, [
    {
      stationId: 1,
      label: "Antwerpen",
      longitude: 4.385,
      latitude: null,
      phenomena: ["O₃"],
      overCount: 0,
    },
    {
      stationId: 2,
      label: "Zelzate",
      longitude: 4.385,
      latitude: 51.236,
      phenomena: ["PM2.5", "NO₂"],
      overCount: 2,
    },
  ]);
});
