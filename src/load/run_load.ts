/**
 * One load run: verify every requested partition before connecting, then in ONE
 * transaction delete the run's dates and insert their rows in batches with array binds.
 * A failure rolls back, so the table keeps its previous rows for those dates.
 */
import { LakeError } from "../errors.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import type { SnowflakeSession } from "../snowflake.ts";
import { toBindRows } from "./bind_rows.ts";
import { quoteTableName, type TableName } from "./identifiers.ts";
import { readAggregatePartition } from "./aggregate_partition.ts";
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
  deleted: number;
  inserted: number;
  batches: number;
}

/** Result of a run. */
export interface LoadSummary {
  table: string;
  loadedAt: string;
  dates: LoadDateSummary[];
  deleted: number;
  inserted: number;
}

/** What to load. */
export interface LoadPlan {
  dates: string[];
  table: TableName;
  batchSize: number;
  createSchema: boolean;
}

/** Options of runLoad(). */
export interface RunLoadOptions {
  store: ObjectStore;
  /** Opens the Snowflake session; called only after every partition was verified. */
  connect: () => Promise<SnowflakeSession>;
  /** Clock for `loaded_at` (epoch ms). */
  now: () => number;
  /** Progress events (the task logs them). */
  onEvent?: (event: string, fields: Record<string, unknown>) => void;
}

/** Read and check every partition; LakeError naming every date that is not usable. */
async function prepare(plan: LoadPlan, options: RunLoadOptions, loadedAt: string) {
  const prepared: { date: string; rows: Bind[][] }[] = [];
  const problems: string[] = [];
  for (const date of plan.dates) {
    try {
      const p = await readAggregatePartition(options.store, date);
      const rows = toBindRows(p.rows, { date, loadedAt, where: p.files.join(", ") });
      prepared.push({ date, rows });
      options.onEvent?.("partition_ok", { date, rows: rows.length, files: p.files });
    } catch (e) {
      if (!(e instanceof LakeError) && !(e instanceof SyntaxError)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length === 1) throw new LakeError(problems[0]);
  if (problems.length > 1) {
    throw new LakeError(
      `Cannot load ${problems.length} of ${plan.dates.length} dates, nothing was loaded:\n  - ${
        problems.join("\n  - ")
      }`,
    );
  }
  return prepared;
}

/** Load the plan's dates; returns per-date counts. Nothing is loaded unless all dates are ready. */
export async function runLoad(plan: LoadPlan, options: RunLoadOptions): Promise<LoadSummary> {
  const loadedAt = timestampNtz(options.now());
  const prepared = await prepare(plan, options, loadedAt);
  const table = quoteTableName(plan.table);
  const session = await options.connect();
  const summary: LoadSummary = { table, loadedAt, dates: [], deleted: 0, inserted: 0 };
  try {
    if (plan.createSchema) await session.execute(createSchemaSql(plan.table));
    await session.execute(createTableSql(plan.table));
    await session.execute("BEGIN");
    let open = true;
    try {
      const insert = insertSql(plan.table);
      for (const { date, rows } of prepared) {
        const del = deleteDateStatement(plan.table, date);
        const deleted = (await session.execute(del.sql, del.binds)).rowsAffected ?? 0;
        const day: LoadDateSummary = { date, deleted, inserted: 0, batches: 0 };
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
        summary.dates.push(day);
        summary.deleted += day.deleted;
        summary.inserted += day.inserted;
        options.onEvent?.("date_staged", { ...day });
      }
      await session.execute("COMMIT");
      open = false;
    } finally {
      if (open) {
        try {
          await session.execute("ROLLBACK");
          options.onEvent?.("rolled_back", {});
        } catch (e) {
          options.onEvent?.("rollback_failed", { message: (e as Error).message });
        }
      }
    }
  } finally {
    await session.close();
  }
  return summary;
}
