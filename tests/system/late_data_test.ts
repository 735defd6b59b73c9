/**
 * Ranges and late data against the fixture API over real HTTP and a file:// lake: a rerun
 * skips complete days, --lookback-days refetches recent days and rewrites only the raw
 * files whose answers changed (the others stay byte-identical and untouched), transform
 * redoes only the day whose raw manifest changed, and --force redoes all.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import type { ApiValue } from "../../fixture_api/values.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { readParquet } from "../../src/parquet.ts";
import { dayWindow } from "../../src/time/day_window.ts";
import { runTask, snapshot, withTempDir } from "./_task_run.ts";

const DAYS = ["2024-11-18", "2024-11-19", "2024-11-20"];
const SERIES = "6152";

/** Files of `snap` under the raw or clean folder of `date`. */
function ofDay(snap: Record<string, string>, date: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snap).filter(([k]) => k.includes(`date=${date}/`)));
}

function changedKeys(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}

Deno.test("a --lookback-days rerun rewrites only the revised day's changed files; transform redoes only that day", async () => {
  // Late correction: series 6152 gets +1 on 2024-11-19 once `revision` is switched on (not
  // at 2024-11-20 00:00, a stamp that the 2024-11-20 request includes as its window start).
  let revision = false;
  const w = dayWindow("2024-11-19", "Europe/Brussels");
  const api = await startFixtureServer({
    revise: (id: string, t: number, v: ApiValue): ApiValue =>
      revision && id === SERIES && t > w.startMs && t < w.endMs && typeof v === "number"
        ? Math.round((v + 1) * 10) / 10
        : v,
  });
  try {
    await withTempDir(async (dir) => {
      const lake = `file://${dir}/lake`;
      const base = ["--lake", lake];
      const range = ["--date", DAYS[0]!, "--to", DAYS[2]!, ...base];
      const first = await runTask("ingest", [...range, "--api-url", api.url], { cwd: dir });
      assert.equal(first.code, 0, first.stderr);
      assert.equal((await runTask("transform", range, { cwd: dir })).code, 0);
      const before = await snapshot(`${dir}/lake`);
      const store = await openStore(lake, { env: {}, cwd: dir });
      const values19 = async () => {
        const p = await readPublishedPartition(store, "measurements_hourly", "2024-11-19");
        const { rows } = await readParquet(p.files[0]!.bytes);
        return rows
          .filter((r) => Number(r.timeseries_id) === Number(SERIES))
          .filter((r) => Number(r.timestamp_ms) < w.endMs)
          .map((r) => r.value as number | null);
      };
      const old19 = await values19();
      assert.ok(old19.filter((v) => v !== null).length >= 18);

      // A plain rerun of the range: every day complete and up to date, nothing fetched.
      const requests = api.stats().requests;
      const again = await runTask("ingest", [...range, "--api-url", api.url], { cwd: dir });
      assert.equal(again.code, 0, again.stderr);
      const summary = again.events.find((e) => e.event === "summary")!;
      assert.deepEqual(summary.days, DAYS.map((date) => ({ date, status: "skipped" })));
      assert.equal(api.stats().requests, requests);
      const transformAgain = await runTask("transform", range, { cwd: dir });
      assert.deepEqual(
        transformAgain.events.filter((e) => e.event === "day_done").map((e) => e.status),
        ["skipped", "skipped", "skipped"],
      );
      assert.deepEqual(await snapshot(`${dir}/lake`), before);

      // The API corrects 2024-11-19; the daily run of 2024-11-20 looks back 2 days.
      revision = true;
      const daily = ["--date", DAYS[2]!, "--lookback-days", "2", ...base];
      const late = await runTask("ingest", [...daily, "--api-url", api.url], { cwd: dir });
      assert.equal(late.code, 0, late.stderr);
      const done = late.events.filter((e) => e.event === "day_done");
      assert.deepEqual(done.map((e) => [e.date, e.status, e.written]), [
        ["2024-11-18", "ok", 0],
        ["2024-11-19", "ok", 1],
        ["2024-11-20", "ok", 0],
      ]);
      const afterIngest = await snapshot(`${dir}/lake`);
      assert.deepEqual(ofDay(afterIngest, "2024-11-18"), ofDay(before, "2024-11-18"));
      assert.deepEqual(ofDay(afterIngest, "2024-11-20"), ofDay(before, "2024-11-20"));
      const raw19 = changedKeys(before, afterIngest);
      assert.equal(raw19.length, 2, raw19.join(", "));
      assert.equal(raw19[0], "raw/irceline/date=2024-11-19/_manifest.json");
      assert.match(raw19[1]!, /^raw\/irceline\/date=2024-11-19\/values\/bulk_\d+_\d+\.json$/);

      const transformLate = await runTask("transform", daily, { cwd: dir });
      assert.equal(transformLate.code, 0, transformLate.stderr);
      assert.deepEqual(
        transformLate.events.filter((e) => e.event === "day_done").map((e) => [e.date, e.status]),
        [["2024-11-18", "skipped"], ["2024-11-19", "ok"], ["2024-11-20", "skipped"]],
      );
      const afterTransform = await snapshot(`${dir}/lake`);
      assert.deepEqual(
        changedKeys(afterIngest, afterTransform).filter((k) => !k.includes("date=2024-11-19/")),
        [],
      );
      assert.deepEqual(
        await values19(),
        old19.map((v) => (v === null ? null : Math.round((v + 1) * 10) / 10)),
      );

      // --force redoes every day; with unchanged answers nothing in the lake changes.
      const forced = await runTask("ingest", [...range, "--api-url", api.url, "--force"], {
        cwd: dir,
      });
      assert.deepEqual(
        forced.events.filter((e) => e.event === "day_done").map((e) => [e.status, e.written]),
        [["ok", 0], ["ok", 0], ["ok", 0]],
      );
      assert.deepEqual(await snapshot(`${dir}/lake`), afterTransform);
    });
  } finally {
    await api.close();
  }
});

Deno.test("an AWS Batch array child ingests only the day at its index, and an index past the range exits 2", async () => {
  const api = await startFixtureServer();
  try {
    await withTempDir(async (dir) => {
      const args = ["--date", DAYS[0]!, "--to", DAYS[2]!, "--lake", `file://${dir}/lake`];
      const child = await runTask("ingest", [...args, "--api-url", api.url], {
        cwd: dir,
        env: { AWS_BATCH_JOB_ARRAY_INDEX: "1" },
      });
      assert.equal(child.code, 0, child.stderr);
      const folders = Object.keys(await snapshot(`${dir}/lake`)).map((k) => k.split("/")[2]);
      assert.deepEqual([...new Set(folders)], ["date=2024-11-19"]);
      assert.ok(folders.length > 3);
      const past = await runTask("transform", args, {
        cwd: dir,
        env: { AWS_BATCH_JOB_ARRAY_INDEX: "3" },
      });
      assert.equal(past.code, 2);
      assert.equal(past.lines.length, 1);
      assert.equal(past.events[0]!.event, "failed");
      assert.equal(
        past.events[0]!.message,
        'Invalid configuration: AWS_BATCH_JOB_ARRAY_INDEX "3" is past the range ' +
          "2024-11-18..2024-11-20 (3 day(s), indexes 0..2): submit the array job with size 3",
      );
    });
  } finally {
    await api.close();
  }
});
