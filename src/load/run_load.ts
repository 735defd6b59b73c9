/**
 * One load run: verify every requested partition before connecting (a date that is not
 * published is reported failed; the others go on), skip the dates already loaded from the
 * same partition (load_state.ts) unless `force`, then in ONE transaction delete the
 * remaining dates and insert their rows, and record their state. The daily table is
 * inserted with array binds in batches; the hourly table's files are PUT to the table's
 * stage before the transaction and loaded inside it with COPY INTO (stage_sql.ts). A failure
 * rolls back, so the table keeps its previous rows for those dates.
 */
import type { Logger } from "../log/logger.ts";
import type { CleanTable } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import type { SnowflakeSession } from "../snowflake.ts";
import { quoteTableName, type TableName } from "./identifiers.ts";
import {
  createStateTableSql,
  replaceStateStatements,
  selectStateStatement,
  stateByDate,
} from "./load_state.ts";
import { type Prepared, prepareDates } from "./prepare_dates.ts";
import {
  batches,
  createSchemaSql,
  createTableSql,
  deleteDateStatement,
  insertSql,
  timestampNtz,
} from "./sql.ts";
import { copyIntoSql, createHourlyTableSql, rowsLoaded, stageFolder } from "./stage_sql.ts";

/** What was done for one date. */
export interface LoadDateSummary {
  date: string;
  /** ok: loaded; skipped: already loaded from the same partition; failed: see `error`. */
  status: "ok" | "skipped" | "failed";
  deleted: number;
  inserted: number;
  /** INSERT batches (daily table); 0 for a staged load. */
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
  /** The clean table (default aggregate_station_by_day). */
  cleanTable?: CleanTable;
  table: TableName;
  batchSize: number;
  createSchema: boolean;
  /** Load even the dates already loaded from the same partition. */
  force?: boolean;
}

/** Upload `bytes` as `fileName` into the stage folder `folder` (a PUT from a local file). */
export type PutFile = (
  session: SnowflakeSession,
  file: { bytes: Uint8Array; fileName: string; folder: string },
) => Promise<void>;

/** Options of runLoad(). */
export interface RunLoadOptions {
  store: ObjectStore;
  /** Opens the Snowflake session; called only after every partition was verified. */
  connect: () => Promise<SnowflakeSession>;
  /** Clock for `loaded_at` (epoch ms). */
  now: () => number;
  /** Uploads a file to a stage (needed for the hourly table). */
  putFile?: PutFile;
  /** Progress events. */
  log?: Logger;
}

/** The statements of one date inside the transaction; returns its summary. */
async function loadDate(
  session: SnowflakeSession,
  p: Prepared,
  plan: LoadPlan,
  loadedAt: string,
): Promise<LoadDateSummary> {
  const del = deleteDateStatement(plan.table, p.date);
  const deleted = (await session.execute(del.sql, del.binds)).rowsAffected ?? 0;
  const day: LoadDateSummary = { date: p.date, status: "ok", deleted, inserted: 0, batches: 0 };
  if (p.binds !== undefined) {
    const insert = insertSql(plan.table);
    for (const batch of batches(p.binds, plan.batchSize)) {
      const n = (await session.execute(insert, batch)).rowsAffected;
      if (n !== undefined && n !== batch.length) {
        throw new Error(
          `Cannot load ${p.date}: Snowflake reported ${n} rows inserted for a batch of ${batch.length}`,
        );
      }
      day.inserted += batch.length;
      day.batches += 1;
    }
  } else {
    const folder = stageFolder(plan.table, p.date, p.file!.sha256);
    const { rows } = await session.execute(copyIntoSql(plan.table, folder, loadedAt));
    const n = rowsLoaded(rows);
    if (n !== p.rows) {
      throw new Error(
        `Cannot load ${p.date}: COPY INTO loaded ${n} rows from ${folder}, the partition has ` +
          `${p.rows}: ${JSON.stringify(rows).slice(0, 300)}`,
      );
    }
    day.inserted = n;
  }
  const stateRow = { date: p.date, partitionSha256: p.sha, rows: p.rows, loadedAt };
  for (const st of replaceStateStatements(plan.table, stateRow)) {
    await session.execute(st.sql, st.binds);
  }
  return day;
}

/** Load the plan's dates; returns per-date counts. Nothing is loaded unless all dates are ready. */
export async function runLoad(plan: LoadPlan, options: RunLoadOptions): Promise<LoadSummary> {
  const cleanTable = plan.cleanTable ?? "aggregate_station_by_day";
  if (cleanTable === "measurements_hourly" && options.putFile === undefined) {
    throw new TypeError("Cannot load measurements_hourly: runLoad() needs options.putFile");
  }
  const loadedAt = timestampNtz(options.now());
  const { prepared, failed } = await prepareDates(options.store, {
    dates: plan.dates,
    cleanTable,
  }, { loadedAt, log: options.log });
  const session = await options.connect();
  const summary: LoadSummary = {
    table: quoteTableName(plan.table),
    loadedAt,
    dates: [],
    deleted: 0,
    inserted: 0,
    ok: failed.length === 0,
  };
  const done = () => {
    summary.dates.push(
      ...failed.map((f) => ({
        ...f,
        status: "failed" as const,
        deleted: 0,
        inserted: 0,
        batches: 0,
      })),
    );
    summary.dates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return summary;
  };
  try {
    if (plan.createSchema) await session.execute(createSchemaSql(plan.table));
    await session.execute(
      cleanTable === "measurements_hourly"
        ? createHourlyTableSql(plan.table)
        : createTableSql(plan.table),
    );
    await session.execute(createStateTableSql(plan.table));
    const sel = selectStateStatement(plan.table, prepared[0]!.date, prepared.at(-1)!.date);
    const state = stateByDate((await session.execute(sel.sql, sel.binds)).rows);
    const todo = prepared.filter((p) => plan.force || state.get(p.date) !== p.sha);
    for (const p of prepared.filter((p) => !todo.includes(p))) {
      summary.dates.push({ date: p.date, status: "skipped", deleted: 0, inserted: 0, batches: 0 });
      options.log?.("date_skipped", { date: p.date, partition_sha256: p.sha });
    }
    if (todo.length === 0) return done();
    // PUT is not transactional: the files are staged first, the COPY runs in the transaction.
    for (const p of todo.filter((p) => p.file !== undefined)) {
      const folder = stageFolder(plan.table, p.date, p.file!.sha256);
      await options.putFile!(session, { bytes: p.file!.bytes, fileName: "part.parquet", folder });
      options.log?.("date_put", { date: p.date, folder, bytes: p.file!.bytes.byteLength });
    }
    await session.execute("BEGIN");
    let open = true;
    try {
      for (const p of todo) {
        const day = await loadDate(session, p, plan, loadedAt);
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
