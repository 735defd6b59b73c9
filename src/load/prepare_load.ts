/**
 * The first half of a load run, before connecting: read and verify every partition of the
 * plan (the dates of the clean table, then the compliance years). A bind table's rows become
 * bind rows (checked value by value); the hourly table's one Parquet file is kept as
 * verified bytes for a staged load (PUT + COPY INTO).
 */
import { LakeError } from "../errors.ts";
import { cleanSuccessKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";
import type { Selection } from "../lake/selection.ts";
import { readLoadPartition } from "./aggregate_partition.ts";
import { toBindRows } from "./bind_rows.ts";
import type { TableName } from "./identifiers.ts";
import type { LoadDateSummary, LoadPlan, RunLoadOptions } from "./load_types.ts";
import { AGGREGATE_TABLE, type Bind, COMPLIANCE_TABLE, type LoadTableSpec } from "./sql.ts";

/** Read and check one partition of a bind table and turn its rows into binds. */
async function preparePartition(
  store: ObjectStore,
  target: { spec: LoadTableSpec; table: TableName; date: string },
  loadedAt: string,
): Promise<Prepared> {
  const { spec, date } = target;
  const p = await readLoadPartition(store, spec.source, date);
  const binds = toBindRows(p.rows, { date, loadedAt, where: p.files.join(", "), spec });
  const sha = p.marker.files.map((f) => f.sha256).join(",");
  const selection = p.marker.selection ?? null;
  return { ...target, rows: binds.length, binds, sha, files: p.files, selection };
}

/** Read and check one partition of the hourly table, kept as its one verified file. */
async function prepareStaged(
  store: ObjectStore,
  target: { table: TableName; date: string },
): Promise<Prepared> {
  const { date } = target;
  const p = await readPublishedPartition(store, "measurements_hourly", date);
  if (p.files.length !== 1) {
    throw new LakeError(
      `Cannot load ${date}: its partition lists ${p.files.length} files, not 1: rerun ` +
        `"deno task transform --date ${date}"`,
    );
  }
  const f = p.files[0]!;
  return {
    ...target,
    spec: undefined,
    rows: p.marker.rows,
    sha: f.sha256,
    file: { sha256: f.sha256, bytes: f.bytes },
    files: [f.key],
    selection: p.marker.selection ?? null,
  };
}

function failedSummary(date: string, error: string): LoadDateSummary {
  return { date, status: "failed", deleted: 0, inserted: 0, batches: 0, error };
}

/**
 * Read and check every partition; the unusable dates are returned as failed, and when no
 * date is usable a LakeError names every one (nothing to connect for).
 */
export async function prepare(
  plan: LoadPlan,
  options: RunLoadOptions & { loadedAt: string },
): Promise<PreparedLoad> {
  const { loadedAt, store } = options;
  const staged = plan.cleanTable === "measurements_hourly";
  const prepared: Prepared[] = [];
  const problems: string[] = [];
  const failed: LoadDateSummary[] = [];
  const years: LoadDateSummary[] = [];
  for (const date of plan.dates) {
    try {
      const target = { table: plan.table, date };
      const p = staged
        ? await prepareStaged(store, target)
        : await preparePartition(store, { ...target, spec: AGGREGATE_TABLE }, loadedAt);
      prepared.push(p);
      options.log?.("partition_ok", { date, rows: p.rows, files: p.files, selection: p.selection });
    } catch (e) {
      if (!(e instanceof LakeError) && !(e instanceof SyntaxError)) throw e;
      problems.push(e.message);
      failed.push(failedSummary(date, e.message));
      options.log?.("partition_failed", { date, error: e.message });
    }
  }
  if (prepared.length === 0 && problems.length === 1) throw new LakeError(problems[0]);
  if (prepared.length === 0 && problems.length > 1) {
    throw new LakeError(
      `Cannot load ${problems.length} of ${plan.dates.length} dates, nothing was loaded:\n  - ${
        problems.join("\n  - ")
      }`,
    );
  }
  for (const year of plan.compliance?.years ?? []) {
    const target = { spec: COMPLIANCE_TABLE, table: plan.compliance!.table, date: year };
    if (await store.get(cleanSuccessKey(COMPLIANCE_TABLE.source, year)) === undefined) {
      years.push({ date: year, status: "missing", deleted: 0, inserted: 0, batches: 0 });
      options.log?.("compliance_missing", { year }, "warn");
      continue;
    }
    try {
      const p = await preparePartition(store, target, loadedAt);
      prepared.push(p);
      options.log?.("partition_ok", { year, rows: p.rows, files: p.files });
    } catch (e) {
      if (!(e instanceof LakeError) && !(e instanceof SyntaxError)) throw e;
      years.push(failedSummary(year, e.message));
      options.log?.("partition_failed", { year, error: e.message });
    }
  }
  return { prepared, failed, years };
}

/** The partitions ready to load, the dates that failed and the compliance years not loadable. */
export interface PreparedLoad {
  prepared: Prepared[];
  failed: LoadDateSummary[];
  years: LoadDateSummary[];
}

/** One partition ready to load. */
export interface Prepared {
  /** The bind table's spec; undefined for the hourly table (a staged load). */
  spec: LoadTableSpec | undefined;
  table: TableName;
  date: string;
  /** Rows of the partition. */
  rows: number;
  /** A bind table: the bind rows. */
  binds?: Bind[][];
  /** The hourly table: the verified Parquet file. */
  file?: { sha256: string; bytes: Uint8Array };
  /** sha256 of the partition's Parquet files, comma-joined (the load state's key). */
  sha: string;
  files: string[];
  /** The selection its `_SUCCESS` records (null when absent). */
  selection: Selection | null;
}
