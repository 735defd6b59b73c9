/**
 * Integration: the hourly table's staged load (PUT to the table stage + COPY INTO, in the
 * per-date transaction) and `--dry-run`, with the real snowflake-sdk against fakesnow through
 * tests/fakesnow_bridge/. The partitions are made by the real transform from raw days.
 */
import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import { planLoad } from "../../src/load/dry_run.ts";
import type { TableName } from "../../src/load/identifiers.ts";
import { type LoadPlan, runLoad } from "../../src/load/run_load.ts";
import { putFileToStage } from "../../src/snowflake.ts";
import { transformDay } from "../../src/transform/transform_day.ts";
import {
  connectToFakesnow as connectTo,
  type Fakesnow,
  FAKESNOW_PASSWORD as PASSWORD,
  fakesnowInstalled,
  startFakesnow,
} from "../_fakesnow.ts";
import { MemoryStore } from "../_fakes.ts";
import { writeRawDay } from "../_raw_day.ts";
import { windowStamps } from "../_raw_day.ts";

const ignore = !fakesnowInstalled();
const TABLE: TableName = { database: "AIRQ", schema: "CLEAN", table: "MEASUREMENTS_HOURLY" };
const NOW = Date.UTC(2026, 10, 25, 1, 2, 3, 456);

/** Transform a raw day of two series (one with a value ≤ −99, one with a null). */
async function publishHourly(store: MemoryStore, date: string, offset: number): Promise<number> {
  const stamps = windowStamps(date).slice(1);
  await writeRawDay(store, {
    date,
    series: [
      { id: 6152, station: 1030, phenomenon: 5, values: stamps.map((t, i) => [t, i + offset]) },
      { id: 7074, station: 1207, phenomenon: 8, values: stamps.map((t, i) => [t, i ? 20 : null]) },
    ],
    stations: {
      1030: { label: "40AL01 - Linkeroever", lon: 4.38, lat: 51.23 },
      1207: { label: "44R701 - Gent", lon: 3.73, lat: 51.06 },
    },
  });
  const s = await transformDay(store, date, { timezone: "Europe/Brussels", db: openDuckDb() });
  return s.hourly_rows;
}

async function query(fs: Fakesnow, sql: string) {
  const s = await connectTo(fs);
  try {
    return (await s.execute(sql)).rows;
  } finally {
    await s.close();
  }
}

Deno.test({
  name: "hourly load: dry run changes nothing, PUT + COPY loads, a rerun is a no-op",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
}, async (t) => {
  const fs = await startFakesnow({ password: PASSWORD.password });
  const store = new MemoryStore();
  const plan = (force = false): LoadPlan => ({
    dates: ["2024-03-30", "2024-03-31"],
    cleanTable: "measurements_hourly",
    table: TABLE,
    batchSize: 1000,
    createSchema: true,
    force,
  });
  const options = { store, connect: () => connectTo(fs), now: () => NOW };
  const load = (force = false) => runLoad(plan(force), { ...options, putFile: putFileToStage });
  try {
    const rows30 = await publishHourly(store, "2024-03-30", 0);
    const rows31 = await publishHourly(store, "2024-03-31", 0);
    assert.deepEqual([rows30, rows31], [48, 46], "24 + 24 rows, then 23 + 23 on the DST day");

    await t.step("a dry run on an empty account plans two loads and creates nothing", async () => {
      assert.deepEqual(await planLoad(plan(), options), [
        { date: "2024-03-30", action: "load", delete: 0, insert: 48, method: "stage" },
        { date: "2024-03-31", action: "load", delete: 0, insert: 46, method: "stage" },
      ]);
      await assert.rejects(query(fs, `SELECT 1 FROM "AIRQ"."CLEAN"."MEASUREMENTS_HOURLY"`));
    });

    await t.step("the load stages each file and copies it in the transaction", async () => {
      const s = await load();
      assert.deepEqual(s.dates.map((d) => [d.date, d.status, d.deleted, d.inserted]), [
        ["2024-03-30", "ok", 0, 48],
        ["2024-03-31", "ok", 0, 46],
      ]);
      const rows = await query(
        fs,
        `SELECT CAST("DATE" AS VARCHAR) AS D, COUNT(*) AS N, MIN("HOUR_START") AS S,
                MAX("HOUR_END") AS E, MIN("STATION_CODE") AS C, COUNT("VALUE") AS V,
                MIN("LOADED_AT") AS L
         FROM "AIRQ"."CLEAN"."MEASUREMENTS_HOURLY" GROUP BY 1 ORDER BY 1`,
      );
      assert.deepEqual(rows.map((r) => [r.D, r.N, r.C, r.V]), [
        ["2024-03-30", 48, "40AL01", 47],
        ["2024-03-31", 46, "40AL01", 45],
      ]);
      // The DST day: 2024-03-30 23:00 UTC (00:00 +01:00) to 2024-03-31 22:00 UTC (00:00 +02:00).
      assert.equal(new Date(String(rows[1]!.S)).toISOString(), "2024-03-30T23:00:00.000Z");
      assert.equal(new Date(String(rows[1]!.E)).toISOString(), "2024-03-31T22:00:00.000Z");
      // The driver's default TIMESTAMP_NTZ output format shows whole seconds.
      assert.equal(new Date(String(rows[0]!.L)).getTime(), Math.floor(NOW / 1000) * 1000);
      const staged = await query(fs, `LIST @AIRQ.CLEAN.%MEASUREMENTS_HOURLY`);
      assert.deepEqual(staged, [], "COPY purged the staged files");
    });

    await t.step("a rerun skips both dates and the dry run says so", async () => {
      const s = await load();
      assert.deepEqual(s.dates.map((d) => d.status), ["skipped", "skipped"]);
      assert.deepEqual((await planLoad(plan(), options)).map((p) => p.action), ["skip", "skip"]);
      const n = await query(fs, `SELECT COUNT(*) AS N FROM "AIRQ"."CLEAN"."MEASUREMENTS_HOURLY"`);
      assert.equal(n[0]!.N, 94);
    });

    await t.step("a changed partition: the dry run counts the rows it would replace", async () => {
      await publishHourly(store, "2024-03-31", 100);
      assert.deepEqual(await planLoad(plan(), options), [
        { date: "2024-03-30", action: "skip", delete: 0, insert: 0, method: "stage" },
        { date: "2024-03-31", action: "load", delete: 46, insert: 46, method: "stage" },
      ]);
      const s = await load();
      assert.deepEqual(s.dates.map((d) => [d.status, d.deleted, d.inserted]), [
        ["skipped", 0, 0],
        ["ok", 46, 46],
      ]);
      const max = await query(
        fs,
        `SELECT MAX("VALUE") AS M, COUNT(*) AS N FROM "AIRQ"."CLEAN"."MEASUREMENTS_HOURLY"
         WHERE "DATE" = '2024-03-31'`,
      );
      assert.deepEqual([max[0]!.M, max[0]!.N], [122, 46]);
    });
  } finally {
    await fs.close();
  }
});
