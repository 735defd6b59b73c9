/**
 * Publish one clean partition: put the Parquet file (content-addressed name), then
 * `_SUCCESS` listing it, then delete every other Parquet file of the partition. A crash
 * at any point leaves the previous or the new complete partition trusted, and a rerun
 * over the same inputs writes the same name, bytes and marker. Every stage that writes a
 * clean table publishes through this one function. The partition is listed first
 * (listPartitionFiles): foreign objects are reported, never touched.
 */
import { AIRQ_VERSION } from "../version.ts";
import { cleanParquetKey, cleanSuccessKey, type CleanTable } from "./layout.ts";
import type { ObjectStore } from "./object_store.ts";
import { listPartitionFiles } from "./partition_files.ts";
import type { SourcePartition, SuccessMarker } from "./success_marker.ts";
import { sha256Hex } from "../sha256_hex.ts";

/** Options of publishPartition(). */
export interface PublishOptions {
  /** Rows in the Parquet file. */
  rows: number;
  /** sha256 of the raw `_manifest.json` the partition was built from (or of `sources`). */
  sourceManifestSha256: string;
  /** The published partitions a derived table was built from (recorded in `_SUCCESS`). */
  sources?: SourcePartition[];
}

/** What publishPartition() wrote and removed. */
export interface Published {
  marker: SuccessMarker;
  /** Bytes written: Parquet + _SUCCESS. */
  bytesWritten: number;
  /** Stale Parquet keys deleted. */
  deleted: string[];
  /** Foreign objects found in the partition and left alone (partition_files.ts). */
  foreign: string[];
}

const encoder = new TextEncoder();

/**
 * Write `parquet` as the whole partition `table`/`date`, `_SUCCESS` last; `date` is the
 * partition's value: the day of a daily table, the year (YYYY) of a yearly one.
 */
export async function publishPartition(
  store: ObjectStore,
  target: { table: CleanTable; date: string },
  parquet: Uint8Array,
  options: PublishOptions,
): Promise<Published> {
  const { table, date } = target;
  const found = await listPartitionFiles(store, table, date);
  const sha256 = await sha256Hex(parquet);
  const key = cleanParquetKey(table, date, sha256);
  await store.put(key, parquet, { contentType: "application/vnd.apache.parquet" });
  const marker: SuccessMarker = {
    marker_version: 1,
    airq_version: AIRQ_VERSION,
    table,
    date,
    rows: options.rows,
    files: [{ key, sha256, bytes: parquet.byteLength, rows: options.rows }],
    source_manifest_sha256: options.sourceManifestSha256,
  };
  if (options.sources !== undefined) marker.sources = options.sources;
  const markerBytes = encoder.encode(`${JSON.stringify(marker, null, 2)}\n`);
  await store.put(cleanSuccessKey(table, date), markerBytes, { contentType: "application/json" });
  const deleted = found.parquet.filter((other) => other !== key);
  for (const other of deleted) await store.delete(other);
  const bytesWritten = parquet.byteLength + markerBytes.byteLength;
  return { marker, bytesWritten, deleted, foreign: found.foreign };
}
