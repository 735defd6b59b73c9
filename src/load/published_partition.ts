/**
 * Read one published clean partition of aggregate_station_by_day: only when its
 * `_SUCCESS` is valid and every file it lists exists with the listed sha256, size and
 * row count. Anything else is a LakeError that says which date to transform first.
 */
import { parquetReadObjects } from "hyparquet";
import { LakeError } from "../errors.ts";
import { cleanPartitionPrefix, cleanSuccessKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { parseSuccessMarker, type SuccessMarker } from "../lake/success_marker.ts";

const TABLE = "aggregate_station_by_day";

/** One verified partition: its marker and every row of its files. */
export interface PublishedPartition {
  date: string;
  marker: SuccessMarker;
  rows: Record<string, unknown>[];
  /** Keys of the Parquet files read, for messages. */
  files: string[];
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Read and verify the partition of `date`; LakeError when it is missing or unusable. */
export async function readPublishedPartition(
  store: ObjectStore,
  date: string,
): Promise<PublishedPartition> {
  const successKey = cleanSuccessKey(TABLE, date);
  const fail = (why: string): never => {
    throw new LakeError(
      `Cannot load ${date}: ${why}; run "deno task transform --date ${date}" first`,
    );
  };
  const text = await store.get(successKey);
  if (text === undefined) fail(`"${successKey}" does not exist (partition not published)`);
  let marker: SuccessMarker;
  try {
    marker = parseSuccessMarker(new TextDecoder().decode(text), successKey);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (marker.table !== TABLE || marker.date !== date) {
    fail(`"${successKey}" is for table "${marker.table}" date "${marker.date}"`);
  }
  const rows: Record<string, unknown>[] = [];
  const prefix = cleanPartitionPrefix(TABLE, date);
  for (const f of marker.files) {
    if (!f.key.startsWith(prefix)) fail(`"${successKey}" lists "${f.key}" outside ${prefix}`);
    const bytes = await store.get(f.key);
    if (bytes === undefined) fail(`"${f.key}" listed in _SUCCESS does not exist`);
    const sha = await sha256Hex(bytes!);
    if (sha !== f.sha256) fail(`"${f.key}" has sha256 "${sha}", _SUCCESS says "${f.sha256}"`);
    const file = bytes!.buffer.slice(bytes!.byteOffset, bytes!.byteOffset + bytes!.byteLength);
    const fileRows = await parquetReadObjects({ file: file as ArrayBuffer }) as Record<
      string,
      unknown
    >[];
    if (typeof f.rows === "number" && fileRows.length !== f.rows) {
      fail(`"${f.key}" has ${fileRows.length} rows, _SUCCESS says ${f.rows}`);
    }
    rows.push(...fileRows);
  }
  if (rows.length !== marker.rows) {
    fail(`its files have ${rows.length} rows, _SUCCESS says ${marker.rows}`);
  }
  return { date, marker, rows, files: marker.files.map((f) => f.key) };
}
