/**
 * Integration: runLoad() with the real snowflake-sdk against fakesnow in server mode (through
 * the test-only bridge in tests/fakesnow_bridge/). Each test starts and stops its own server.
 */
import assert from "node:assert/strict";
import { runLoad } from "../../src/load/run_load.ts";
import { type TableName } from "../../src/load/identifiers.ts";
import { SnowflakeError } from "../../src/load/snowflake_error.ts";
import {
  connectToFakesnow as connectTo,
  type Fakesnow,
  FAKESNOW_PASSWORD as PASSWORD,
  fakesnowInstalled,
  startFakesnow,
} from "../_fakesnow.ts";
import { MemoryStore } from "../_fakes.ts";
import { type AggRow, aggRow, publishAggregate } from "../support/partitions.ts";

const ignore = !fakesnowInstalled();
const TABLE: TableName = { database: "AIRQ", schema: "CLEAN", table: "AGGREGATE_STATION_BY_DAY" };
const NOW = Date.UTC(2026, 10, 25, 1, 2, 3, 456);

/** Every row of the table (loaded_at apart), as sorted plain objects. */
async function tableRows(fs: Fakesnow) {
  const s = await connectTo(fs);
  try {
    const { rows } = await s.execute(
      `SELECT "STATION_ID", "TIMESERIES_ID", "PHENOMENON_ID", CAST("DATE" AS VARCHAR) AS "D",
        "AVG_VALUE", "LATITUDE", "UOM", "IS_VALID", "VALUE_COUNT"
       FROM "AIRQ"."CLEAN"."AGGREGATE_STATION_BY_DAY" ORDER BY "D", "STATION_ID"`,
    );
    return rows;
  } finally {
    await s.close();
  }
}

function expected(date: string, rows: AggRow[]) {
  return rows.map((r) => ({
    STATION_ID: Number(r.station_id),
    TIMESERIES_ID: Number(r.timeseries_id),
    PHENOMENON_ID: r.phenomenon_id,
    D: date,
    AVG_VALUE: r.avg_value,
    LATITUDE: r.latitude,
    UOM: r.uom,
    IS_VALID: r.is_valid,
    VALUE_COUNT: r.value_count,
  }));
}

function plan(dates: string[], batchSize = 1000) {
  return { dates, table: TABLE, batchSize, createSchema: false };
}

const rowsA = Array.from({ length: 5 }, (_, i) => aggRow(i));
const rowsB = Array.from({ length: 3 }, (_, i) => aggRow(i, { avg_value: 40 + i }));

Deno.test({
  name: "runLoad() loads, reloads idempotently and replaces changed dates in fakesnow",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
}, async (t) => {
  const fs = await startFakesnow({ password: PASSWORD.password });
  const store = new MemoryStore();
  const run = (dates: string[], batchSize?: number, force = false) =>
    runLoad({ ...plan(dates, batchSize), force }, {
      store,
      connect: () => connectTo(fs),
      now: () => NOW,
    });
  try {
    await publishAggregate(store, "2024-03-30", rowsA);
    await publishAggregate(store, "2024-03-31", rowsB);

    await t.step("first load creates the table and inserts the rows", async () => {
      const s = await run(["2024-03-30"], 2);
      assert.deepEqual(s.dates, [{
        date: "2024-03-30",
        status: "ok",
        deleted: 0,
        inserted: 5,
        batches: 3,
      }]);
      assert.equal(s.loadedAt, "2026-11-25 01:02:03.456");
      assert.deepEqual(await tableRows(fs), expected("2024-03-30", rowsA));
    });

    await t.step(
      "second load of the same date skips it; a forced one leaves the same rows",
      async () => {
        const skipped = await run(["2024-03-30"]);
        assert.deepEqual(skipped.dates, [
          { date: "2024-03-30", status: "skipped", deleted: 0, inserted: 0, batches: 0 },
        ]);
        const s = await run(["2024-03-30"], 1000, true);
        assert.deepEqual(s.dates, [{
          date: "2024-03-30",
          status: "ok",
          deleted: 5,
          inserted: 5,
          batches: 1,
        }]);
        assert.deepEqual(await tableRows(fs), expected("2024-03-30", rowsA));
      },
    );

    await t.step("two dates in one run, the loaded one skipped", async () => {
      const s = await run(["2024-03-30", "2024-03-31"]);
      assert.deepEqual(s.dates, [
        { date: "2024-03-30", status: "skipped", deleted: 0, inserted: 0, batches: 0 },
        { date: "2024-03-31", status: "ok", deleted: 0, inserted: 3, batches: 1 },
      ]);
      assert.equal(s.inserted, 3);
      assert.deepEqual(await tableRows(fs), [
        ...expected("2024-03-30", rowsA),
        ...expected("2024-03-31", rowsB),
      ]);
    });

    await t.step("reload after the clean data changed replaces only that date", async () => {
      const changed = [aggRow(1, { avg_value: 99.5 }), aggRow(7)];
      await publishAggregate(store, "2024-03-30", changed);
      const s = await run(["2024-03-30"]);
      assert.deepEqual(s.dates, [{
        date: "2024-03-30",
        status: "ok",
        deleted: 5,
        inserted: 2,
        batches: 1,
      }]);
      assert.deepEqual(await tableRows(fs), [
        ...expected("2024-03-30", changed),
        ...expected("2024-03-31", rowsB),
      ]);
    });
  } finally {
    await fs.close();
  }
});

Deno.test({
  name: "connectSnowflake() fails with a clear authentication error when the password is wrong",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const fs = await startFakesnow({ password: PASSWORD.password });
  try {
    const wrong = "wr0ng-Passw0rd";
    const error = await connectTo(fs, { kind: "password", password: wrong }).then(
      () => undefined,
      (e) => e,
    );
    assert.ok(error instanceof SnowflakeError);
    assert.equal(error.kind, "authentication");
    assert.equal(error.code, "390100");
    assert.equal(
      error.message,
      'Cannot connect to Snowflake account "airq_test" as "LOADER": authentication error: ' +
        "390100: Incorrect username or password was specified.: check SNOWFLAKE_ACCOUNT and " +
        "SNOWFLAKE_USER, and SNOWFLAKE_PASSWORD or the key pair (the user's RSA_PUBLIC_KEY " +
        "must match SNOWFLAKE_PRIVATE_KEY)",
    );
    assert.ok(!error.message.includes(wrong));
  } finally {
    await fs.close();
  }
});

Deno.test({
  name: "runLoad() leaves the table as before when the server dies mid-load, and a rerun loads",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const dbPath = await Deno.makeTempDir({ prefix: "airq-fakesnow-" });
  const store = new MemoryStore();
  let fs = await startFakesnow({ password: PASSWORD.password, dbPath });
  try {
    await publishAggregate(store, "2024-01-15", rowsA);
    await runLoad(plan(["2024-01-15"]), { store, connect: () => connectTo(fs), now: () => NOW });
    const changed = Array.from({ length: 7 }, (_, i) => aggRow(i, { avg_value: 1000 + i }));
    await publishAggregate(store, "2024-01-15", changed);

    await fs.crashOnInsert(2); // DELETE and the first batch ran, the second batch kills it
    const pending = runLoad(plan(["2024-01-15"], 3), {
      store,
      connect: () => connectTo(fs),
      now: () => NOW,
    }).then(() => undefined, (e) => e);
    assert.equal(await fs.exited, 3);
    // Back on the same port (the driver is still retrying): the old session is gone, as
    // after a Snowflake-side restart, so the driver's retry fails instead of waiting minutes.
    fs = await startFakesnow({ password: PASSWORD.password, dbPath, port: fs.port });
    const error = await pending;
    assert.ok(error instanceof SnowflakeError, String(error));
    assert.equal(error.kind, "session", error.message);
    assert.ok(error.message.startsWith('Cannot run "INSERT INTO "AIRQ"."CLEAN"'), error.message);

    assert.deepEqual(await tableRows(fs), expected("2024-01-15", rowsA));

    const s = await runLoad(plan(["2024-01-15"], 3), {
      store,
      connect: () => connectTo(fs),
      now: () => NOW,
    });
    assert.deepEqual(s.dates, [{
      date: "2024-01-15",
      status: "ok",
      deleted: 5,
      inserted: 7,
      batches: 3,
    }]);
    assert.deepEqual(await tableRows(fs), expected("2024-01-15", changed));
  } finally {
    await fs.close();
    await Deno.remove(dbPath, { recursive: true });
  }
});

Deno.test({
  name: "runLoad() runs for different dates concurrently without touching each other's rows",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const fs = await startFakesnow({ password: PASSWORD.password });
  const store = new MemoryStore();
  const run = (dates: string[]) =>
    runLoad(plan(dates, 2), { store, connect: () => connectTo(fs), now: () => NOW });
  try {
    await publishAggregate(store, "2024-03-30", rowsA);
    await publishAggregate(store, "2024-03-31", rowsB);
    await run(["2024-03-30", "2024-03-31"]); // creates the table, so both runs below find it
    const changedA = rowsA.map((r) => ({ ...r, avg_value: r.avg_value + 100 }));
    const changedB = rowsB.slice(0, 2).map((r) => ({ ...r, avg_value: r.avg_value + 200 }));
    await publishAggregate(store, "2024-03-30", changedA);
    await publishAggregate(store, "2024-03-31", changedB);
    const [a, b] = await Promise.all([run(["2024-03-30"]), run(["2024-03-31"])]);
    assert.deepEqual(a.dates, [{
      date: "2024-03-30",
      status: "ok",
      deleted: 5,
      inserted: 5,
      batches: 3,
    }]);
    assert.deepEqual(b.dates, [{
      date: "2024-03-31",
      status: "ok",
      deleted: 3,
      inserted: 2,
      batches: 1,
    }]);
    assert.deepEqual(await tableRows(fs), [
      ...expected("2024-03-30", changedA),
      ...expected("2024-03-31", changedB),
    ]);
  } finally {
    await fs.close();
  }
});
