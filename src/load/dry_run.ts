/**
 * `load --dry-run`: what a load would do, per date, without changing anything: the
 * partitions are verified as for a load, then only SELECTs run (no DDL, no PUT, no
 * transaction): the load state says which dates would be skipped, a count per date says how
 * many rows the DELETE would remove. A table or state table that does not exist yet counts
 * as empty.
 */
import type { Logger } from "../log/logger.ts";
import type { SnowflakeSession } from "../snowflake.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { quoteIdentifier, quoteTableName } from "./identifiers.ts";
import { selectStateStatement, stateByDate } from "./load_state.ts";
import { prepareDates } from "./prepare_dates.ts";
import type { LoadPlan } from "./run_load.ts";
import { SnowflakeError } from "./snowflake_error.ts";
import { type Statement, timestampNtz } from "./sql.ts";

/** What a load would do for one date. */
export interface DatePlan {
  date: string;
  /** load: delete then insert; skip: already loaded from this partition; failed: not usable. */
  action: "load" | "skip" | "failed";
  /** Rows of the date in the table now (what the DELETE would remove; 0 when skipped). */
  delete: number;
  /** Rows of the partition (what would be inserted; 0 when skipped or failed). */
  insert: number;
  /** binds (daily table) or stage (PUT + COPY INTO, hourly table). */
  method: "binds" | "stage";
  error?: string;
}

/** Rows per date of the table in `from`..`to`. */
function countStatement(plan: LoadPlan, from: string, to: string): Statement {
  const date = quoteIdentifier("date");
  return {
    sql: `SELECT CAST(${date} AS VARCHAR) AS "DAY", COUNT(*) AS "N" FROM ` +
      `${quoteTableName(plan.table)} WHERE ${date} >= ? AND ${date} <= ? GROUP BY 1`,
    binds: [from, to],
  };
}

/** Rows of a SELECT, or none when its table does not exist yet. */
async function selectOrEmpty(session: SnowflakeSession, st: Statement) {
  try {
    return (await session.execute(st.sql, st.binds)).rows;
  } catch (e) {
    if (e instanceof SnowflakeError && e.kind === "missing_object") return [];
    throw e;
  }
}

/** Plan the load of `plan` (read-only); one DatePlan per date, in date order. */
export async function planLoad(
  plan: LoadPlan,
  options: {
    store: ObjectStore;
    connect: () => Promise<SnowflakeSession>;
    now: () => number;
    log?: Logger;
  },
): Promise<DatePlan[]> {
  const cleanTable = plan.cleanTable ?? "aggregate_station_by_day";
  const method = cleanTable === "measurements_hourly" ? "stage" : "binds";
  const loadedAt = timestampNtz(options.now());
  const { prepared, failed } = await prepareDates(options.store, {
    dates: plan.dates,
    cleanTable,
  }, { loadedAt, log: options.log });
  const out: DatePlan[] = failed.map((f) => ({
    date: f.date,
    action: "failed",
    delete: 0,
    insert: 0,
    method,
    error: f.error,
  }));
  const session = await options.connect();
  try {
    const from = prepared[0]!.date;
    const to = prepared.at(-1)!.date;
    const state = stateByDate(
      await selectOrEmpty(session, selectStateStatement(plan.table, from, to)),
    );
    const counts = new Map<string, number>();
    for (const r of await selectOrEmpty(session, countStatement(plan, from, to))) {
      counts.set(String(r.DAY ?? r.day).slice(0, 10), Number(r.N ?? r.n));
    }
    for (const p of prepared) {
      const skip = !plan.force && state.get(p.date) === p.sha;
      out.push({
        date: p.date,
        action: skip ? "skip" : "load",
        delete: skip ? 0 : counts.get(p.date) ?? 0,
        insert: skip ? 0 : p.rows,
        method,
      });
    }
  } finally {
    await session.close();
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
