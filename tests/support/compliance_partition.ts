/** Test helper: publish a compliance_station_by_year partition built from hourly values. */
import { complianceParquet } from "../../src/compliance/compliance_parquet.ts";
import { evaluateYear, yearProgress } from "../../src/compliance/evaluate.ts";
import { addHourlyValue, seriesOf, type YearSeries } from "../../src/compliance/series_year.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { publishPartition } from "../../src/lake/publish_partition.ts";

/** Publish the year with one NO2 series per station at a constant `level` for `hours` hours. */
export async function publishCompliance(
  store: ObjectStore,
  year: number,
  stations: { stationId: number; level: number; hours: number }[],
): Promise<number> {
  const series: YearSeries = new Map();
  for (const s of stations) {
    const acc = seriesOf(series, {
      station_id: BigInt(s.stationId),
      station_label: `Station ${s.stationId}`,
      phenomenon_id: 8,
      phenomenon_label: "Nitrogen dioxide",
      timeseries_id: BigInt(s.stationId * 10),
    });
    for (let i = 0; i < s.hours; i++) addHourlyValue(acc, s.level);
  }
  const rows = evaluateYear(
    series.values(),
    yearProgress(year, `${year}-01-31`, "Europe/Brussels"),
  );
  await publishPartition(
    store,
    {
      table: "compliance_station_by_year",
      date: String(year),
    },
    complianceParquet(rows),
    { rows: rows.length, sourceManifestSha256: "ef".repeat(32) },
  );
  return rows.length;
}
