/**
 * stderr is a log stream: every task, run as an operator runs it (`deno task --quiet <task>`,
 * stderr not a terminal), writes only lines that are one JSON object each, whether it
 * succeeds, is misconfigured (exit 2) or fails (exit 1). ingest -> transform -> compliance -> report -> load
 * run for real against the fixture API and (when installed) fakesnow; publish-dag against
 * versitygw (when installed).
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { denoChildEnv } from "../support/deno_env.ts";
import { fakesnowInstalled, startFakesnow } from "../_fakesnow.ts";
import { startVersitygw, VERSITYGW_BIN } from "../_versitygw.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const DAY = "2024-11-20";
const UNPUBLISHED = "2024-11-21";

interface Case {
  task: string;
  args: string[];
  env?: Record<string, string>;
  code: number;
}

/** Run `deno task --quiet` and return the exit code and every stderr line. */
async function runTask(c: Case, home: string): Promise<{ code: number; lines: string[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", c.task, ...c.args],
    cwd: ROOT,
    clearEnv: true,
    env: { ...denoChildEnv(), HOME: home, TMPDIR: `${home}/tmp`, TZ: "UTC", ...c.env },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  const lines = new TextDecoder().decode(out.stderr).split("\n").filter((l) => l !== "");
  return { code: out.code, lines };
}

/** Assert that `c` exits as expected and that each stderr line is one log event. */
async function check(c: Case, home: string): Promise<void> {
  const what = `deno task ${c.task} ${c.args.join(" ")}`;
  const run = await runTask(c, home);
  assert.equal(run.code, c.code, `${what}: exit ${run.code}\n${run.lines.join("\n")}`);
  assert.ok(run.lines.length > 0, `${what}: no log line`);
  for (const line of run.lines) {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line);
    } catch {
      assert.fail(`${what}: stderr line is not JSON: ${line}`);
    }
    assert.equal(typeof event, "object", `${what}: ${line}`);
    for (const key of ["ts", "level", "task", "event"]) {
      assert.equal(typeof event[key], "string", `${what}: no "${key}" in ${line}`);
    }
  }
  if (c.code !== 0) {
    assert.ok(run.lines.some((l) => JSON.parse(l).level === "error"), `${what}: no error event`);
  }
}

Deno.test({
  name: "every task writes only JSON lines on stderr: success, bad configuration, failure",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const home = await Deno.makeTempDir({ prefix: "airq-json-stderr-" });
  await Deno.mkdir(`${home}/tmp`);
  const lake = `file://${home}/lake`;
  const api = await startFixtureServer();
  const missing = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response("not here", { status: 404 }),
  );
  const snow = fakesnowInstalled() ? await startFakesnow({ password: "json-stderr" }) : undefined;
  const snowflakeEnv = {
    AIRQ_LAKE: lake,
    SNOWFLAKE_ACCOUNT: "airq_test",
    SNOWFLAKE_USER: "LOADER",
    SNOWFLAKE_PASSWORD: "json-stderr",
    SNOWFLAKE_WAREHOUSE: "LOAD_WH",
    SNOWFLAKE_DATABASE: "AIRQ",
    SNOWFLAKE_SCHEMA: "CLEAN",
    SNOWFLAKE_HOST: "127.0.0.1",
    SNOWFLAKE_PORT: String(snow?.port ?? 9),
    SNOWFLAKE_PROTOCOL: "http",
  };
  const withLake = { AIRQ_LAKE: lake };
  const closedS3 = {
    AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAJSONSTDERR",
    AWS_SECRET_ACCESS_KEY: "json-stderr-secret",
  };
  const cases: Case[] = [
    { task: "ingest", args: ["--date", DAY], env: { ...withLake, AIRQ_API_URL: api.url }, code: 0 },
    { task: "ingest", args: ["--date", "2024-02-30"], env: withLake, code: 2 },
    {
      task: "ingest",
      args: ["--date", DAY, "--force"],
      env: {
        AIRQ_LAKE: `file://${home}/other`,
        AIRQ_API_URL: `http://127.0.0.1:${missing.addr.port}/`,
      },
      code: 1,
    },
    { task: "transform", args: ["--date", DAY], env: withLake, code: 0 },
    { task: "transform", args: ["--date", "nope"], env: withLake, code: 2 },
    { task: "transform", args: ["--date", UNPUBLISHED], env: withLake, code: 1 },
    { task: "compliance", args: ["--date", DAY], env: withLake, code: 0 },
    { task: "compliance", args: ["--year", "nope"], env: withLake, code: 2 },
    { task: "compliance", args: ["--year", "2023"], env: withLake, code: 1 },
    { task: "report", args: ["--date", DAY], env: withLake, code: 0 },
    { task: "report", args: ["--date", "nope"], env: withLake, code: 2 },
    { task: "report", args: ["--date", UNPUBLISHED], env: withLake, code: 1 },
    { task: "load", args: ["--date", DAY], env: withLake, code: 2 },
    { task: "load", args: ["--date", UNPUBLISHED], env: snowflakeEnv, code: 1 },
    { task: "publish-dag", args: ["--dry-run"], env: {}, code: 2 },
    { task: "publish-dag", args: ["--bucket", "airq-dags"], env: closedS3, code: 1 },
    { task: "demo", args: [], env: { AIRQ_LAKE: `file://${home}/demo-lake` }, code: 0 },
    { task: "demo", args: [], env: { AIRQ_LAKE: "file:///proc/airq-demo" }, code: 1 },
    { task: "fixture-server", args: ["--port", "abc"], code: 2 },
    { task: "fixture-server", args: ["--port", String(missing.addr.port)], code: 1 },
  ];
  if (snow) cases.push({ task: "load", args: ["--date", DAY], env: snowflakeEnv, code: 0 });
  const vgw = await startVersitygwIfInstalled();
  try {
    if (vgw) {
      await vgw.bucket("airq-dags");
      cases.push({ task: "publish-dag", args: ["--bucket", "airq-dags"], env: vgw.env, code: 0 });
    }
    for (const c of cases) await check(c, home);
  } finally {
    await vgw?.close();
    await snow?.close();
    await missing.shutdown();
    await api.close();
    await Deno.remove(home, { recursive: true });
  }
});

async function startVersitygwIfInstalled() {
  try {
    Deno.statSync(VERSITYGW_BIN);
  } catch {
    return undefined;
  }
  return await startVersitygw();
}
