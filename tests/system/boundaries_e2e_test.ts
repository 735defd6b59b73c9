/**
 * The day rules on their boundaries, end to end: the fixture API over real HTTP, with the
 * values of four series replaced (a custom answer to the bulk POST), through the real ingest
 * and transform tasks into a file:// lake. On the 25-hour autumn day: a series with exactly
 * ceil(0.75 × 25) = 19 valid values and one with 18, a value of exactly -99 and one of
 * -98.99, values stamped exactly at the window's start (outside the day) and end (inside),
 * and duplicates whose first copy is null.
 */
import assert from "node:assert/strict";
import { openStore } from "../../src/lake/open_store.ts";
import type { CleanTable } from "../../src/lake/layout.ts";
import { readParquet } from "../../src/parquet.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { windowStamps } from "../_raw_day.ts";
import { jsonAnswer, startBadApi } from "./_bad_api.ts";
import { runTask, withTempDir } from "./_task_run.ts";

const DATE = "2024-10-27";
const ROOT = new URL("../../", import.meta.url).pathname;
const STAMPS = windowStamps(DATE);
const DAY = STAMPS.slice(1);
type Value = number | null;

/** The four crafted series, by role: [stamp, value] in file order. */
const CRAFTED: Record<string, [number, Value][]> = {
  // 19 valid of 25: valid (19 >= ceil(18.75)).
  exact: DAY.map((t, i) => [t, i < 19 ? 10 + i : null]),
  // 18 valid of 25: one short.
  short: DAY.map((t, i) => [t, i < 18 ? 10 + i : null]),
  // Window start (outside the day), -99 (sentinel), -98.99 (a value), window end (inside).
  edges: [
    [STAMPS[0]!, 500],
    [DAY[0]!, -99],
    [DAY[1]!, -98.99],
    ...DAY.slice(2, -1).map((t): [number, Value] => [t, 1]),
    [DAY.at(-1)!, 42],
  ],
  // Null first, then a value, for the first stamp; a value, then null, for the second.
  dupes: [[DAY[0]!, null], [DAY[0]!, 7.5], [DAY[1]!, 3], [DAY[1]!, null], [DAY[2]!, 1]],
};
const ROLES = Object.keys(CRAFTED);

type Row = Record<string, unknown>;

async function rows(lake: string, table: CleanTable): Promise<Row[]> {
  const store = await openStore(lake, { env: {}, cwd: ROOT });
  const part = await readPublishedPartition(store, table, DATE);
  return (await readParquet(part.files[0]!.bytes)).rows;
}

Deno.test("ingest + transform keep the day rules on their boundaries (25-hour day)", async () => {
  // The first four series of the first bulk request get the crafted values, by role.
  const ids: string[] = [];
  const api = await startBadApi(async (req, upstream) => {
    if (req.method !== "POST" || req.path !== "timeseries/getData") return undefined;
    const answer = await (await upstream()).json() as Record<string, { values: unknown[] }>;
    if (ids.length === 0) ids.push(...Object.keys(answer).sort().slice(0, ROLES.length));
    ROLES.forEach((role, i) => {
      const entry = answer[ids[i]!];
      if (entry) entry.values = CRAFTED[role]!.map(([timestamp, value]) => ({ timestamp, value }));
    });
    return jsonAnswer(answer);
  });
  try {
    await withTempDir(async (dir) => {
      const lake = `file://${dir}`;
      const args = ["--date", DATE, "--lake", lake];
      const ingest = await runTask("ingest", [...args, "--api-url", api.url], { cwd: ROOT });
      assert.equal(ingest.code, 0, ingest.stderr);
      const transform = await runTask("transform", args, { cwd: ROOT });
      assert.equal(transform.code, 0, transform.stderr);
      assert.equal(ids.length, ROLES.length);
      const id = (role: string) => BigInt(ids[ROLES.indexOf(role)]!);
      const hourly = await rows(lake, "measurements_hourly");
      const aggregate = await rows(lake, "aggregate_station_by_day");
      const of = (role: string) => hourly.filter((r) => r.timeseries_id === id(role));
      const agg = (role: string) => aggregate.find((r) => r.timeseries_id === id(role))!;

      assert.deepEqual(
        ["exact", "short"].map((r) => [agg(r).value_count, agg(r).expected_count, agg(r).is_valid]),
        [[19, 25, true], [18, 25, false]],
      );
      assert.equal(agg("exact").coverage, 19 / 25);

      const edges = of("edges");
      assert.equal(edges.length, 25);
      assert.deepEqual(edges.slice(0, 2).map((r) => [r.datetime, r.value, r.raw_value]), [
        ["2024-10-27T01:00:00+02:00", null, "-99"],
        ["2024-10-27T02:00:00+02:00", -98.99, "-98.99"],
      ]);
      assert.deepEqual([edges.at(-1)!.datetime, edges.at(-1)!.value], [
        "2024-10-28T00:00:00+01:00",
        42,
      ]);
      assert.ok(edges.every((r) => r.value !== 500), "the window start is outside the day");
      assert.deepEqual(
        [agg("edges").value_count, agg("edges").min_value, agg("edges").max_value],
        [24, -98.99, 42],
      );

      assert.deepEqual(of("dupes").map((r) => [r.value, r.raw_value]), [
        [7.5, "7.5"],
        [3, "3"],
        [1, "1"],
      ]);
      assert.deepEqual([agg("dupes").value_count, agg("dupes").avg_value], [3, 11.5 / 3]);

      const day = transform.events.find((e) => e.event === "day_done")!;
      assert.equal(day.status, "ok");
    });
  } finally {
    await api.close();
  }
});
