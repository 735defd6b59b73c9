/**
 * transformDay()'s publish stopped before each of its puts and deletes in turn, checked by the
 * independent lake reader: each clean partition is the old or the new one, trusted through a
 * `_SUCCESS` that lists exactly one Parquet file matching its sha256; never a marker over
 * missing or other bytes. A rerun from every stopped state ends at the new partitions.
 */
import assert from "node:assert/strict";
import { type DuckDb, openDuckDb } from "../../src/duckdb.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { transformDay } from "../../src/transform/transform_day.ts";
import { crashPoints } from "../_crash_points.ts";
import { MemoryStore } from "../_fakes.ts";
import { type RawDaySpec, windowStamps, writeRawDay } from "../_raw_day.ts";
import { checkLake, type LakeState } from "./_lake_checker.ts";

const DATE = "2024-01-15";
const TZ = "Europe/Brussels";
const TABLES = ["measurements_hourly", "aggregate_station_by_day"];

/** A raw day of two series whose values all shift by `shift`. */
function rawDay(shift: number): RawDaySpec {
  const stamps = windowStamps(DATE).slice(1);
  return {
    date: DATE,
    series: [
      { id: 1, station: 1, phenomenon: 5, values: stamps.map((t, i) => [t, i + shift]) },
      { id: 2, station: 2, phenomenon: 8, values: stamps.map((t, i) => [t, 2 * i + shift]) },
    ],
  };
}

/** The clean partitions' states, by table. */
async function cleanStates(store: MemoryStore): Promise<LakeState> {
  const state = await checkLake(store);
  return Object.fromEntries(
    TABLES.map((t) => [t, state[`clean/${t}/${DATE}`] ?? { status: "absent" }]),
  );
}

/** Parquet files present in a partition. */
function parquetCount(store: MemoryStore, table: string): number {
  return [...store.objects.keys()].filter((k) =>
    k.startsWith(`clean/${table}/date=${DATE}/`) && k.endsWith(".parquet")
  ).length;
}

async function enumerate(db: DuckDb, old: number | undefined) {
  const before = new MemoryStore();
  if (old !== undefined) {
    await writeRawDay(before, rawDay(old));
    await transformDay(before, DATE, { timezone: TZ, db });
  }
  await writeRawDay(before, rawDay(7));
  const transform = (store: ObjectStore) => transformDay(store, DATE, { timezone: TZ, db });
  const points = await crashPoints(before, transform);
  const oldStates = await cleanStates(before);
  const newStates = await cleanStates(points.at(-1)!.lake);
  const seen: string[][] = [];
  for (const { k, op, lake } of points) {
    const states = await cleanStates(lake);
    const at = `stopped before operation ${k} (${op})`;
    seen.push(TABLES.map((table) => {
      const s = states[table]!;
      assert.notEqual(s.status, "corrupt", `${at}: ${table}: ${s.problem}`);
      if (s.status !== "trusted") return s.status;
      assert.equal(s.fingerprint!.split(",").length, 1, `${at}: ${table} lists several files`);
      if (s.fingerprint === newStates[table]!.fingerprint) return "new";
      assert.equal(s.fingerprint, oldStates[table]!.fingerprint, `${at}: ${table} is half`);
      return "old";
    }));
  }
  for (const { k, lake } of points) {
    await transform(lake);
    assert.deepEqual(await cleanStates(lake), newStates, `rerun after operation ${k}`);
    for (const t of TABLES) assert.equal(parquetCount(lake, t), 1, `${t} after rerun from ${k}`);
  }
  return { points, seen };
}

Deno.test("transformDay() replacing both partitions, stopped at every put and delete: each partition old or new", async () => {
  const db = await openDuckDb();
  const { points, seen } = await enumerate(db, 0);
  const short = (op: string) =>
    op.replace(/^(\w+) clean\/(\w+)\/date=[\d-]+\//, "$1 $2 ").replace(/[0-9a-f]{16}/, "*");
  assert.deepEqual(points.map((p) => short(p.op)), [
    "put measurements_hourly _staged/part-*.parquet",
    "put measurements_hourly _SUCCESS",
    "put measurements_hourly part-0.parquet",
    "put measurements_hourly _SUCCESS",
    "delete measurements_hourly _staged/part-*.parquet",
    "put aggregate_station_by_day _staged/part-*.parquet",
    "put aggregate_station_by_day _SUCCESS",
    "put aggregate_station_by_day part-0.parquet",
    "put aggregate_station_by_day _SUCCESS",
    "delete aggregate_station_by_day _staged/part-*.parquet",
    "none",
  ]);
  assert.deepEqual(seen, [
    ["old", "old"],
    ["old", "old"],
    ["new", "old"],
    ["new", "old"],
    ["new", "old"],
    ["new", "old"],
    ["new", "old"],
    ["new", "new"],
    ["new", "new"],
    ["new", "new"],
    ["new", "new"],
  ]);
});

Deno.test("transformDay() publishing for the first time, stopped at every put: no partition or the new one", async () => {
  const db = await openDuckDb();
  const { points, seen } = await enumerate(db, undefined);
  assert.equal(points.length, 5);
  assert.deepEqual(seen, [
    ["absent", "absent"],
    ["untrusted", "absent"],
    ["new", "absent"],
    ["new", "untrusted"],
    ["new", "new"],
  ]);
});
