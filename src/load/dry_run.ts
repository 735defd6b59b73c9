/**
 * `load --dry-run`: what a load would do, per date (and per compliance year), without
 * changing anything: the partitions are verified as for a load, then only SELECTs run (no
 * DDL, no PUT, no transaction): the load state says which partitions would be skipped, a
 * count per partition says how many rows the DELETE would remove. A table or state table
 * that does not exist yet counts as empty.
 */
import type { SnowflakeSession } from "../snowflake.ts";
import { quoteIdentifier, quoteTableName, type TableName } from "./identifiers.ts";
import { selectStateStatement, stateByDate } from "./load_state.ts";
import type { LoadDateSummary, LoadPlan, RunLoadOptions } from "./load_types.ts";
import { prepare, type Prepared } from "./prepare_load.ts";
import { SnowflakeError } from "./snowflake_error.ts";
import { COMPLIANCE_TABLE, type Statement, timestampNtz } from "./sql.ts";

/** What a load would do for one date, or one year of the compliance table. */
export interface DatePlan {
  date: string;
  /**
   * load: delete then insert; skip: already loaded from this partition; failed: not usable;
   * missing: a compliance year that is not built (not an error).
   */
  action: "load" | "skip" | "failed" | "missing";
  /** Rows of the date in the table now (what the DELETE would remove; 0 when skipped). */
  delete: number;
  /** Rows of the partition (what would be inserted; 0 when skipped or failed). */
  insert: number;
  /** binds (daily and compliance tables) or stage (PUT + COPY INTO, hourly table). */
  method: "binds" | "stage";
  error?: string;
}

/** Rows per partition value of `table` in `from`..`to`. */
function countStatement(table: TableName, column: string, range: string[]): Statement {
  const c = quoteIdentifier(column);
  return {
    sql: `SELECT CAST(${c} AS VARCHAR) AS "DAY", COUNT(*) AS "N" FROM ` +
      `${quoteTableName(table)} WHERE ${c} >= ? AND ${c} <= ? GROUP BY 1`,
    binds: range,
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

const byDate = (a: DatePlan, b: DatePlan) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** The plans of the partitions not prepared (failed dates, missing or failed years). */
function notPrepared(days: LoadDateSummary[], method: DatePlan["method"]): DatePlan[] {
  return days.map((d) => ({
    date: d.date,
    action: d.status === "missing" ? "missing" : "failed",
    delete: 0,
    insert: 0,
    method,
    ...(d.error === undefined ? {} : { error: d.error }),
  }));
}

/** Plan the partitions of one table (read-only). */
async function planTable(
  session: SnowflakeSession,
  own: Prepared[],
  force: boolean,
): Promise<DatePlan[]> {
  const { table, spec } = own[0]!;
  const range = [own[0]!.date, own.at(-1)!.date];
  const state = stateByDate(
    await selectOrEmpty(session, selectStateStatement(table, range[0]!, range[1]!)),
  );
  const counts = new Map<string, number>();
  const column = spec?.partition.name ?? "date";
  for (const r of await selectOrEmpty(session, countStatement(table, column, range))) {
    counts.set(String(r.DAY ?? r.day).slice(0, 10), Number(r.N ?? r.n));
  }
  return own.map((p) => {
    const skip = !force && state.get(p.date) === p.sha;
    return {
      date: p.date,
      action: skip ? "skip" : "load",
      delete: skip ? 0 : counts.get(p.date) ?? 0,
      insert: skip ? 0 : p.rows,
      method: p.spec === undefined ? "stage" : "binds",
    };
  });
}

/** Plan the load of `plan` (read-only): the dates in date order, then the compliance years. */
export async function planLoad(
  plan: LoadPlan,
  options: Omit<RunLoadOptions, "putFile">,
): Promise<DatePlan[]> {
  const method = plan.cleanTable === "measurements_hourly" ? "stage" : "binds";
  const loadedAt = timestampNtz(options.now());
  const { prepared, failed, years } = await prepare(plan, { ...options, loadedAt });
  const dates = notPrepared(failed, method);
  const yearPlans = notPrepared(years, "binds");
  const session = await options.connect();
  try {
    const ownDates = prepared.filter((p) => p.spec !== COMPLIANCE_TABLE);
    const ownYears = prepared.filter((p) => p.spec === COMPLIANCE_TABLE);
    const force = plan.force === true;
    dates.push(...await planTable(session, ownDates, force));
    if (ownYears.length > 0) yearPlans.push(...await planTable(session, ownYears, force));
  } finally {
    await session.close();
  }
  return [...dates.sort(byDate), ...yearPlans.sort(byDate)];
}

/** One line of `load --dry-run`'s output. */
export function planLine(p: DatePlan): string {
  if (p.action === "missing") return `${p.date} missing: no compliance partition`;
  return `${p.date} ${p.action}: delete ${p.delete}, insert ${p.insert} (${p.method})` +
    (p.error ? `: ${p.error}` : "");
}
