/**
 * The first step of a load, before any connection: read and verify every requested
 * partition. The daily table's rows become bind rows (checked value by value); the hourly
 * table's one Parquet file is kept as verified bytes for a staged load. Unusable dates are
 * returned as failed; when no date is usable a LakeError names every one.
 */
import { LakeError } from "../errors.ts";
import type { CleanTable } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";
import type { Selection } from "../lake/selection.ts";
import type { Logger } from "../log/logger.ts";
import { readAggregatePartition } from "./aggregate_partition.ts";
import { toBindRows } from "./bind_rows.ts";
import type { Bind } from "./sql.ts";

/** One date ready to load. */
export interface Prepared {
  date: string;
  /** Rows of the partition. */
  rows: number;
  /** sha256 of the partition's Parquet files, comma-joined (the load state's key). */
  sha: string;
  /** Daily table: the bind rows. */
  binds?: Bind[][];
  /** Hourly table: the verified Parquet file. */
  file?: { sha256: string; bytes: Uint8Array };
}

/** A date that cannot be loaded. */
export interface FailedDate {
  date: string;
  error: string;
}

async function prepareOne(
  store: ObjectStore,
  table: CleanTable,
  date: string,
  loadedAt: string,
): Promise<{ prepared: Prepared; files: string[]; selection: Selection | null }> {
  if (table === "aggregate_station_by_day") {
    const p = await readAggregatePartition(store, date);
    const binds = toBindRows(p.rows, { date, loadedAt, where: p.files.join(", ") });
    const sha = p.marker.files.map((f) => f.sha256).join(",");
    const prepared = { date, rows: binds.length, sha, binds };
    return { prepared, files: p.files, selection: p.marker.selection ?? null };
  }
  const p = await readPublishedPartition(store, table, date);
  if (p.files.length !== 1) {
    throw new LakeError(
      `Cannot load ${date}: its partition lists ${p.files.length} files, not 1: rerun ` +
        `"deno task transform --date ${date}"`,
    );
  }
  const f = p.files[0]!;
  const prepared = {
    date,
    rows: p.marker.rows,
    sha: f.sha256,
    file: { sha256: f.sha256, bytes: f.bytes },
  };
  return { prepared, files: [f.key], selection: p.marker.selection ?? null };
}

/** Read and check the partition of every date of `table`. */
export async function prepareDates(
  store: ObjectStore,
  plan: { dates: string[]; cleanTable: CleanTable },
  options: { loadedAt: string; log?: Logger | undefined },
): Promise<{ prepared: Prepared[]; failed: FailedDate[] }> {
  const prepared: Prepared[] = [];
  const failed: FailedDate[] = [];
  for (const date of plan.dates) {
    try {
      const one = await prepareOne(store, plan.cleanTable, date, options.loadedAt);
      prepared.push(one.prepared);
      options.log?.("partition_ok", {
        date,
        rows: one.prepared.rows,
        files: one.files,
        selection: one.selection,
      });
    } catch (e) {
      if (!(e instanceof LakeError) && !(e instanceof SyntaxError)) throw e;
      failed.push({ date, error: e.message });
      options.log?.("partition_failed", { date, error: e.message });
    }
  }
  if (prepared.length > 0 || failed.length === 0) return { prepared, failed };
  if (failed.length === 1) throw new LakeError(failed[0]!.error);
  throw new LakeError(
    `Cannot load ${failed.length} of ${plan.dates.length} dates, nothing was loaded:\n  - ${
      failed.map((f) => f.error).join("\n  - ")
    }`,
  );
}
