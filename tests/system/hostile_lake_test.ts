/**
 * Hostile lake contents: a stray object with an odd key in a clean partition is reported
 * and left alone, and never blocks the partition.
 */
import assert from "node:assert/strict";
import { SEEDED_DATE, seedLake } from "./_bad_api.ts";
import { runTask, theError, withTempDir } from "./_task_run.ts";

Deno.test("foreign objects in a clean partition are reported, left alone, and never block it", async () => {
  await withTempDir(async (dir) => {
    const lake = `file://${dir}/lake`;
    await seedLake(lake, { cwd: dir, clean: true });
    const partition = `${dir}/lake/clean/aggregate_station_by_day/date=${SEEDED_DATE}`;
    const stray = ["x\\y.parquet", "notes.txt"];
    for (const name of stray) await Deno.writeTextFile(`${partition}/${name}`, "not ours");
    const before = await Deno.readTextFile(`${partition}/_SUCCESS`);
    for (const attempt of [1, 2]) {
      const run = await runTask("transform", ["--date", SEEDED_DATE, "--lake", lake, "--force"], {
        cwd: dir,
      });
      assert.equal(run.code, 0, `run ${attempt}: ${run.stderr}`);
      const day = run.events.find((e) => e.event === "day_done")!;
      assert.equal(day.level, "warn");
      assert.equal(day.status, "ok");
      assert.deepEqual(day.foreign_objects, [
        `"clean/aggregate_station_by_day/date=${SEEDED_DATE}/notes.txt" (not a file airq writes)`,
        `"clean/aggregate_station_by_day/date=${SEEDED_DATE}/x\\\\y.parquet" (backslash)`,
      ]);
    }
    for (const name of stray) {
      assert.equal(await Deno.readTextFile(`${partition}/${name}`), "not ours");
    }
    assert.equal(await Deno.readTextFile(`${partition}/_SUCCESS`), before);
  });
});

Deno.test("a symbolic link inside a file:// lake never lets a write land outside it", async () => {
  await withTempDir(async (dir) => {
    const lake = `file://${dir}/lake`;
    await seedLake(lake, { cwd: dir });
    await Deno.mkdir(`${dir}/outside`);
    await Deno.symlink(`${dir}/outside`, `${dir}/lake/clean`);
    const run = await runTask("transform", ["--date", SEEDED_DATE, "--lake", lake], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      theError(run),
      new RegExp(
        `^Cannot write "${lake}/clean/measurements_hourly/date=${SEEDED_DATE}/part-[0-9a-f]+\\.parquet": ` +
          `"${dir}/lake/clean" is a symbolic link \\(to "${dir}/outside"\\) inside the lake: ` +
          "replace it by a folder, or point --lake at the folder itself$",
      ),
    );
    assert.deepEqual(await Array.fromAsync(Deno.readDir(`${dir}/outside`)), []);
  });
});
