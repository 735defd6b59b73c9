/**
 * Build the compliance page of a year from clean/compliance_station_by_year (read only
 * through its `_SUCCESS`) and write it at reports/year=YYYY/index.html.
 */
import { LakeError } from "../errors.ts";
import { cleanSuccessKey, yearReportKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";
import { readParquet } from "../parquet.ts";
import { type ComplianceEntry, toComplianceEntry } from "./model/compliance_row.ts";
import { buildYearModel } from "./model/year_model.ts";
import type { YearModel } from "./model/year_types.ts";
import { renderYearPage } from "./render/year_page.ts";

const TABLE = "compliance_station_by_year";

/** Options of buildYearReport(). */
export interface BuildYearReportOptions {
  year: number;
  airqVersion: string;
}

/** What buildYearReport() wrote. */
export interface BuiltYearReport {
  key: string;
  bytes: number;
  model: YearModel;
}

/** Read the year's compliance table, render the page and put it. LakeError when unpublished. */
export async function buildYearReport(
  store: ObjectStore,
  options: BuildYearReportOptions,
): Promise<BuiltYearReport> {
  const year = String(options.year);
  if (await store.get(cleanSuccessKey(TABLE, year)) === undefined) {
    throw new LakeError(
      `Cannot build the report of ${year}: no published ${TABLE} partition in ` +
        `${store.location}: run "deno task compliance --year ${year}" first`,
    );
  }
  const partition = await readPublishedPartition(store, TABLE, year);
  const rows: ComplianceEntry[] = [];
  for (const file of partition.files) {
    const content = await readParquet(file.bytes);
    rows.push(...content.rows.map((r, i) => toComplianceEntry(r, { file: file.key, row: i })));
  }
  const model = buildYearModel({
    year: options.year,
    rows,
    airqVersion: options.airqVersion,
    sourceSha256: partition.files.map((f) => f.sha256).join(", "),
  });
  const html = new TextEncoder().encode(renderYearPage(model));
  const key = yearReportKey(year);
  await store.put(key, html, { contentType: "text/html; charset=utf-8" });
  return { key, bytes: html.byteLength, model };
}
