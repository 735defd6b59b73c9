/**
 * Publish one clean partition so that two kinds of readers are safe at every moment, also
 * after a crash at any step: airq's readers (through `_SUCCESS`) trust the previous or the
 * new complete partition, and a plain reader of `date=D/*.parquet` (or `year=Y/*.parquet`)
 * sees exactly one complete Parquet file. Every stage that writes a clean table publishes
 * through this one function. The file has a fixed name, overwritten by one atomic put
 * (file: rename; S3: PUT of one key). While it is replaced, `_SUCCESS` points at a staged
 * copy outside the glob:
 *
 * 1. put `_staged/part-<sha16>.parquet`, then `_SUCCESS` listing it (airq: new; glob: old);
 * 2. put `part-0.parquet` (glob: new), then `_SUCCESS` listing it;
 * 3. delete the staged copy and any other Parquet file of the partition.
 *
 * A first publish (no `_SUCCESS` yet) skips step 1; an unchanged file is not rewritten. A
 * rerun over the same inputs writes the same bytes and marker. The partition is listed
 * through listPartitionFiles: foreign objects are reported, never read or deleted.
 */
import { AIRQ_VERSION } from "../version.ts";
import { cleanParquetKey, cleanStagedKey, cleanSuccessKey, type CleanTable } from "./layout.ts";
import type { ObjectStore } from "./object_store.ts";
import { listPartitionFiles } from "./partition_files.ts";
import type { Selection } from "./selection.ts";
import type { SourcePartition, SuccessMarker } from "./success_marker.ts";
import { sha256Hex } from "../sha256_hex.ts";

/** Options of publishPartition(). */
export interface PublishOptions {
  /** Rows in the Parquet file. */
  rows: number;
  /** sha256 of the raw `_manifest.json` the partition was built from (or of `sources`). */
  sourceManifestSha256: string;
  /** The selection recorded in that manifest (daily tables built from one raw day). */
  selection?: Selection;
  /** The published partitions a derived table was built from (recorded in `_SUCCESS`). */
  sources?: SourcePartition[];
}

/** What publishPartition() wrote and removed. */
export interface Published {
  marker: SuccessMarker;
  /** Bytes written: Parquet (staged copy included) + _SUCCESS. */
  bytesWritten: number;
  /** Stale Parquet keys deleted. */
  deleted: string[];
  /** Foreign objects found in the partition and left alone (partition_files.ts). */
  foreign: string[];
}

const encoder = new TextEncoder();
const PARQUET = { contentType: "application/vnd.apache.parquet" };

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
  const key = cleanParquetKey(table, date);
  const markerKey = cleanSuccessKey(table, date);
  const markerFor = (fileKey: string): Uint8Array => {
    const marker: SuccessMarker = {
      marker_version: 1,
      airq_version: AIRQ_VERSION,
      table,
      date,
      rows: options.rows,
      files: [{ key: fileKey, sha256, bytes: parquet.byteLength, rows: options.rows }],
      source_manifest_sha256: options.sourceManifestSha256,
    };
    if (options.selection !== undefined) marker.selection = options.selection;
    if (options.sources !== undefined) marker.sources = options.sources;
    return encoder.encode(`${JSON.stringify(marker, null, 2)}\n`);
  };
  let written = 0;
  const put = async (k: string, bytes: Uint8Array, parquetFile: boolean) => {
    await store.put(k, bytes, parquetFile ? PARQUET : { contentType: "application/json" });
    written += bytes.byteLength;
  };
  const current = await store.get(key);
  const unchanged = current !== undefined && await sha256Hex(current) === sha256;
  if (!unchanged) {
    if (await store.get(markerKey) !== undefined) {
      const staged = cleanStagedKey(table, date, sha256);
      await put(staged, parquet, true);
      await put(markerKey, markerFor(staged), false);
      // Files of an older layout go before the fixed file arrives: a glob may then see no
      // file for a moment, never two.
      for (const other of await otherParquet(store, table, date, [key, staged])) {
        await store.delete(other);
      }
    }
    await put(key, parquet, true);
  }
  const marker = markerFor(key);
  const old = await store.get(markerKey);
  if (old === undefined || !sameBytes(old, marker)) await put(markerKey, marker, false);
  const deleted = await otherParquet(store, table, date, [key]);
  for (const other of deleted) await store.delete(other);
  return {
    marker: JSON.parse(new TextDecoder().decode(marker)),
    bytesWritten: written,
    deleted,
    foreign: found.foreign,
  };
}

/** Every airq Parquet key of the partition (staged copies included) except `keep`. */
async function otherParquet(
  store: ObjectStore,
  table: CleanTable,
  date: string,
  keep: string[],
): Promise<string[]> {
  return (await listPartitionFiles(store, table, date)).parquet.filter((k) => !keep.includes(k));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);
}
