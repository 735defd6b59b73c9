import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { runLoad } from "../../src/load/run_load.ts";
import type { ExecuteResult, SnowflakeSession } from "../../src/snowflake.ts";
import { MemoryStore } from "../_fakes.ts";
import { aggRow, publishAggregate } from "../support/partitions.ts";
import { publishCompliance } from "../support/compliance_partition.ts";

const TABLE = { database: "AIRQ", schema: "CLEAN", table: "AGG" };
const T = '"AIRQ"."CLEAN"."AGG"';
const S = '"AIRQ"."CLEAN"."AIRQ_LOAD_STATE"';
const NOW = Date.UTC(2026, 10, 25, 1, 0, 0);

/** A session that records statements; `fail(sql, i)` may throw to simulate an error. */
function recordingSession(fail?: (sql: string, index: number) => void) {
  const calls: { sql: string; binds: unknown }[] = [];
  let closed = 0;
  const session: SnowflakeSession = {
    execute(sql, binds): Promise<ExecuteResult> {
      calls.push({ sql: sql.split("\n")[0]!, binds });
      try {
        fail?.(sql, calls.length - 1);
      } catch (e) {
        return Promise.reject(e);
      }
      const n = sql.startsWith("INSERT")
        ? (binds as unknown[]).length
        : sql.startsWith("DELETE")
        ? 4
        : undefined;
      return Promise.resolve({ rows: [], rowsAffected: n });
    },
    close() {
      closed++;
      return Promise.resolve();
    },
  };
  return { session, calls, closed: () => closed };
}

Deno.test("runLoad() creates the table, then deletes and inserts every date in one transaction", async () => {
  const store = new MemoryStore();
  await publishAggregate(store, "2024-03-30", [aggRow(1), aggRow(2), aggRow(3)]);
  await publishAggregate(store, "2024-03-31", [aggRow(4)]);
  const { session, calls, closed } = recordingSession();
  const events: string[] = [];
  const summary = await runLoad(
    { dates: ["2024-03-30", "2024-03-31"], table: TABLE, batchSize: 2, createSchema: true },
    {
      store,
      connect: () => Promise.resolve(session),
      now: () => NOW,
      log: (e) => events.push(e),
    },
  );
  const D = `DELETE FROM ${T} WHERE "DATE" = ?`;
  const SD = `DELETE FROM ${S} WHERE "TABLE_NAME" = ?`.slice(0, 50);
  const SI = `INSERT INTO ${S} ("TABLE_NAME", "DAY"`.slice(0, 50);
  const I = `INSERT INTO ${T} ("STATION_ID", "S`;
  assert.deepEqual(calls.map((c) => c.sql.slice(0, 50)), [
    'CREATE SCHEMA IF NOT EXISTS "AIRQ"."CLEAN"',
    `CREATE TABLE IF NOT EXISTS ${T} (`,
    `CREATE TABLE IF NOT EXISTS ${S} (`.slice(0, 50),
    `SELECT "DAY", "PARTITION_SHA256" FROM ${S}`.slice(0, 50),
    "BEGIN",
    D,
    I,
    I,
    SD,
    SI,
    D,
    I,
    SD,
    SI,
    "COMMIT",
  ]);
  assert.deepEqual(calls[3]!.binds, ["AIRQ.CLEAN.AGG", "2024-03-30", "2024-03-31"]);
  assert.deepEqual(calls[5]!.binds, ["2024-03-30"]);
  const firstBatch = calls[6]!.binds as string[][];
  assert.equal(firstBatch.length, 2);
  assert.deepEqual(firstBatch[0]!.slice(0, 2), ["1001", "40AB01 - Station 1"]);
  assert.deepEqual(firstBatch[0]!.slice(-2), ["2024-03-30", "2026-11-25 01:00:00.000"]);
  assert.equal((calls[7]!.binds as string[][]).length, 1);
  const sha = (await store.get("clean/aggregate_station_by_day/date=2024-03-30/_SUCCESS"))!;
  const partition = JSON.parse(new TextDecoder().decode(sha)).files[0].sha256;
  assert.deepEqual(calls[9]!.binds, [
    "AIRQ.CLEAN.AGG",
    "2024-03-30",
    partition,
    "3",
    "2026-11-25 01:00:00.000",
  ]);
  assert.deepEqual(summary, {
    table: T,
    loadedAt: "2026-11-25 01:00:00.000",
    dates: [
      { date: "2024-03-30", status: "ok", deleted: 4, inserted: 3, batches: 2 },
      { date: "2024-03-31", status: "ok", deleted: 4, inserted: 1, batches: 1 },
    ],
    deleted: 8,
    inserted: 4,
    ok: true,
  });
  assert.equal(closed(), 1);
  assert.deepEqual(events, ["partition_ok", "partition_ok", "date_staged", "date_staged"]);
});

Deno.test("runLoad() refuses the run before connecting when no date is published", async () => {
  const store = new MemoryStore();
  let connected = false;
  const error = await runLoad(
    { dates: ["2024-03-29", "2024-03-31"], table: TABLE, batchSize: 10, createSchema: false },
    {
      store,
      connect: () => {
        connected = true;
        return Promise.reject(new Error("must not connect"));
      },
      now: () => NOW,
    },
  ).then(() => undefined, (e) => e);
  assert.equal(connected, false);
  assert.ok(error instanceof LakeError);
  assert.equal(
    error.message,
    "Cannot load 2 of 2 dates, nothing was loaded:\n" +
      '  - Cannot read partition "clean/aggregate_station_by_day/date=2024-03-29/" in memory://: no _SUCCESS (not transformed yet, or a transform is in progress): run "deno task transform --date 2024-03-29 --lake memory://"\n' +
      '  - Cannot read partition "clean/aggregate_station_by_day/date=2024-03-31/" in memory://: no _SUCCESS (not transformed yet, or a transform is in progress): run "deno task transform --date 2024-03-31 --lake memory://"',
  );
});

Deno.test("runLoad() loads the published dates and reports the unpublished ones failed", async () => {
  const store = new MemoryStore();
  await publishAggregate(store, "2024-03-30", [aggRow(1)]);
  const { session, calls } = recordingSession();
  const summary = await runLoad(
    {
      dates: ["2024-03-29", "2024-03-30", "2024-03-31"],
      table: TABLE,
      batchSize: 10,
      createSchema: false,
    },
    { store, connect: () => Promise.resolve(session), now: () => NOW },
  );
  assert.equal(summary.ok, false);
  assert.deepEqual(summary.dates.map((d) => [d.date, d.status, d.inserted]), [
    ["2024-03-29", "failed", 0],
    ["2024-03-30", "ok", 1],
    ["2024-03-31", "failed", 0],
  ]);
  assert.match(
    summary.dates[0]!.error!,
    /^Cannot read partition .*date=2024-03-29\/" in memory:\/\/: no _SUCCESS/,
  );
  assert.deepEqual(calls.filter((c) => c.sql.startsWith("DELETE FROM " + T)).map((c) => c.binds), [
    ["2024-03-30"],
  ]);
});

Deno.test("runLoad() skips a date loaded from the same partition unless forced, and reloads a changed one", async () => {
  const store = new MemoryStore();
  await publishAggregate(store, "2024-03-30", [aggRow(1)]);
  await publishAggregate(store, "2024-03-31", [aggRow(2)]);
  const marker = async (date: string) =>
    JSON.parse(new TextDecoder().decode(
      (await store.get(`clean/aggregate_station_by_day/date=${date}/_SUCCESS`))!,
    )).files[0].sha256;
  const state = [{ DAY: "2024-03-30", PARTITION_SHA256: await marker("2024-03-30") }, {
    DAY: "2024-03-31",
    PARTITION_SHA256: "another",
  }];
  const run = async (force: boolean) => {
    const { session, calls } = recordingSession();
    const withState: SnowflakeSession = {
      ...session,
      async execute(sql, binds) {
        const r = await session.execute(sql, binds);
        return sql.startsWith("SELECT") ? { ...r, rows: state } : r;
      },
    };
    const summary = await runLoad(
      {
        dates: ["2024-03-30", "2024-03-31"],
        table: TABLE,
        batchSize: 10,
        createSchema: false,
        force,
      },
      { store, connect: () => Promise.resolve(withState), now: () => NOW },
    );
    const deleted = calls.filter((c) => c.sql.startsWith("DELETE FROM " + T)).map((c) => c.binds);
    return [summary.dates.map((d) => [d.date, d.status]), deleted];
  };
  assert.deepEqual(await run(false), [
    [["2024-03-30", "skipped"], ["2024-03-31", "ok"]],
    [["2024-03-31"]],
  ]);
  assert.deepEqual(await run(true), [
    [["2024-03-30", "ok"], ["2024-03-31", "ok"]],
    [["2024-03-30"], ["2024-03-31"]],
  ]);
});

Deno.test("runLoad() rolls back and closes when a statement fails inside the transaction", async () => {
  const store = new MemoryStore();
  await publishAggregate(store, "2024-03-30", [aggRow(1), aggRow(2)]);
  const { session, calls, closed } = recordingSession((sql, i) => {
    if (sql.startsWith("INSERT") && i === 6) throw new Error("boom on the second batch");
  });
  const events: string[] = [];
  await assert.rejects(
    runLoad(
      { dates: ["2024-03-30"], table: TABLE, batchSize: 1, createSchema: false },
      {
        store,
        connect: () => Promise.resolve(session),
        now: () => NOW,
        log: (e) => events.push(e),
      },
    ),
    { message: "boom on the second batch" },
  );
  assert.deepEqual(calls.map((c) => c.sql.split(" ")[0]), [
    "CREATE",
    "CREATE",
    "SELECT",
    "BEGIN",
    "DELETE",
    "INSERT",
    "INSERT",
    "ROLLBACK",
  ]);
  assert.equal(closed(), 1);
  assert.deepEqual(events.slice(-1), ["rolled_back"]);
});

Deno.test("runLoad() fails when Snowflake reports another inserted count than the batch size", async () => {
  const store = new MemoryStore();
  await publishAggregate(store, "2024-03-30", [aggRow(1), aggRow(2)]);
  const { session, calls } = recordingSession();
  const lying: SnowflakeSession = {
    ...session,
    async execute(sql, binds) {
      const r = await session.execute(sql, binds);
      return sql.startsWith("INSERT") ? { ...r, rowsAffected: 1 } : r;
    },
  };
  await assert.rejects(
    runLoad(
      { dates: ["2024-03-30"], table: TABLE, batchSize: 1000, createSchema: false },
      { store, connect: () => Promise.resolve(lying), now: () => NOW },
    ),
    { message: "Cannot load 2024-03-30: Snowflake reported 1 rows inserted for a batch of 2" },
  );
  assert.equal(calls.at(-1)!.sql, "ROLLBACK");
});

Deno.test("runLoad() loads an empty published partition as a delete of that date", async () => {
  const store = new MemoryStore();
  await publishAggregate(store, "2024-03-30", []);
  const { session, calls } = recordingSession();
  const summary = await runLoad(
    { dates: ["2024-03-30"], table: TABLE, batchSize: 10, createSchema: false },
    { store, connect: () => Promise.resolve(session), now: () => NOW },
  );
  assert.deepEqual(summary.dates, [
    { date: "2024-03-30", status: "ok", deleted: 4, inserted: 0, batches: 0 },
  ]);
  assert.deepEqual(calls.map((c) => c.sql.split(" ")[0]), [
    "CREATE",
    "CREATE",
    "SELECT",
    "BEGIN",
    "DELETE",
    "DELETE",
    "INSERT",
    "COMMIT",
  ]);
});

Deno.test("runLoad() loads the compliance year in the same transaction as the dates", async () => {
  const store = new MemoryStore();
  await publishAggregate(store, "2024-01-31", [aggRow(1)]);
  const rows = await publishCompliance(store, 2024, [{ stationId: 1, level: 30, hours: 24 }]);
  const { session, calls } = recordingSession();
  const YEARLY = { database: "AIRQ", schema: "CLEAN", table: "YEARLY" };
  const summary = await runLoad({
    dates: ["2024-01-31"],
    table: TABLE,
    batchSize: 1000,
    createSchema: false,
    compliance: { table: YEARLY, years: ["2024"] },
  }, { store, connect: () => Promise.resolve(session), now: () => NOW });
  const Y = '"AIRQ"."CLEAN"."YEARLY"';
  assert.deepEqual(
    calls.map((c) => c.sql.slice(0, 40)),
    [
      `CREATE TABLE IF NOT EXISTS ${T} (`,
      `CREATE TABLE IF NOT EXISTS ${S} (`,
      `SELECT "DAY", "PARTITION_SHA256" FROM ${S}`.slice(0, 40),
      `CREATE TABLE IF NOT EXISTS ${Y} (`,
      `SELECT "DAY", "PARTITION_SHA256" FROM ${S}`.slice(0, 40),
      "BEGIN",
      `DELETE FROM ${T} WHERE "DATE" = ?`,
      `INSERT INTO ${T} ("STATION_ID", "S`.slice(0, 40),
      `DELETE FROM ${S} WHERE "TABLE_NAME" = ?`.slice(0, 40),
      `INSERT INTO ${S} ("TABLE_NAME", "DAY"`.slice(0, 40),
      `DELETE FROM ${Y} WHERE "YEAR" = ?`,
      `INSERT INTO ${Y} ("STATION_ID", "STATION_LABEL"`.slice(0, 40),
      `DELETE FROM ${S} WHERE "TABLE_NAME" = ?`.slice(0, 40),
      `INSERT INTO ${S} ("TABLE_NAME", "DAY"`.slice(0, 40),
      "COMMIT",
    ].map((sql) => sql.slice(0, 40)),
  );
  const insert = calls.find((c) => c.sql.startsWith(`INSERT INTO ${Y}`))!;
  const first = (insert.binds as string[][])[0]!;
  assert.equal(first.length, 20); // 18 Parquet columns, year, loaded_at
  assert.deepEqual(first.slice(-2), ["2024", "2026-11-25 01:00:00.000"]);
  assert.deepEqual(summary.years, [
    { date: "2024", status: "ok", deleted: 4, inserted: rows, batches: 1 },
  ]);
});
