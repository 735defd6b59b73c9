/**
 * The DuckDB-WASM adapter: one in-memory database per process (node blocking build, no
 * worker), configured so that nothing ever tries to download an extension. Tables go in
 * and results come out as Arrow, always through the apache-arrow instance that
 * duckdb-wasm itself uses (ESM `npm:apache-arrow` is a different instance and is
 * silently ignored by duckdb-wasm).
 */
import duckdb from "@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs";
import type { DuckDBConnection } from "@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs";
import { createRequire } from "node:module";
import type * as ArrowTypes from "apache-arrow";

const require = createRequire(import.meta.url);

/** The apache-arrow module instance shared with duckdb-wasm (CommonJS copy). */
export const arrow: typeof ArrowTypes = require("apache-arrow");

/** An Arrow table from the shared instance. */
export type ArrowTable = ArrowTypes.Table;

/** Statements run once after instantiation. Order matters: nothing can be allowed later. */
const FAIL_FAST_SQL = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
];

/** One DuckDB-WASM connection; owns state across calls, hence a class. */
export class DuckDb {
  readonly #conn: DuckDBConnection;
  /** Wrap an open connection (use openDuckDb()). */
  constructor(conn: DuckDBConnection) {
    this.#conn = conn;
  }
  /** Run SQL and return the result as an Arrow table. */
  query(sql: string): ArrowTable {
    return this.#conn.query(sql) as ArrowTable;
  }
  /** Run SQL and return plain row objects (BIGINT as bigint). */
  rows(sql: string): Record<string, unknown>[] {
    return this.query(sql).toArray().map((r) =>
      (r as { toJSON(): Record<string, unknown> }).toJSON()
    );
  }
  /** Replace table `name` with the rows of an Arrow table. */
  insertArrow(name: string, table: ArrowTable): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new TypeError(`Invalid table name: "${name}"`);
    this.#conn.query(`DROP TABLE IF EXISTS ${name}`);
    this.#conn.insertArrowFromIPCStream(arrow.tableToIPC(table, "stream"), { name, create: true });
  }
}

let opened: Promise<DuckDb> | undefined;

/**
 * The process's DuckDB (instantiated on first call, about 1-2 s). External access is
 * disabled, so a query that needs json/parquet/icu fails at once instead of hanging.
 */
export function openDuckDb(): Promise<DuckDb> {
  opened ??= instantiate().catch((error) => {
    opened = undefined;
    throw new Error(`Cannot start DuckDB-WASM: ${(error as Error).message}`, { cause: error });
  });
  return opened;
}

async function instantiate(): Promise<DuckDb> {
  const wasm = require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");
  const bundle = { mainModule: wasm, mainWorker: "" };
  const db = await duckdb.createDuckDB(
    { mvp: bundle, eh: bundle },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const conn = db.connect();
  for (const sql of FAIL_FAST_SQL) conn.query(sql);
  return new DuckDb(conn);
}
