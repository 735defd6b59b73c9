/**
 * Limits on untrusted sizes: dates outside the supported years and ranges longer than one
 * run may cover are configuration errors (exit 2, at once); a label beyond the limit fails
 * its day with a clear error and leaves the lake as it was.
 */
import assert from "node:assert/strict";
import { jsonAnswer, SEEDED_DATE, seedLake, startBadApi } from "./_bad_api.ts";
import { runTask, snapshot, theError, withTempDir } from "./_task_run.ts";

for (
  const [what, args, message] of [
    [
      "a year 0000 date",
      ["--date", "0000-01-01"],
      'Invalid configuration: --date: "0000-01-01" is outside the years 1970 to 2999',
    ],
    [
      "a range of eight thousand years",
      ["--date", "1970-01-01", "--to", "2999-12-31"],
      "Invalid configuration: --date 1970-01-01 --to 2999-12-31: 376200 days is more than " +
      "the 3660 one run may cover: split the range into several runs",
    ],
  ] as const
) {
  for (const task of ["ingest", "transform"]) {
    Deno.test(`${task} refuses ${what} at once (exit 2)`, async () => {
      await withTempDir(async (dir) => {
        const run = await runTask(task, [...args, "--lake", `file://${dir}/lake`], { cwd: dir });
        assert.equal(run.code, 2, run.stderr);
        assert.equal(theError(run), message);
      });
    });
  }
}

Deno.test("ingest fails a day whose station label is over the limit and keeps the lake", async () => {
  const api = await startBadApi(async (req, upstream) => {
    if (req.path !== "stations") return undefined;
    const list = await (await upstream()).json() as { properties: { label: string } }[];
    list[1]!.properties.label = "x".repeat(10 * 1024 * 1024);
    return jsonAnswer(list);
  });
  try {
    await withTempDir(async (dir) => {
      const lake = `file://${dir}/lake`;
      await seedLake(lake, { cwd: dir });
      const before = await snapshot(`${dir}/lake`);
      const run = await runTask("ingest", [
        ...["--date", SEEDED_DATE, "--force", "--lake", lake, "--api-url", api.url],
        ...["--retries", "0"],
      ], { cwd: dir });
      assert.equal(run.code, 1, run.stderr);
      assert.match(
        theError(run),
        /^Cannot validate the answer of "[^"]+stations\?expanded=true": field "\$\[1\]\.properties\.label" is 10485760 characters long, more than the 16384 allowed: check that --api-url/,
      );
      assert.deepEqual(await snapshot(`${dir}/lake`), before);
    });
  } finally {
    await api.close();
  }
});
