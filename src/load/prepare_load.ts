/**
 * The first half of a load run, before connecting: read and verify every partition of the
 * plan (daily dates, then compliance years) and turn their rows into binds.
 */
import { LakeError } from "../errors.ts";
import { cleanSuccessKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { readLoadPartition } from "./aggregate_partition.ts";
import { toBindRows } from "./bind_rows.ts";
import type { TableName } from "./identifiers.ts";
import type { LoadDateSummary, LoadPlan, RunLoadOptions } from "./load_types.ts";
import { AGGREGATE_TABLE, type Bind, COMPLIANCE_TABLE, type LoadTableSpec } from "./sql.ts";

/** Read and check one partition and turn its rows into binds. */
async function preparePartition(
  store: ObjectStore,
  target: { spec: LoadTableSpec; table: TableName; date: string },
  loadedAt: string,
): Promise<Prepared> {
  const { spec, date } = target;
  const p = await readLoadPartition(store, spec.source, date);
  const rows = toBindRows(p.rows, { date, loadedAt, where: p.files.join(", "), spec });
  const sha = p.marker.files.map((f) => f.sha256).join(",");
  return { ...target, rows, sha, files: p.files };
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
  const { loadedAt } = options;
  const prepared: Prepared[] = [];
  const problems: string[] = [];
  const failed: LoadDateSummary[] = [];
  const years: LoadDateSummary[] = [];
  for (const date of plan.dates) {
    try {
      const p = await preparePartition(
        options.store,
        { spec: AGGREGATE_TABLE, table: plan.table, date },
        loadedAt,
      );
      prepared.push(p);
      options.log?.("partition_ok", { date, rows: p.rows.length, files: p.files });
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
    if (await options.store.get(cleanSuccessKey(COMPLIANCE_TABLE.source, year)) === undefined) {
      years.push({ date: year, status: "missing", deleted: 0, inserted: 0, batches: 0 });
      options.log?.("compliance_missing", { year }, "warn");
      continue;
    }
    try {
      const p = await preparePartition(options.store, target, loadedAt);
      prepared.push(p);
      options.log?.("partition_ok", { year, rows: p.rows.length, files: p.files });
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
  spec: LoadTableSpec;
  table: TableName;
  date: string;
  rows: Bind[][];
  /** sha256 of the partition's Parquet files, comma-joined. */
  sha: string;
  files: string[];
}
