/**
 * SIGKILL `tasks/transform.ts` at random points, at least 20 times. Between runs the raw days
 * alternate between two complete states of the API (before and after late values for
 * 2024-11-20), so every run must replace partitions. After every kill each clean partition
 * must be the previous or the new complete partition (trusted through `_SUCCESS`, every listed
 * file verified), never lost and never half; then the next run must complete with the new
 * one (in-process, to keep the test short: DuckDB-WASM starts once). After every kill a plain
 * reader that knows nothing of `_SUCCESS` (native DuckDB, `read_parquet` of
 * clean/*\/date=*\/*.parquet) also sees exactly one complete file per partition, the previous
 * or the new one.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { createFileStore } from "../../src/lake/file_store.ts";
import { openDuckDb } from "../../src/duckdb.ts";
import { readIngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { transformRange } from "../../src/transform/transform_range.ts";
import { runTask, seededRandom } from "./_crash.ts";
import { checkLake, corruptUnits, type LakeState, sha256Hex } from "./_lake_checker.ts";
import { globbedFiles } from "../support/lake_readers.ts";

const DATES = ["2024-11-19", "2024-11-20"];
const KILLS = 20;
const SEED = Number(Deno.env.get("AIRQ_CRASH_SEED") ?? 20241121);
const RANGE = ["--date", DATES[0]!, "--to", DATES[1]!];

function clean(state: LakeState): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(state).filter(([k]) => k.startsWith("clean/")).map((
      [k, s],
    ) => [k, s.status === "trusted" ? s.fingerprint : s.status]),
  );
}

/**
 * What native DuckDB's glob reads, per partition (`clean/<table>/<date>`): the fingerprint
 * (".parquet=<sha256>") of each file it matched, read whole.
 */
async function globView(dir: string): Promise<Record<string, string[]>> {
  const view: Record<string, string[]> = {};
  for (const { file } of await globbedFiles(dir)) {
    const [, table, date] = /^clean\/([a-z_]+)\/date=([0-9-]+)\/[^/]+$/.exec(file)!;
    const sha = await sha256Hex(await Deno.readFile(`${dir}/${file}`));
    (view[`clean/${table}/${date}`] ??= []).push(`.parquet=${sha}`);
  }
  return view;
}

function dayMs(stderr: string, date: string): number {
  const done = stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l))
    .find((e) => e.event === "day_done" && e.date === date);
  return Number(done?.duration_ms ?? 0);
}

Deno.test({
  name:
    `tasks/transform.ts killed at random points keeps every partition previous or new (seed ${SEED})`,
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const early = await startFixtureServer({ now: () => Date.UTC(2024, 10, 20, 11) });
  const late = await startFixtureServer({ now: () => Date.UTC(2026, 0, 1) });
  const root = await Deno.makeTempDir({ prefix: "airq-crash-transform-" });
  // Raw states are switched, and repairs run, in-process (one DuckDB for the whole test);
  // only the runs that get killed are subprocesses.
  const ingest = async (api: { url: string }, dir: string) => {
    const parsed = readIngestConfig(
      [...RANGE, "--force", "--api-url", api.url, "--lake", `file://${dir}`],
      {},
      { now: Temporal.Now.instant(), cwd: root },
    );
    if (parsed.help) throw new Error("help");
    const { summary } = await ingestRange(parsed.config, {
      store: createFileStore(dir),
      client: createIrcelineClient({ retries: 0, timeoutMs: 10_000 }),
      log: () => {},
      now: () => Temporal.Now.instant(),
    });
    assert.equal(summary.ok, true);
  };
  const transform = async (dir: string) => {
    const { summary } = await transformRange(DATES, {
      store: createFileStore(dir),
      timezone: "Europe/Brussels",
      db: openDuckDb,
      log: () => {},
      clock: () => performance.now(),
    });
    return summary.ok;
  };
  try {
    // The complete clean state built from each raw state, and the time of an uncut run.
    const reference: {
      partitions: Record<string, string | undefined>;
      ms: number;
      day2Ms: number;
    }[] = [];
    for (const [i, api] of [early, late].entries()) {
      const dir = `${root}/reference-${i}`;
      await ingest(api, dir);
      const end = await runTask("transform", [...RANGE, "--lake", `file://${dir}`]);
      assert.equal(end.code, 0, end.stderr);
      const partitions = clean(await checkLake(createFileStore(dir)));
      assert.equal(Object.keys(partitions).length, 4);
      assert.ok(Object.values(partitions).every((f) => f?.includes(".parquet=")));
      reference.push({ partitions, ms: end.ms, day2Ms: dayMs(end.stderr, DATES[1]!) });
    }
    const changed = (k: string) => reference[0]!.partitions[k] !== reference[1]!.partitions[k];
    assert.deepEqual(Object.keys(reference[0]!.partitions).filter(changed), [
      "clean/aggregate_station_by_day/2024-11-20",
      "clean/measurements_hourly/2024-11-20",
    ]);

    const dir = `${root}/lake`;
    const lake = createFileStore(dir);
    const random = seededRandom(SEED);
    let kills = 0;
    for (let run = 0; kills < KILLS && run < KILLS * 3; run++) {
      const which = run % 2;
      await ingest([early, late][which]!, dir);
      const want = reference[which]!;
      // Odd runs: anywhere in the run. Even runs: during the second day, after the first
      // day's partitions were published.
      const afterMs = Math.floor(random() * (run % 2 === 0 ? want.day2Ms + 20 : want.ms));
      const kill = run % 2 === 0
        ? {
          killOn: {
            match: (e: Record<string, unknown>) => e.event === "day_done" && e.date === DATES[0],
            afterMs,
          },
        }
        : { killAfterMs: afterMs };
      const before = clean(await checkLake(lake));
      const end = await runTask("transform", [...RANGE, "--lake", `file://${dir}`], kill);
      const where = `run ${run} (kill at ${afterMs} ms${
        run % 2 === 0 ? " into day 2" : ""
      }, seed ${SEED})`;
      if (end.killed) kills++;
      else assert.equal(end.code, 0, `${where}: ${end.stderr}`);
      const state = await checkLake(lake);
      assert.deepEqual(corruptUnits(state), [], where);
      const after = clean(state);
      for (const [unit, fingerprint] of Object.entries(want.partitions)) {
        const options = [fingerprint, before[unit]].filter((f) => f?.includes(".parquet="));
        assert.ok(
          options.includes(after[unit]) ||
            (options.length === 1 && [undefined, "untrusted"].includes(after[unit])),
          `${where}: ${unit} is ${after[unit]}, expected one of ${options.join(" | ")}`,
        );
      }
      const globbed = await globView(dir);
      for (const [unit, fingerprint] of Object.entries(want.partitions)) {
        const options = [fingerprint, before[unit]].filter((f) => f?.includes(".parquet="));
        const seen = globbed[unit] ?? [];
        const present = before[unit]?.includes(".parquet=") || after[unit]?.includes(".parquet=");
        assert.ok(
          seen.length === 1 ? options.includes(seen[0]) : seen.length === 0 && !present,
          `${where}: DuckDB's glob reads ${seen.length} file(s) for ${unit}: ${seen.join(" ")}`,
        );
      }
      assert.equal(await transform(dir), true, `${where}, repair`);
      assert.deepEqual(clean(await checkLake(lake)), want.partitions, `${where}, repair`);
    }
    assert.equal(kills, KILLS, `only ${kills} runs were killed before they ended`);
  } finally {
    await early.close();
    await late.close();
    await Deno.remove(root, { recursive: true });
  }
});
