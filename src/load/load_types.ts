/** The plan, options and summary of a load run (shared by run_load.ts and prepare_load.ts). */
import type { CleanTable } from "../lake/layout.ts";
import type { Logger } from "../log/logger.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import type { SnowflakeSession } from "../snowflake.ts";
import type { TableName } from "./identifiers.ts";

/** What was done for one date (or, for the compliance table, one year). */
export interface LoadDateSummary {
  date: string;
  /**
   * ok: loaded; skipped: already loaded from the same partition; failed: see `error`;
   * missing: a compliance year that is not built (not an error).
   */
  status: "ok" | "skipped" | "failed" | "missing";
  deleted: number;
  inserted: number;
  /** INSERT batches (a bind table); 0 for a staged load. */
  batches: number;
  error?: string;
}

/** Result of a run. */
export interface LoadSummary {
  table: string;
  loadedAt: string;
  dates: LoadDateSummary[];
  /** The compliance years, when the plan has `compliance`. */
  years?: LoadDateSummary[];
  deleted: number;
  inserted: number;
  /** False when a date failed. */
  ok: boolean;
}

/** What to load. */
export interface LoadPlan {
  dates: string[];
  /** The clean table of the dates (default aggregate_station_by_day). */
  cleanTable?: CleanTable;
  table: TableName;
  batchSize: number;
  createSchema: boolean;
  /** Load even the dates already loaded from the same partition. */
  force?: boolean;
  /** Also load the compliance partitions of these years into this table. */
  compliance?: { table: TableName; years: string[] };
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
