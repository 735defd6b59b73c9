/**
 * Adapter: one day of aggregate_station_by_day from the lake, read only through its
 * verified `_SUCCESS` (the lake's readPublishedPartition), plus the sha256 of the
 * raw manifest now in the lake and its API, phenomena and area for the provenance.
 */
import { cleanSuccessKey, rawManifestKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { readParquet } from "../parquet.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";
import { toAggregateRow } from "./model/aggregate_row.ts";
import type { ReportDay } from "./model/report_types.ts";
import type { DaySource } from "./model/data_source.ts";
import { parseManifest } from "../lake/raw_manifest.ts";
import { sha256Hex } from "../sha256_hex.ts";

const TABLE = "aggregate_station_by_day";

/** API, phenomena and area of a raw manifest; undefined when it does not parse. */
function daySource(bytes: Uint8Array, key: string): DaySource | undefined {
  try {
    const m = parseManifest(new TextDecoder().decode(bytes), key);
    return { apiUrl: m.api_url, phenomenaRequested: m.phenomena_requested, near: m.near ?? null };
  } catch {
    return undefined;
  }
}

/**
 * Read the published aggregates of `date`; undefined when the partition has no `_SUCCESS`
 * (never transformed). LakeError when it is published but a file is missing or altered.
 */
export async function readReportDay(
  store: ObjectStore,
  date: string,
): Promise<ReportDay | undefined> {
  if (await store.get(cleanSuccessKey(TABLE, date)) === undefined) return undefined;
  const partition = await readPublishedPartition(store, TABLE, date);
  const rows = [];
  for (const file of partition.files) {
    const content = await readParquet(file.bytes);
    rows.push(...content.rows.map((r, i) => toAggregateRow(r, { file: file.key, row: i })));
  }
  const manifestKey = rawManifestKey(date);
  const manifest = await store.get(manifestKey);
  return {
    date,
    rows,
    sourceManifestSha256: partition.marker.source_manifest_sha256,
    rawManifestSha256: manifest === undefined ? undefined : await sha256Hex(manifest),
    source: manifest === undefined ? undefined : daySource(manifest, manifestKey),
  };
}
