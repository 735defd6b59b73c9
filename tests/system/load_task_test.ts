/**
 * The task end to end: `deno run tasks/load.ts` in a subprocess (its own cwd) against a file
 * lake and fakesnow. Checks exit codes, the JSON log lines, that secrets never appear, and that
 * snowflake-sdk leaves no snowflake.log behind.
 */
import assert from "node:assert/strict";
import { openStore } from "../../src/lake/open_store.ts";
import { fakesnowInstalled, startFakesnow } from "../_fakesnow.ts";
import { emfProblems } from "../support/emf_spec.ts";
import { aggRow, publishAggregate } from "../support/partitions.ts";
import { denoChildEnv } from "../support/deno_env.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const PASSWORD = "task-Secret-9";

async function runTask(args: string[], env: Record<string, string>, cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--config",
      `${ROOT}deno.json`,
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--allow-sys",
      "--allow-ffi",
      `${ROOT}tasks/load.ts`,
      ...args,
    ],
    cwd,
    clearEnv: true,
    env: { ...denoChildEnv(), HOME: cwd, NO_COLOR: "1", TZ: "UTC", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  const events = stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  return { code: out.code, stdout: new TextDecoder().decode(out.stdout), stderr, events };
}

Deno.test({
  name: "deno task load loads published dates and reports rows per date",
  ignore: !fakesnowInstalled(),
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const cwd = await Deno.makeTempDir({ prefix: "airq-load-task-" });
  const fs = await startFakesnow({ password: PASSWORD });
  try {
    const store = await openStore(`file://${cwd}/lake`, { env: {}, cwd });
    await publishAggregate(store, "2024-03-30", [aggRow(1), aggRow(2)]);
    await publishAggregate(store, "2024-03-31", [aggRow(3)]);
    const env = {
      AIRQ_LAKE: `file://${cwd}/lake`,
      SNOWFLAKE_ACCOUNT: "airq_test",
      SNOWFLAKE_USER: "LOADER",
      SNOWFLAKE_PASSWORD: PASSWORD,
      SNOWFLAKE_WAREHOUSE: "LOAD_WH",
      SNOWFLAKE_DATABASE: "AIRQ",
      SNOWFLAKE_SCHEMA: "CLEAN",
      SNOWFLAKE_HOST: fs.host,
      SNOWFLAKE_PORT: String(fs.port),
      SNOWFLAKE_PROTOCOL: "http",
      AIRQ_DEPLOYMENT: "ci",
    };
    const ok = await runTask(["--date", "2024-03-30", "--to", "2024-03-31"], env, cwd);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, "");
    const done = ok.events.find((e) => e.event === "done");
    assert.deepEqual(done.dates, [
      { date: "2024-03-30", status: "ok", deleted: 0, inserted: 2, batches: 1 },
      { date: "2024-03-31", status: "ok", deleted: 0, inserted: 1, batches: 1 },
    ]);
    assert.equal(done.table, '"AIRQ"."CLEAN"."AGGREGATE_STATION_BY_DAY"');
    // CloudWatch metrics (EMF) on day_done and done: rows loaded per day, the run's duration.
    const metricLines = ok.events.filter((e) => e.event === "day_done" || e.event === "done");
    for (const e of metricLines) assert.deepEqual(emfProblems(JSON.stringify(e)), []);
    assert.deepEqual(
      metricLines.map((e) => [e.deployment, e.DaysOk, e.DaysFailed, e.RowsLoaded, e.Duration]),
      [["ci", 1, 0, 2, undefined], ["ci", 1, 0, 1, undefined], [
        "ci",
        undefined,
        undefined,
        undefined,
        done.duration_ms,
      ]],
    );
    // logLevel OFF: no snowflake.log in the cwd (the driver still makes ~/.cache/snowflake)
    const names = (await Array.fromAsync(Deno.readDir(cwd))).map((e) => e.name).sort();
    assert.deepEqual(names.filter((n) => n !== ".cache"), ["lake"]);

    const dry = await runTask(
      ["--date", "2024-03-30", "--to", "2024-03-31", "--force", "--dry-run"],
      env,
      cwd,
    );
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(
      dry.stdout,
      "2024-03-30 load: delete 2, insert 2 (binds)\n2024-03-31 load: delete 1, insert 1 (binds)\n" +
        "2024 missing: no compliance partition\n",
    );
    assert.deepEqual(dry.events.filter((e) => e.event === "day_plan").map((e) => e.action), [
      "load",
      "load",
      "missing",
    ]);
    assert.equal(dry.events.find((e) => e.event === "done"), undefined, "nothing was loaded");

    const same = await runTask(["--date", "2024-03-31"], env, cwd);
    assert.equal(same.code, 0, same.stderr);
    assert.deepEqual(same.events.find((e) => e.event === "done").dates, [
      { date: "2024-03-31", status: "skipped", deleted: 0, inserted: 0, batches: 0 },
    ]);
    const again = await runTask(["--date", "2024-03-31", "--force"], env, cwd);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.events.find((e) => e.event === "done").dates, [
      { date: "2024-03-31", status: "ok", deleted: 1, inserted: 1, batches: 1 },
    ]);

    const wrong = await runTask(["--date", "2024-03-31"], {
      ...env,
      SNOWFLAKE_PASSWORD: "Wrong-pass-1",
    }, cwd);
    assert.equal(wrong.code, 1);
    const failed = wrong.events.find((e) => e.event === "failed");
    assert.equal(failed.error, "SnowflakeError");
    assert.match(
      failed.message,
      /^Cannot connect to Snowflake account "airq_test" as "LOADER": authentication error: 390100: /,
    );
    assert.ok(!wrong.stderr.includes("Wrong-pass-1") && !wrong.stderr.includes(PASSWORD));
  } finally {
    await fs.close();
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("deno task load exits 2 on bad configuration and 1 before connecting when a date is not published", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "airq-load-task-" });
  try {
    const bad = await runTask(["--date", "2024-03-31", "--table", "x.y;drop"], {
      SNOWFLAKE_PASSWORD: "pw-Secret-1",
      SNOWFLAKE_PRIVATE_KEY: "also-secret",
    }, cwd);
    assert.equal(bad.code, 2);
    const failed = bad.events.find((e) => e.event === "failed");
    assert.equal(failed.error, "ConfigError");
    assert.equal(
      failed.message,
      "Invalid configuration:\n" +
        '  - --table table "y;drop" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"\n' +
        "  - SNOWFLAKE_ACCOUNT must be set\n" +
        "  - SNOWFLAKE_USER must be set\n" +
        "  - SNOWFLAKE_PASSWORD and SNOWFLAKE_PRIVATE_KEY are both set: set exactly one way to authenticate",
    );
    assert.ok(!bad.stderr.includes("Secret") && !bad.stderr.includes("also-secret"));

    // Nothing listens on port 9: a connection attempt would fail with a network error instead.
    const missing = await runTask(["--date", "2024-03-31"], {
      AIRQ_LAKE: `file://${cwd}/lake`,
      SNOWFLAKE_ACCOUNT: "a",
      SNOWFLAKE_USER: "u",
      SNOWFLAKE_PASSWORD: "p-secret",
      SNOWFLAKE_HOST: "127.0.0.1",
      SNOWFLAKE_PORT: "9",
      SNOWFLAKE_PROTOCOL: "http",
    }, cwd);
    assert.equal(missing.code, 1);
    const f = missing.events.find((e) => e.event === "failed");
    assert.equal(f.error, "LakeError");
    // An aborted run is a metric too (EMF), under the default deployment.
    assert.deepEqual(emfProblems(JSON.stringify(f)), []);
    assert.deepEqual([f.deployment, f.RunsAborted], ["default", 1]);
    assert.equal(
      f.message,
      `Cannot read partition "clean/aggregate_station_by_day/date=2024-03-31/" in file://${cwd}/lake: no _SUCCESS (not transformed yet, or a transform is in progress): run "deno task transform --date 2024-03-31 --lake file://${cwd}/lake"`,
    );

    const help = await runTask(["--help"], {}, cwd);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: deno task load \[--date YYYY-MM-DD\]/);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
