/**
 * The `_SUCCESS` marker of a clean partition: written last, after the Parquet file it
 * lists. Readers and the loader trust only partitions that have one and whose files
 * match it. Pure types + validation.
 */
import type { Selection } from "./selection.ts";

/** A published partition another one was built from: its `_SUCCESS` key and sha256. */
export interface SourcePartition {
  key: string;
  sha256: string;
}

/** Content of `_SUCCESS` (JSON). */
export interface SuccessMarker {
  marker_version: 1;
  airq_version: string;
  table: string;
  /** The partition: its day (YYYY-MM-DD), or its year (YYYY) for a yearly table. */
  date: string;
  rows: number;
  files: { key: string; sha256: string; bytes: number; rows: number }[];
  /** sha256 of the raw `_manifest.json` the partition was built from. */
  source_manifest_sha256: string;
  /** The selection of that raw day (phenomena, near); absent in markers of older versions. */
  selection?: Selection;
  /**
   * Derived tables only: every input partition's `_SUCCESS` (key, sha256); then
   * `source_manifest_sha256` is the sha256 of this list as JSON.
   */
  sources?: SourcePartition[];
}

/** Parse and validate `_SUCCESS` bytes; SyntaxError names the first bad field. */
export function parseSuccessMarker(text: string, where: string): SuccessMarker {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`Cannot read "${where}": not JSON: ${(e as Error).message}`);
  }
  const fail = (field: string): never => {
    throw new SyntaxError(
      `Cannot read "${where}": field "${field}" is missing or has the wrong type`,
    );
  };
  const o = m as Record<string, unknown>;
  if (typeof o !== "object" || o === null || o.marker_version !== 1) fail("marker_version");
  if (typeof o.table !== "string") fail("table");
  if (typeof o.date !== "string") fail("date");
  if (typeof o.rows !== "number") fail("rows");
  if (!Array.isArray(o.files)) fail("files");
  (o.files as unknown[]).forEach((f, i) => {
    const r = f as Record<string, unknown>;
    if (typeof r?.key !== "string") fail(`files[${i}].key`);
    if (typeof r.sha256 !== "string") fail(`files[${i}].sha256`);
  });
  return m as SuccessMarker;
}
