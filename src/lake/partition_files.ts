/**
 * The objects found in a clean partition, sorted into airq's own (its Parquet files and
 * `_SUCCESS`) and foreign ones: anything else, and any key a store could not read or
 * delete (`x\y.parquet`, `.tmp-x.parquet`). Foreign objects are never read, replaced or
 * deleted, only reported, so one stray object never blocks a partition. Lists through the
 * ObjectStore interface only.
 */
import { keyProblem } from "./_key.ts";
import { cleanPartitionPrefix, cleanSuccessKey, type CleanTable } from "./layout.ts";
import type { ObjectStore } from "./object_store.ts";

/** A clean partition's objects, by who owns them. */
export interface PartitionFiles {
  /** airq's Parquet files (valid keys ending in ".parquet"), sorted. */
  parquet: string[];
  /** Whether `_SUCCESS` is there. */
  success: boolean;
  /** Every other object, with why it is foreign, e.g. `"x\\y.parquet" (backslash)`. */
  foreign: string[];
}

/** List clean partition `table`/`date` and sort its objects. */
export async function listPartitionFiles(
  store: ObjectStore,
  table: CleanTable,
  date: string,
): Promise<PartitionFiles> {
  const out: PartitionFiles = { parquet: [], success: false, foreign: [] };
  const marker = cleanSuccessKey(table, date);
  for await (const { key } of store.list(cleanPartitionPrefix(table, date))) {
    const why = keyProblem(key);
    if (why !== undefined) out.foreign.push(`${JSON.stringify(key)} (${why})`);
    else if (key === marker) out.success = true;
    else if (key.endsWith(".parquet")) out.parquet.push(key);
    else out.foreign.push(`${JSON.stringify(key)} (not a file airq writes)`);
  }
  return out;
}
