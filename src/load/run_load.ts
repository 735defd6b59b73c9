/**
 * One load run: verify every requested partition before connecting (a date that is not
 * published is reported failed; the others go on), skip the dates already loaded from the
 * same partition (load_state.ts) unless `force`, then in ONE transaction delete the
 * remaining dates and insert their rows in batches with array binds, and record their
 * state. A failure rolls back, so the table keeps its previous rows for those dates.
 */
import type { Logger } from "../log/logger.ts";
import { LakeError } from "../errors.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import type { SnowflakeSession } from "../snowflake.ts";
import { toBindRows } from "./bind_rows.ts";
import { quoteTableName, type TableName } from "./identifiers.ts";
import { readAggregatePartition } from "./aggregate_partition.ts";
import {
  createStateTableSql,
  replaceStateStatements,
  selectStateStatement,
  stateByDate,
} from "./load_state.ts";
import {
  batches,
  type Bind,
  createSchemaSql,
  createTableSql,
  deleteDateStatement,
  insertSql,
  timestampNtz,
} from "./sql.ts";

/** What was done for one date. */
export interface LoadDateSummary {
  date: string;
  /** ok: loaded; skipped: already loaded from the same partition; failed: see `error`. */
  status: "ok" | "skipped" | "failed";
  deleted: number;
  inserted: number;
  batches: number;
  error?: string;
}

/** Result of a run. */
export interface LoadSummary {
  table: string;
  loadedAt: string;
  dates: LoadDateSummary[];
  deleted: number;
  inserted: number;
  /** False when a date failed. */
  ok: boolean;
}

/** What to load. */
export interface LoadPlan {
  dates: string[];
  table: TableName;
  batchSize: number;
  createSchema: boolean;
  /** Load even the dates already loaded from the same partition. */
  force?: boolean;
}

/** Options of runLoad(). */
export interface RunLoadOptions {
  store: ObjectStore;
  /** Opens the Snowflake session; called only after every partition was verified. */
  connect: () => Promise<SnowflakeSession>;
  /** Clock for `loaded_at` (epoch ms). */
  now: () => number;
  /** Progress events. */
  log?: Logger;
}

/**
 * Read and check every partition; the unusable dates are returned as failed, and when no
 * date is usable a LakeError names every one (nothing to connect for).
 */
async function prepare(plan: LoadPlan, options: RunLoadOptions, loadedAt: string) {
  const prepared: Prepared[] = [];
  const problems: string[] = [];
  const failed: LoadDateSummary[] = [];
  for (const date of plan.dates) {
    try {
      const p = await readAggregatePartition(options.store, date);
      const rows = toBindRows(p.rows, { date, loadedAt, where: p.files.join(", ") });
      const sha = p.marker.files.map((f) => f.sha256).join(",");
      prepared.push({ date, rows, sha });
      const selection = p.marker.selection ?? null;
      options.log?.("partition_ok", { date, rows: rows.length, files: p.files, selection });
    } catch (e) {
      if (!(e instanceof LakeError) && !(e instanceof SyntaxError)) throw e;
      problems.push(e.message);
      failed.push({
        date,
        status: "failed",
        deleted: 0,
        inserted: 0,
        batches: 0,
        error: e.message,
      });
      options.log?.("partition_failed", { date, error: e.message });
    }
  }
  if (prepared.length > 0) return { prepared, failed };
  if (problems.length === 1) throw new LakeError(problems[0]);
  if (problems.length > 1) {
    throw new LakeError(
      `Cannot load ${problems.length} of ${plan.dates.length} dates, nothing was loaded:\n  - ${
        problems.join("\n  - ")
      }`,
    );
  }
  return { prepared, failed };
}

interface Prepared {
  date: string;
  rows: Bind[][];
  /** sha256 of the partition's Parquet files, comma-joined. */
  sha: string;
}

/** Load the plan's dates; returns per-date counts. Nothing is loaded unless all dates are ready. */
export async function runLoad(plan: LoadPlan, options: RunLoadOptions): Promise<LoadSummary> {
  const loadedAt = timestampNtz(options.now());
  const { prepared, failed } = await prepare(plan, options, loadedAt);
  const table = quoteTableName(plan.table);
  const session = await options.connect();
  const summary: LoadSummary = {
    table,
    loadedAt,
    dates: [],
    deleted: 0,
    inserted: 0,
    ok: failed.length === 0,
  };
  const done = () => {
    summary.dates.push(...failed);
    summary.dates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return summary;
  };
  try {
    if (plan.createSchema) await session.execute(createSchemaSql(plan.table));
    await session.execute(createTableSql(plan.table));
    await session.execute(createStateTableSql(plan.table));
    const sel = selectStateStatement(plan.table, prepared[0]!.date, prepared.at(-1)!.date);
    const state = stateByDate((await session.execute(sel.sql, sel.binds)).rows);
    const todo = prepared.filter((p) => plan.force || state.get(p.date) !== p.sha);
    for (const p of prepared.filter((p) => !todo.includes(p))) {
      const day: LoadDateSummary = {
        date: p.date,
        status: "skipped",
        deleted: 0,
        inserted: 0,
        batches: 0,
      };
      summary.dates.push(day);
      options.log?.("date_skipped", { date: p.date, partition_sha256: p.sha });
    }
    if (todo.length === 0) return done();
    await session.execute("BEGIN");
    let open = true;
    try {
      const insert = insertSql(plan.table);
      for (const { date, rows, sha } of todo) {
        const del = deleteDateStatement(plan.table, date);
        const deleted = (await session.execute(del.sql, del.binds)).rowsAffected ?? 0;
        const day: LoadDateSummary = { date, status: "ok", deleted, inserted: 0, batches: 0 };
        for (const batch of batches(rows, plan.batchSize)) {
          const n = (await session.execute(insert, batch)).rowsAffected;
          if (n !== undefined && n !== batch.length) {
            throw new Error(
              `Cannot load ${date}: Snowflake reported ${n} rows inserted for a batch of ${batch.length}`,
            );
          }
          day.inserted += batch.length;
          day.batches += 1;
        }
        const stateRow = { date, partitionSha256: sha, rows: rows.length, loadedAt };
        for (const st of replaceStateStatements(plan.table, stateRow)) {
          await session.execute(st.sql, st.binds);
        }
        summary.dates.push(day);
        summary.deleted += day.deleted;
        summary.inserted += day.inserted;
        options.log?.("date_staged", { ...day });
      }
      await session.execute("COMMIT");
      open = false;
    } finally {
      if (open) {
        try {
          await session.execute("ROLLBACK");
          options.log?.("rolled_back", {});
        } catch (e) {
          options.log?.("rollback_failed", { message: (e as Error).message });
        }
      }
    }
  } finally {
    await session.close();
  }
  return done();
}
