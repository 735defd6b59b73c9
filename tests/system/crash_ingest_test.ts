/**
 * SIGKILL `tasks/ingest.ts` at random points, at least 20 times, against the fixture API with
 * some latency. The runs alternate between two API states (before and after late values for
 * 2024-11-20, same file names, different bytes) and two chunk sizes (different file names).
 * After every kill each raw day must be the previous or the new complete state; a day may be
 * left untrusted (no manifest, refused by readers) only when the run had to overwrite files
 * that the previous manifest listed. Then an uncut run must complete with the new state.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { createFileStore } from "../../src/lake/file_store.ts";
import { runTask, seededRandom } from "./_crash.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import {
  checkLake,
  corruptUnits,
  type LakeState,
  sha256Hex,
  type UnitState,
} from "./_lake_checker.ts";

const DATES = ["2024-11-19", "2024-11-20"];
const KILLS = 20;
const SEED = Number(Deno.env.get("AIRQ_CRASH_SEED") ?? 20241120);

/** Whether going from `p` to `n` overwrites a file `p` lists with other bytes. */
function inPlaceChange(p: UnitState | undefined, n: UnitState): boolean {
  if (p?.status !== "trusted") return false;
  const before = new Map(p.fingerprint!.split(",").map((e) => e.split("=", 2) as [string, string]));
  return n.fingerprint!.split(",").some((e) => {
    const i = e.lastIndexOf("=");
    const old = before.get(e.slice(0, i));
    return old !== undefined && old !== e.slice(i + 1);
  });
}

/** Every raw key with its sha256 (the manifest only as present: its run times differ). */
async function listing(store: ObjectStore): Promise<string> {
  const out: string[] = [];
  for await (const { key } of store.list("raw/")) {
    out.push(
      key.endsWith("_manifest.json") ? key : `${key}=${await sha256Hex((await store.get(key))!)}`,
    );
  }
  return out.join("\n");
}

function describe(state: LakeState): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(state).map(([k, s]) => [k, s.status])),
  );
}

Deno.test({
  name: `tasks/ingest.ts killed at random points never leaves a trusted half day (seed ${SEED})`,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const early = await startFixtureServer({ now: () => Date.UTC(2024, 10, 20, 11), latencyMs: 5 });
  const late = await startFixtureServer({ now: () => Date.UTC(2026, 0, 1), latencyMs: 5 });
  const root = await Deno.makeTempDir({ prefix: "airq-crash-ingest-" });
  try {
    const configs = [early, late].flatMap((api) =>
      ["5", "100"].map((chunk) => ({
        name: `${api === early ? "early" : "late"}/chunk ${chunk}`,
        args: [
          ...["--date", DATES[0]!, "--to", DATES[1]!, "--force"],
          ...["--api-url", api.url, "--chunk-size", chunk],
        ],
      }))
    );
    // The complete state of each configuration, and how long an uncut run takes.
    const reference: { state: LakeState; ms: number }[] = [];
    for (const [i, c] of configs.entries()) {
      const dir = `${root}/reference-${i}`;
      const end = await runTask("ingest", [...c.args, "--lake", `file://${dir}`]);
      assert.equal(end.code, 0, end.stderr);
      const state = await checkLake(createFileStore(dir));
      assert.deepEqual(DATES.map((d) => state[`raw/${d}`]?.status), ["trusted", "trusted"]);
      reference.push({ state, ms: end.ms });
    }
    assert.notEqual(
      reference[0]!.state["raw/2024-11-20"]!.fingerprint,
      reference[2]!.state["raw/2024-11-20"]!.fingerprint,
    );

    const dir = `${root}/lake`;
    const lake = createFileStore(dir);
    const random = seededRandom(SEED);
    let kills = 0;
    let midWrite = 0;
    for (let run = 0; kills < KILLS && run < KILLS * 3; run++) {
      const pick = Math.floor(random() * configs.length);
      const config = configs[pick]!;
      const want = reference[pick]!;
      // Odd runs: anywhere in the run. Even runs: in the write phase of a day, i.e. a few ms
      // after its last answer arrived (the last "progress" event of that day).
      const date = DATES[Math.floor(random() * DATES.length)]!;
      const afterMs = Math.floor(random() * (run % 2 === 0 ? 25 : want.ms));
      const kill = run % 2 === 0
        ? {
          killOn: {
            match: (e: Record<string, unknown>) =>
              e.event === "progress" && e.date === date && e.done === e.total,
            afterMs,
          },
        }
        : { killAfterMs: afterMs };
      const before = await checkLake(lake);
      const filesBefore = await listing(lake);
      const end = await runTask("ingest", [...config.args, "--lake", `file://${dir}`], kill);
      const at = run % 2 === 0 ? `${afterMs} ms after ${date}'s answers` : `${afterMs} ms`;
      const where = `run ${run} (${config.name}, kill at ${at}, seed ${SEED})`;
      if (end.killed) kills++;
      else assert.equal(end.code, 0, `${where}: ${end.stderr}`);
      const after = await checkLake(lake);
      assert.deepEqual(corruptUnits(after), [], where);
      for (const date of DATES) {
        const unit = `raw/${date}`;
        const s = after[unit];
        const p = before[unit];
        const n = want.state[unit]!;
        if (s?.status === "trusted") {
          assert.ok(
            s.fingerprint === n.fingerprint || s.fingerprint === p?.fingerprint,
            `${where}: ${unit} is trusted but neither the previous nor the new state`,
          );
        } else {
          assert.ok(
            p?.status !== "trusted" || inPlaceChange(p, n),
            `${where}: ${unit} lost its previous complete state (${describe(after)})`,
          );
        }
      }
      const filesAfterKill = await listing(lake);
      // The next run completes and repairs whatever the kill left.
      const repair = await runTask("ingest", [...config.args, "--lake", `file://${dir}`]);
      assert.equal(repair.code, 0, `${where}, repair: ${repair.stderr}`);
      const repaired = await checkLake(lake);
      const filesAfterRepair = await listing(lake);
      if (filesAfterKill !== filesBefore && filesAfterKill !== filesAfterRepair) midWrite++;
      for (const date of DATES) {
        assert.equal(repaired[`raw/${date}`]?.fingerprint, want.state[`raw/${date}`]!.fingerprint);
      }
    }
    // midWrite (kills that caught the raw files between the previous and the new state: 8 to
    // 11 of 20 when measured) depends on timing, so it is reported, not asserted.
    assert.equal(kills, KILLS, `only ${kills} runs were killed (${midWrite} mid-write)`);
  } finally {
    await early.close();
    await late.close();
    await Deno.remove(root, { recursive: true });
  }
});
