/**
 * Bad lakes: an unwritable lake, raw files and manifests edited by hand, a raw day of
 * another time zone, a day never ingested, and a clean Parquet file edited by hand. Each
 * task (a subprocess) exits 1 with one clear error naming the problem and the fix, and
 * the lake is exactly as before the run (sha256 and mtime of every file).
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { SEEDED_DATE, seedLake } from "./_bad_api.ts";
import { runTask, snapshot, theError, withTempDir } from "./_task_run.ts";

const RAW = `raw/irceline/date=${SEEDED_DATE}/`;

/** Seed ingest + transform, apply `edit` to the lake folder, run, check exit 1 and the lake. */
async function failingRun(
  task: string,
  args: string[],
  edit: (lakeDir: string) => Promise<void>,
  env: Record<string, string> = {},
): Promise<string> {
  let message = "";
  await withTempDir(async (dir) => {
    const lake = `file://${dir}/lake`;
    await seedLake(lake, { cwd: dir, clean: true });
    await edit(`${dir}/lake`);
    const before = await snapshot(dir);
    const run = await runTask(task, [...args, "--lake", lake], { cwd: dir, env });
    assert.equal(run.code, 1, run.stderr);
    message = theError(run).replaceAll(dir, "DIR");
    assert.deepEqual(await snapshot(dir), before);
  });
  return message;
}

Deno.test("ingest into a lake whose folder is a file fails naming the path and the fix", async () => {
  const api = await startFixtureServer();
  try {
    await withTempDir(async (dir) => {
      await Deno.writeTextFile(`${dir}/blocker`, "not a folder\n");
      const before = await snapshot(dir);
      const run = await runTask("ingest", [
        "--date",
        SEEDED_DATE,
        "--lake",
        `file://${dir}/blocker/lake`,
        "--api-url",
        api.url,
      ], { cwd: dir });
      assert.equal(run.code, 1, run.stderr);
      assert.match(
        theError(run).replaceAll(dir, "DIR"),
        // Files of a day are written concurrently: the first to fail may be in a subfolder.
        /^Cannot write "file:\/\/DIR\/blocker\/lake\/raw\/irceline\/date=2024-11-20\/[^"]+": a part of "DIR\/blocker\/lake\/raw\/irceline\/date=2024-11-20(\/[a-z]+)?" is a file, not a folder: choose another lake URI or move the file away$/,
      );
      assert.deepEqual(await snapshot(dir), before);
    });
  } finally {
    await api.close();
  }
});

Deno.test("transform refuses a raw file edited by hand (sha256 differs from the manifest)", async () => {
  const message = await failingRun("transform", ["--date", SEEDED_DATE], async (lake) => {
    const path = `${lake}/${RAW}stations.json`;
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, text.replace('"label":"', '"label":"X'));
  });
  assert.match(
    message,
    /^Cannot transform 2024-11-20: raw file "raw\/irceline\/date=2024-11-20\/stations\.json" has sha256 "[0-9a-f]{64}" \(\d+ bytes\) but _manifest\.json says "[0-9a-f]{64}" \(\d+ bytes\); it was edited after ingest: re-ingest 2024-11-20$/,
  );
});

Deno.test("transform refuses a manifest that is not JSON and names the re-ingest", async () => {
  const message = await failingRun("transform", ["--date", SEEDED_DATE], async (lake) => {
    await Deno.writeTextFile(`${lake}/${RAW}_manifest.json`, '{"manifest_version": 1, "files": [');
  });
  assert.match(
    message,
    /^Cannot transform 2024-11-20: Cannot read manifest "raw\/irceline\/date=2024-11-20\/_manifest\.json": not JSON: .*: re-ingest 2024-11-20 \("deno task ingest --date 2024-11-20 --lake file:\/\/DIR\/lake" replaces an unreadable manifest\)$/,
  );
});

Deno.test("transform refuses a raw day ingested in another time zone", async () => {
  const message = await failingRun(
    "transform",
    ["--date", SEEDED_DATE, "--timezone", "Europe/London"],
    () => Promise.resolve(),
  );
  assert.equal(
    message,
    'Cannot transform 2024-11-20 in time zone "Europe/London": the raw day was ingested for ' +
      '"Europe/Brussels" (window 2024-11-20T00:00:00+01:00..2024-11-21T00:00:00+01:00): use --timezone Europe/Brussels ' +
      "or re-ingest with --timezone Europe/London",
  );
});

Deno.test("transform refuses a day that was never ingested", async () => {
  const message = await failingRun("transform", ["--date", "2024-11-19"], () => Promise.resolve());
  assert.equal(
    message,
    'Cannot transform 2024-11-19: "raw/irceline/date=2024-11-19/" in file://DIR/lake has no ' +
      "_manifest.json (never ingested, or the ingest did not finish): run " +
      '"deno task ingest --date 2024-11-19 --lake file://DIR/lake" first',
  );
});

Deno.test("load refuses a clean Parquet file edited by hand before connecting", async () => {
  const env = {
    SNOWFLAKE_ACCOUNT: "airq_test",
    SNOWFLAKE_USER: "LOADER",
    SNOWFLAKE_PASSWORD: "never-used-1",
    // Nothing listens on port 9: a connection attempt would fail with another error.
    SNOWFLAKE_HOST: "127.0.0.1",
    SNOWFLAKE_PORT: "9",
    SNOWFLAKE_PROTOCOL: "http",
  };
  const message = await failingRun("load", ["--date", SEEDED_DATE], async (lake) => {
    const folder = `${lake}/clean/aggregate_station_by_day/date=${SEEDED_DATE}`;
    const name = (await Array.fromAsync(Deno.readDir(folder)))
      .find((e) => e.name.endsWith(".parquet"))!.name;
    const bytes = await Deno.readFile(`${folder}/${name}`);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff;
    await Deno.writeFile(`${folder}/${name}`, bytes);
  }, env);
  assert.match(
    message,
    /^Cannot read partition "clean\/aggregate_station_by_day\/date=2024-11-20\/": "clean\/aggregate_station_by_day\/date=2024-11-20\/[^"]+\.parquet" has sha256 "[0-9a-f]{64}" but _SUCCESS says "[0-9a-f]{64}": rerun "deno task transform --date 2024-11-20 --lake file:\/\/DIR\/lake"$/,
  );
  assert.ok(!message.includes("never-used-1"));
});
