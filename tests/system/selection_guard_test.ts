/**
 * A day ingested with one selection is never replaced by a run with another, unless
 * --replace: tasks/ingest.ts as a real subprocess against the fixture API.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { runTask, snapshot, theError, withTempDir } from "./_task_run.ts";

const DAY = "raw/irceline/date=2024-11-20";

async function manifest(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(`${dir}/lake/${DAY}/_manifest.json`));
}

Deno.test("ingest refuses another selection of a complete day (exit 2) until --replace", async () => {
  const api = await startFixtureServer();
  try {
    await withTempDir(async (dir) => {
      const base = ["--date", "2024-11-20", "--api-url", api.url];
      const first = await runTask("ingest", base, { cwd: dir });
      assert.equal(first.code, 0, first.stderr);
      const before = await snapshot(`${dir}/lake`);

      const narrow = await runTask("ingest", [...base, "--phenomena", "5"], { cwd: dir });
      assert.equal(narrow.code, 2, narrow.stderr);
      assert.equal(
        theError(narrow),
        "Invalid configuration: Cannot ingest 2024-11-20 with phenomena 5 near every station: " +
          "the lake holds it with phenomena 1,5,8,71,6001 near every station; run again with " +
          "that selection, or add --replace to replace the day with phenomena 5 near every station",
      );
      assert.deepEqual(await snapshot(`${dir}/lake`), before, "the day is unchanged");

      const forced = await runTask("ingest", [...base, "--phenomena", "5", "--force"], {
        cwd: dir,
      });
      assert.equal(forced.code, 2, "--force alone does not change the selection");
      assert.deepEqual(await snapshot(`${dir}/lake`), before);

      const replaced = await runTask("ingest", [...base, "--phenomena", "5", "--replace"], {
        cwd: dir,
      });
      assert.equal(replaced.code, 0, replaced.stderr);
      const m = await manifest(dir);
      assert.deepEqual(m.phenomena_requested, [5]);
      assert.ok((m.series as { phenomenon_id: number }[]).every((s) => s.phenomenon_id === 5));
      assert.notDeepEqual(await snapshot(`${dir}/lake`), before);

      const again = await runTask("ingest", [...base, "--phenomena", "5"], { cwd: dir });
      assert.equal(again.code, 0, "the same selection is a plain rerun");
      const wide = await runTask("ingest", base, { cwd: dir });
      assert.equal(wide.code, 2, "a narrower day is not widened by default either");
    });
  } finally {
    await api.close();
  }
});
