/**
 * writeDay() stopped before each of its puts and deletes in turn, checked by the independent
 * lake reader: the raw day is the old or the new trusted day (every manifest-listed file
 * matches its sha256), or has no manifest at all; never a manifest over other bytes. A rerun
 * from every stopped state ends at the new day.
 */
import assert from "node:assert/strict";
import { fetchDay } from "../../src/ingest/fetch_day.ts";
import { writeDay, type WriteDayOptions } from "../../src/ingest/write_day.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { type CrashPoint, crashPoints } from "../_crash_points.ts";
import { MemoryStore } from "../_fakes.ts";
import { fakeApi, SMALL_NETWORK } from "../ingest/_fake_api.ts";
import { checkLake, type UnitState } from "./_lake_checker.ts";

const API = "http://api.test/sos/api/v1/";
const DATE = "2024-11-20";
const UNIT = `raw/${DATE}`;
const OPTIONS: WriteDayOptions = {
  apiUrl: API,
  near: null,
  phenomena: [5, 8],
  concurrency: 2,
  run: () => ({ started_at: "s", finished_at: "f", requests: 4, retries: 0 }),
};

/** A fetched day: `bump` changes every value, `chunkSize` the values file names. */
async function fetched(bump: number, chunkSize: number) {
  const fake = fakeApi({ series: SMALL_NETWORK, bump });
  return await fetchDay(DATE, {
    apiUrl: API,
    timezone: "Europe/Brussels",
    phenomena: [5, 8],
    near: null,
    concurrency: 1,
    chunkSize,
    client: createIrcelineClient({ fetch: fake.fetch, retries: 0 }),
  });
}

async function rawState(store: MemoryStore): Promise<UnitState> {
  return (await checkLake(store))[UNIT] ?? { status: "absent" };
}

/** Label each crash point old / new / untrusted / absent, failing on anything else. */
async function outcomes(points: CrashPoint[], old: UnitState, next: UnitState) {
  const seen: string[] = [];
  for (const { k, op, lake } of points) {
    const s = await rawState(lake);
    const at = `stopped before operation ${k} (${op})`;
    assert.notEqual(s.status, "corrupt", `${at}: ${s.problem}`);
    if (s.status === "trusted") {
      assert.ok(
        s.fingerprint === old.fingerprint || s.fingerprint === next.fingerprint,
        `${at}: trusted day is neither the old nor the new one: ${s.fingerprint}`,
      );
      seen.push(s.fingerprint === next.fingerprint ? "new" : "old");
    } else {
      seen.push(s.status);
    }
  }
  return seen;
}

/** The lake after `old` was written, and the states of the old and the new day. */
async function scenario(
  old: { bump: number; chunk: number } | undefined,
  bump: number,
  chunk = 10,
) {
  const before = new MemoryStore();
  if (old) await writeDay(before, await fetched(old.bump, old.chunk), OPTIONS);
  const day = await fetched(bump, chunk);
  const reference = new MemoryStore();
  await writeDay(reference, day, OPTIONS);
  const points = await crashPoints(before, (store) => writeDay(store, day, OPTIONS));
  const seen = await outcomes(points, await rawState(before), await rawState(reference));
  for (const { k, lake } of points) {
    await writeDay(lake, day, OPTIONS);
    assert.deepEqual(await rawState(lake), await rawState(reference), `rerun after ${k}`);
  }
  return { points, seen };
}

Deno.test("writeDay() into an empty day, stopped at every operation: no day or the new day", async () => {
  const { points, seen } = await scenario(undefined, 0);
  assert.equal(points.length, 6);
  assert.deepEqual(seen, ["absent", "untrusted", "untrusted", "untrusted", "untrusted", "new"]);
});

Deno.test("writeDay() over a day with changed answers, stopped at every operation: old, no manifest, or new", async () => {
  const { points, seen } = await scenario({ bump: 0, chunk: 10 }, 1);
  assert.deepEqual(points.map((p) => p.op.replace(`raw/irceline/date=${DATE}/`, "")), [
    "delete _manifest.json",
    "put values/bulk_6152_7186.json",
    "put _manifest.json",
    "none",
  ]);
  assert.deepEqual(seen, ["old", "untrusted", "untrusted", "new"]);
});

Deno.test("writeDay() with new file names, stopped at every operation: the old day stays trusted until the new one", async () => {
  const { points, seen } = await scenario({ bump: 0, chunk: 10 }, 0, 2);
  assert.equal(points.length, 5);
  assert.deepEqual(seen, ["old", "old", "old", "new", "new"]);
});
