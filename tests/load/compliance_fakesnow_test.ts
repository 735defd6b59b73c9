/**
 * Integration: runLoad() loads the compliance years with the daily dates, in one
 * transaction, into fakesnow (the same stand-in as the daily table's tests); planLoad() (the
 * dry run) plans the years as well.
 */
import assert from "node:assert/strict";
import { planLoad } from "../../src/load/dry_run.ts";
import { type LoadPlan, runLoad } from "../../src/load/run_load.ts";
import type { TableName } from "../../src/load/identifiers.ts";
import {
  connectToFakesnow as connectTo,
  type Fakesnow,
  FAKESNOW_PASSWORD as PASSWORD,
  fakesnowInstalled,
  startFakesnow,
} from "../_fakesnow.ts";
import { MemoryStore } from "../_fakes.ts";
import { aggRow, publishAggregate } from "../support/partitions.ts";
import { publishCompliance } from "../support/compliance_partition.ts";

const ignore = !fakesnowInstalled();
const DAILY: TableName = { database: "AIRQ", schema: "CLEAN", table: "AGGREGATE_STATION_BY_DAY" };
const YEARLY: TableName = {
  database: "AIRQ",
  schema: "CLEAN",
  table: "COMPLIANCE_STATION_BY_YEAR",
};

async function complianceRows(fs: Fakesnow) {
  const s = await connectTo(fs);
  try {
    const { rows } = await s.execute(
      `SELECT "YEAR", "STATION_ID", "STANDARD", "AVERAGING_PERIOD", "ANNUAL_MEAN", "STATUS",
        "EXCEEDANCES", "ALLOWED_EXCEEDANCES"
       FROM "AIRQ"."CLEAN"."COMPLIANCE_STATION_BY_YEAR"
       WHERE "STANDARD" = 'eu_2030' AND "AVERAGING_PERIOD" = 'hour'
       ORDER BY "YEAR", "STATION_ID"`,
    );
    return rows;
  } finally {
    await s.close();
  }
}

Deno.test({
  name: "runLoad() loads compliance years idempotently with the daily dates in fakesnow",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
}, async (t) => {
  const fs = await startFakesnow({ password: PASSWORD.password });
  const store = new MemoryStore();
  const plan = (dates: string[], years: string[]): LoadPlan => ({
    dates,
    table: DAILY,
    batchSize: 50,
    createSchema: true,
    compliance: { table: YEARLY, years },
  });
  const options = { store, connect: () => connectTo(fs), now: () => Date.UTC(2026, 0, 1) };
  const run = (dates: string[], years: string[]) => runLoad(plan(dates, years), options);
  try {
    await publishAggregate(store, "2024-01-31", [aggRow(1)]);
    await publishAggregate(store, "2025-01-01", [aggRow(2)]);
    const rows2024 = await publishCompliance(store, 2024, [
      { stationId: 1, level: 30, hours: 744 },
      { stationId: 2, level: 250, hours: 744 },
    ]);

    await t.step("the dry run plans the built year and names the missing one", async () => {
      assert.deepEqual(
        await planLoad(plan(["2024-01-31", "2025-01-01"], ["2024", "2025"]), options),
        [
          { date: "2024-01-31", action: "load", delete: 0, insert: 1, method: "binds" },
          { date: "2025-01-01", action: "load", delete: 0, insert: 1, method: "binds" },
          { date: "2024", action: "load", delete: 0, insert: rows2024, method: "binds" },
          { date: "2025", action: "missing", delete: 0, insert: 0, method: "binds" },
        ],
      );
    });

    await t.step("a built year loads with the dates; a year not built is missing", async () => {
      const s = await run(["2024-01-31", "2025-01-01"], ["2024", "2025"]);
      assert.equal(s.ok, true);
      assert.deepEqual(s.years, [
        { date: "2024", status: "ok", deleted: 0, inserted: rows2024, batches: 1 },
        { date: "2025", status: "missing", deleted: 0, inserted: 0, batches: 0 },
      ]);
      assert.deepEqual(await complianceRows(fs), [
        {
          YEAR: 2024,
          STATION_ID: 1,
          STANDARD: "eu_2030",
          AVERAGING_PERIOD: "hour",
          ANNUAL_MEAN: 30,
          STATUS: "open",
          EXCEEDANCES: 0,
          ALLOWED_EXCEEDANCES: 3,
        },
        {
          YEAR: 2024,
          STATION_ID: 2,
          STANDARD: "eu_2030",
          AVERAGING_PERIOD: "hour",
          ANNUAL_MEAN: 250,
          STATUS: "exceeded",
          EXCEEDANCES: 744,
          ALLOWED_EXCEEDANCES: 3,
        },
      ]);
    });

    await t.step("a rerun skips the year; a rebuilt year replaces its rows", async () => {
      const again = await run(["2024-01-31"], ["2024"]);
      assert.deepEqual(again.years, [
        { date: "2024", status: "skipped", deleted: 0, inserted: 0, batches: 0 },
      ]);
      const rows = await publishCompliance(store, 2024, [{ stationId: 1, level: 201, hours: 744 }]);
      assert.deepEqual(await planLoad(plan(["2024-01-31"], ["2024"]), options), [
        { date: "2024-01-31", action: "skip", delete: 0, insert: 0, method: "binds" },
        { date: "2024", action: "load", delete: rows2024, insert: rows, method: "binds" },
      ]);
      const s = await run(["2024-01-31"], ["2024"]);
      assert.deepEqual(s.years, [
        { date: "2024", status: "ok", deleted: rows2024, inserted: rows, batches: 1 },
      ]);
      const loaded = await complianceRows(fs);
      assert.deepEqual(loaded.map((r) => [r.STATION_ID, r.STATUS]), [[1, "exceeded"]]);
    });
  } finally {
    await fs.close();
  }
});
