/**
 * One load run: verify every requested partition before connecting (a date that is not
 * published is reported failed; the others go on), skip the partitions already loaded from
 * the same files (load_state.ts) unless `force`, then in ONE transaction delete the
 * remaining partitions and insert their rows in batches with array binds, and record their
 * state. A failure rolls back, so the tables keep their previous rows. The daily dates go
 * to the daily table; with `compliance`, the years of those dates go to the compliance
 * table in the same transaction (a year that is not built yet is reported `missing`).
 */
import { quoteTableName } from "./identifiers.ts";
import type { LoadDateSummary, LoadPlan, LoadSummary, RunLoadOptions } from "./load_types.ts";
import { prepare, type Prepared } from "./prepare_load.ts";
import {
  createStateTableSql,
  replaceStateStatements,
  selectStateStatement,
  stateByDate,
} from "./load_state.ts";
import {
  AGGREGATE_TABLE,
  batches,
  COMPLIANCE_TABLE,
  createSchemaSql,
  createTableSql,
  deleteDateStatement,
  insertSql,
  timestampNtz,
} from "./sql.ts";

export type { LoadDateSummary, LoadPlan, LoadSummary, RunLoadOptions } from "./load_types.ts";

const byDate = (a: LoadDateSummary, b: LoadDateSummary) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0;

/** Load the plan's dates; returns per-date counts. Nothing is loaded unless all dates are ready. */
export async function runLoad(plan: LoadPlan, options: RunLoadOptions): Promise<LoadSummary> {
  const loadedAt = timestampNtz(options.now());
  const { prepared, failed, years } = await prepare(plan, { ...options, loadedAt });
  const session = await options.connect();
  const summary: LoadSummary = {
    table: quoteTableName(plan.table),
    loadedAt,
    dates: [],
    deleted: 0,
    inserted: 0,
    ok: failed.length === 0 && years.every((y) => y.status !== "failed"),
  };
  if (plan.compliance) summary.years = [];
  const record = (p: Prepared, day: LoadDateSummary) =>
    (p.spec === COMPLIANCE_TABLE ? summary.years! : summary.dates).push(day);
  const done = () => {
    summary.dates.push(...failed);
    summary.dates.sort(byDate);
    summary.years?.push(...years);
    summary.years?.sort(byDate);
    return summary;
  };
  const tables = [...new Map(prepared.map((p) => [p.spec, p.table])).entries()];
  try {
    if (plan.createSchema) await session.execute(createSchemaSql(plan.table));
    await session.execute(createTableSql(plan.table));
    await session.execute(createStateTableSql(plan.table));
    const todo: Prepared[] = [];
    for (const [spec, table] of tables) {
      if (spec !== AGGREGATE_TABLE) await session.execute(createTableSql(table, { spec }));
      const own = prepared.filter((p) => p.spec === spec);
      const sel = selectStateStatement(table, own[0]!.date, own.at(-1)!.date);
      const state = stateByDate((await session.execute(sel.sql, sel.binds)).rows);
      for (const p of own) {
        if (plan.force || state.get(p.date) !== p.sha) {
          todo.push(p);
          continue;
        }
        record(p, { date: p.date, status: "skipped", deleted: 0, inserted: 0, batches: 0 });
        options.log?.("date_skipped", { date: p.date, partition_sha256: p.sha });
      }
    }
    if (todo.length === 0) return done();
    await session.execute("BEGIN");
    let open = true;
    try {
      for (const p of todo) {
        const { date, rows, sha, spec, table } = p;
        const del = deleteDateStatement(table, date, { spec });
        const deleted = (await session.execute(del.sql, del.binds)).rowsAffected ?? 0;
        const day: LoadDateSummary = { date, status: "ok", deleted, inserted: 0, batches: 0 };
        const insert = insertSql(table, { spec });
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
        for (const st of replaceStateStatements(table, stateRow)) {
          await session.execute(st.sql, st.binds);
        }
        record(p, day);
        summary.deleted += day.deleted;
        summary.inserted += day.inserted;
        options.log?.("date_staged", { table: quoteTableName(table), ...day });
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
