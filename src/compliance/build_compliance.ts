/**
 * Build one year of clean/compliance_station_by_year from the year's published daily
 * partitions and publish it like every clean table. The `_SUCCESS` lists the inputs'
 * `_SUCCESS` (key, sha256); a year whose inputs and airq version are unchanged is skipped,
 * unless its `_SUCCESS` still lists a staged copy (an interrupted publish, which the rebuild
 * finishes).
 */
import { LakeError } from "../errors.ts";
import { cleanParquetKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { publishPartition } from "../lake/publish_partition.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";
import type { Logger } from "../log/logger.ts";
import { sha256Hex } from "../sha256_hex.ts";
import { AIRQ_VERSION } from "../version.ts";
import { complianceParquet } from "./compliance_parquet.ts";
import { type ComplianceStatus, evaluateYear, yearProgress } from "./evaluate.ts";
import { addPublishedDay, readYearInputs } from "./read_year.ts";
import type { YearSeries } from "./series_year.ts";

const TABLE = "compliance_station_by_year";

/** Options of buildCompliance(). */
export interface BuildComplianceOptions {
  year: number;
  /** The time zone the days were cut in. */
  timezone: string;
  /** Build even when the inputs are unchanged. */
  force?: boolean;
  log?: Logger;
}

/** What buildCompliance() did. */
export interface ComplianceSummary {
  year: number;
  /** built: published; skipped: up to date. */
  result: "built" | "skipped";
  /** Published days read. */
  days: number;
  last_date: string;
  rows: number;
  /** Rows per status (built only). */
  statuses: Partial<Record<ComplianceStatus, number>>;
  /** Key of the Parquet file. */
  file: string;
  bytes_written: number;
}

/**
 * Build and publish the year. LakeError when no day of the year is published or an input
 * partition is unusable (then nothing is written).
 */
export async function buildCompliance(
  store: ObjectStore,
  options: BuildComplianceOptions,
): Promise<ComplianceSummary> {
  const { year, timezone } = options;
  const inputs = await readYearInputs(store, year);
  const lastDate = inputs.dates.at(-1);
  if (lastDate === undefined) {
    throw new LakeError(
      `Cannot build compliance for ${year}: no published aggregate_station_by_day partition of ` +
        `${year} in ${store.location}: run "deno task transform" for its days first`,
    );
  }
  const digest = await sha256Hex(new TextEncoder().encode(JSON.stringify(inputs.sources)));
  const base = { year, days: inputs.dates.length, last_date: lastDate };
  if (!options.force) {
    const current = await currentMarker(store, String(year));
    const fixedFile = current?.files.length === 1 &&
      current.files[0]!.key === cleanParquetKey(TABLE, String(year));
    if (
      fixedFile && current?.source_manifest_sha256 === digest &&
      current.airq_version === AIRQ_VERSION
    ) {
      return {
        ...base,
        result: "skipped",
        rows: current.rows,
        statuses: {},
        file: current.files[0]?.key ?? "",
        bytes_written: 0,
      };
    }
  }
  const series: YearSeries = new Map();
  for (const date of inputs.dates) {
    await addPublishedDay(store, series, date, { timezone });
    options.log?.("day_read", { date, series: series.size });
  }
  const rows = evaluateYear(series.values(), yearProgress(year, lastDate, timezone));
  const statuses: Partial<Record<ComplianceStatus, number>> = {};
  for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const published = await publishPartition(
    store,
    { table: TABLE, date: String(year) },
    complianceParquet(rows),
    { rows: rows.length, sourceManifestSha256: digest, sources: inputs.sources },
  );
  return {
    ...base,
    result: "built",
    rows: rows.length,
    statuses,
    file: published.marker.files[0]!.key,
    bytes_written: published.bytesWritten,
  };
}

/** The year's current marker when its partition verifies; undefined otherwise. */
async function currentMarker(store: ObjectStore, year: string) {
  try {
    return (await readPublishedPartition(store, TABLE, year)).marker;
  } catch (e) {
    if (e instanceof LakeError || e instanceof SyntaxError) return undefined;
    throw e;
  }
}
