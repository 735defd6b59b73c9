/**
 * One load run: verify every requested partition before connecting (a date that is not
 * published is reported failed; the others go on), skip the partitions already loaded from
 * the same files (load_state.ts) unless `force`, then in ONE transaction delete the
 * remaining partitions, insert their rows and record their state. A failure rolls back, so
 * the tables keep their previous rows. The dates go to the plan's table: the daily table
 * with array binds in batches, the hourly table (`cleanTable: "measurements_hourly"`) with
 * its files PUT to the table's stage before the transaction and loaded inside it with
 * COPY INTO (stage_sql.ts). With `compliance`, the years of the dates go to the compliance
 * table in the same transaction (a year that is not built yet is reported `missing`).
 */
import type { SnowflakeSession } from "../snowflake.ts";
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
  batches,
  COMPLIANCE_TABLE,
  createSchemaSql,
  createTableSql,
  deleteDateStatement,
  insertSql,
  type SqlOptions,
  timestampNtz,
} from "./sql.ts";
import { copyIntoSql, createHourlyTableSql, rowsLoaded, stageFolder } from "./stage_sql.ts";

export type {
  LoadDateSummary,
  LoadPlan,
  LoadSummary,
  PutFile,
  RunLoadOptions,
} from "./load_types.ts";

const byDate = (a: { date: string }, b: { date: string }) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0;

/** The SQL builders' options of a partition (the hourly table's partition column is `date`). */
export function sqlOptionsOf(p: Pick<Prepared, "spec">): SqlOptions {
  return p.spec === undefined ? {} : { spec: p.spec };
}

/** `CREATE TABLE IF NOT EXISTS` of a prepared partition's table. */
function createSqlOf(p: Pick<Prepared, "spec" | "table">): string {
  return p.spec === undefined
    ? createHourlyTableSql(p.table)
    : createTableSql(p.table, sqlOptionsOf(p));
}

/** Insert one partition's rows: bind batches, or COPY INTO from its stage folder. */
async function insertRows(
  session: SnowflakeSession,
  p: Prepared,
  day: LoadDateSummary,
  options: { batchSize: number; loadedAt: string },
): Promise<void> {
  if (p.binds !== undefined) {
    const insert = insertSql(p.table, sqlOptionsOf(p));
    for (const batch of batches(p.binds, options.batchSize)) {
      const n = (await session.execute(insert, batch)).rowsAffected;
      if (n !== undefined && n !== batch.length) {
        throw new Error(
          `Cannot load ${p.date}: Snowflake reported ${n} rows inserted for a batch of ${batch.length}`,
        );
      }
      day.inserted += batch.length;
      day.batches += 1;
    }
    return;
  }
  const folder = stageFolder(p.table, p.date, p.file!.sha256);
  const { rows } = await session.execute(copyIntoSql(p.table, folder, options.loadedAt));
  const n = rowsLoaded(rows);
  if (n !== p.rows) {
    throw new Error(
      `Cannot load ${p.date}: COPY INTO loaded ${n} rows from ${folder}, the partition has ` +
        `${p.rows}: ${JSON.stringify(rows).slice(0, 300)}`,
    );
  }
  day.inserted = n;
}

/** Load the plan's dates; returns per-date counts. Nothing is loaded unless all dates are ready. */
export async function runLoad(plan: LoadPlan, options: RunLoadOptions): Promise<LoadSummary> {
  if (plan.cleanTable === "measurements_hourly" && options.putFile === undefined) {
    throw new TypeError("Cannot load measurements_hourly: runLoad() needs options.putFile");
  }
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
  const tables = [...new Map(prepared.map((p) => [p.spec, p])).values()];
  try {
    if (plan.createSchema) await session.execute(createSchemaSql(plan.table));
    await session.execute(createSqlOf(tables[0]!));
    await session.execute(createStateTableSql(plan.table));
    const todo: Prepared[] = [];
    for (const first of tables) {
      if (first !== tables[0]) await session.execute(createSqlOf(first));
      const own = prepared.filter((p) => p.spec === first.spec);
      const sel = selectStateStatement(first.table, own[0]!.date, own.at(-1)!.date);
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
    // PUT is not transactional: the files are staged first, the COPY runs in the transaction.
    for (const p of todo.filter((p) => p.file !== undefined)) {
      const folder = stageFolder(p.table, p.date, p.file!.sha256);
      await options.putFile!(session, { bytes: p.file!.bytes, fileName: "part.parquet", folder });
      options.log?.("date_put", { date: p.date, folder, bytes: p.file!.bytes.byteLength });
    }
    await session.execute("BEGIN");
    let open = true;
    try {
      for (const p of todo) {
        const { date, sha, table } = p;
        const del = deleteDateStatement(table, date, sqlOptionsOf(p));
        const deleted = (await session.execute(del.sql, del.binds)).rowsAffected ?? 0;
        const day: LoadDateSummary = { date, status: "ok", deleted, inserted: 0, batches: 0 };
        await insertRows(session, p, day, { batchSize: plan.batchSize, loadedAt });
        const stateRow = { date, partitionSha256: sha, rows: p.rows, loadedAt };
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
