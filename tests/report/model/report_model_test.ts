import assert from "node:assert/strict";
import { buildReportModel } from "../../../src/report/model/report_model.ts";
import { row } from "../../support/aggregates.ts";

const NO2 = { phenomenon_id: 8, phenomenon_label: "Nitrogen dioxide" };

Deno.test("buildReportModel() summarises a range and keeps provenance per day", () => {
  const model = buildReportModel({
    from: "2024-11-18",
    to: "2024-11-20",
    airqVersion: "9.9.9",
    missingDates: ["2024-11-19"],
    days: [
      {
        date: "2024-11-20",
        rows: [row({ ...NO2, avg_value: 30, is_valid: false })],
        sourceManifestSha256: "c".repeat(64),
        rawManifestSha256: "d".repeat(64),
      },
      {
        date: "2024-11-18",
        rows: [row({ ...NO2, avg_value: 10 })],
        sourceManifestSha256: "a".repeat(64),
        rawManifestSha256: "a".repeat(64),
      },
    ],
  });
  assert.equal(model.isRange, true);
  assert.deepEqual(model.dates, ["2024-11-18", "2024-11-19", "2024-11-20"]);
  assert.equal(model.latest!.date, "2024-11-20");
  assert.equal(model.trends.length, 1);
  assert.equal(model.timezone, "Europe/Brussels");
  assert.deepEqual(model.summary, { stations: 1, series: 1, over: 1, invalid: 1 });
  assert.equal(model.provenance.licence, "CC BY 4.0 IRCEL-CELINE");
  assert.deepEqual(model.provenance.manifests, [
    { date: "2024-11-18", sha256: "a".repeat(64), rawMatches: true },
    { date: "2024-11-20", sha256: "c".repeat(64), rawMatches: false },
  ]);
});

Deno.test("buildReportModel() of a single day has no trend charts", () => {
  const model = buildReportModel({
    from: "2024-11-20",
    to: "2024-11-20",
    airqVersion: "0.1.0",
    missingDates: [],
    days: [{ date: "2024-11-20", rows: [row()], sourceManifestSha256: "a" }],
  });
  assert.equal(model.isRange, false);
  assert.deepEqual(model.trends, []);
  assert.deepEqual(model.provenance.manifests, [{
    date: "2024-11-20",
    sha256: "a",
    rawMatches: undefined,
  }]);
});
