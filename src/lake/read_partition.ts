/**
 * Read a published clean partition the way every consumer must: only through its
 * `_SUCCESS`, with each listed file checked against its sha256.
 */
import { rebuildYearCommand, taskCommand } from "../config/task_command.ts";
import { LakeError } from "../errors.ts";
import { cleanPartitionPrefix, cleanSuccessKey, type CleanTable } from "./layout.ts";
import type { ObjectStore } from "./object_store.ts";
import { parseSuccessMarker, type SuccessMarker } from "./success_marker.ts";
import { sha256Hex } from "../sha256_hex.ts";

/** One verified Parquet file of a partition. */
export interface PartitionFile {
  key: string;
  sha256: string;
  rows: number;
  bytes: Uint8Array;
}

/** A verified partition: its marker and the bytes of every file it lists. */
export interface PublishedPartition {
  marker: SuccessMarker;
  files: PartitionFile[];
}

/** The command that rebuilds a partition (for messages). */
function rebuild(table: CleanTable, partition: string, lake: string): string {
  return table === "compliance_station_by_year"
    ? rebuildYearCommand(partition, lake)
    : taskCommand("transform", { date: partition, lake });
}

/**
 * Read partition `table`/`date` (`date`: the day, or the year of a yearly table). LakeError when `_SUCCESS` is missing (not transformed
 * yet, or a transform is in progress), names another partition, or a listed file is
 * missing or differs from its sha256.
 */
export async function readPublishedPartition(
  store: ObjectStore,
  table: CleanTable,
  date: string,
): Promise<PublishedPartition> {
  const prefix = cleanPartitionPrefix(table, date);
  const markerKey = cleanSuccessKey(table, date);
  const markerBytes = await store.get(markerKey);
  if (markerBytes === undefined) {
    const why = table === "compliance_station_by_year"
      ? "not built yet, or a build is in progress"
      : "not transformed yet, or a transform is in progress";
    throw new LakeError(
      `Cannot read partition "${prefix}" in ${store.location}: no _SUCCESS (${why}): ` +
        `run "${rebuild(table, date, store.location)}"`,
    );
  }
  const marker = parseSuccessMarker(new TextDecoder().decode(markerBytes), markerKey);
  if (marker.table !== table || marker.date !== date) {
    throw new LakeError(
      `Cannot read partition "${prefix}": _SUCCESS is for "${marker.table}" "${marker.date}"`,
    );
  }
  const files: PartitionFile[] = [];
  for (const f of marker.files) {
    if (!f.key.startsWith(prefix)) {
      throw new LakeError(
        `Cannot read partition "${prefix}": _SUCCESS lists "${f.key}" outside it`,
      );
    }
    const bytes = await store.get(f.key);
    if (bytes === undefined) {
      throw new LakeError(
        `Cannot read partition "${prefix}": "${f.key}" listed in _SUCCESS is missing: ` +
          `rerun "${rebuild(table, date, store.location)}"`,
      );
    }
    const sha256 = await sha256Hex(bytes);
    if (sha256 !== f.sha256) {
      throw new LakeError(
        `Cannot read partition "${prefix}": "${f.key}" has sha256 "${sha256}" but _SUCCESS says ` +
          `"${f.sha256}": rerun "${rebuild(table, date, store.location)}"`,
      );
    }
    files.push({ key: f.key, sha256, rows: f.rows, bytes });
  }
  return { marker, files };
}
