import assert from "node:assert/strict";
import { buildCompliance } from "../../src/compliance/build_compliance.ts";
import { LakeError } from "../../src/errors.ts";
import { buildYearReport } from "../../src/report/build_year_report.ts";
import { MemoryStore } from "../_fakes.ts";
import { publishCleanDay } from "../support/clean_days.ts";

Deno.test("buildYearReport() draws the published compliance table of a year", async () => {
  const store = new MemoryStore();
  for (const date of ["2024-01-01", "2024-01-02"]) {
    await publishCleanDay(store, date, [
      { stationId: 1, phenomenonId: 5, timeseriesId: 51, values: Array(24).fill(60) },
    ]);
  }
  await buildCompliance(store, { year: 2024, timezone: "Europe/Brussels" });
  const built = await buildYearReport(store, { year: 2024, airqVersion: "t" });
  assert.equal(built.key, "reports/year=2024/index.html");
  const html = new TextDecoder().decode(store.objects.get(built.key));
  assert.equal(store.objects.get(built.key)!.byteLength, built.bytes);
  assert.match(html, /so far \(1 January to 2024-01-02\)/);
  assert.match(html, /<td class="num st-open" title="open">2 \/ 35<\/td>/); // EU today, 2 days
  assert.equal(built.model.summary.exceededToday, 0);
});

Deno.test("buildYearReport() says which task to run when the year is not built", async () => {
  await assert.rejects(
    buildYearReport(new MemoryStore(), { year: 2024, airqVersion: "t" }),
    (e: unknown) =>
      e instanceof LakeError &&
      e.message === "Cannot build the report of 2024: no published compliance_station_by_year " +
          'partition in memory://: run "deno task compliance --year 2024" first',
  );
});
