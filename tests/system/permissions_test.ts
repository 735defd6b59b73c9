/**
 * `deno task <name>` runs tasks/launch.ts, which runs the task with narrowed permissions. A
 * probe run with exactly the flags the launcher computes for a task shows that the task can
 * write its lake but nothing else, reach its hosts but no other, and see only its variables;
 * the real tasks run with the same flags (and succeed) in tests/system/secrets_test.ts.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { denoChildEnv } from "../support/deno_env.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const LAUNCHER = [
  "run",
  "--allow-env",
  "--allow-read",
  "--allow-write",
  "--allow-run",
  `${ROOT}/tasks/launch.ts`,
];

async function launch(args: string[], env: Record<string, string>, cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...LAUNCHER, ...args],
    cwd,
    clearEnv: true,
    env: { ...denoChildEnv(), HOME: cwd, TMPDIR: `${cwd}/tmp`, ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test({
  name: "a launched task can write only its lake and temp folder and reach only its hosts",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-permissions-" });
  const api = await startFixtureServer();
  const other = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response("other"),
  );
  try {
    await Deno.mkdir(`${dir}/tmp`);
    await Deno.mkdir(`${dir}/outside`);
    const env = { AIRQ_API_URL: api.url, GITHUB_TOKEN: "not-for-tasks" };
    const printed = await launch(["ingest", "--lake", `file://${dir}/lake`], {
      ...env,
      AIRQ_LAUNCH_PRINT: "1",
    }, dir);
    assert.equal(printed.code, 0, printed.stderr);
    const plan = JSON.parse(printed.stdout) as { argv: string[]; env: string[] };
    assert.deepEqual(plan.env, ["AIRQ_API_URL", "DENO_DIR", "HOME", "PATH", "TMPDIR"]);
    const npmCache = `${denoChildEnv().DENO_DIR}/npm`;
    const script = plan.argv.indexOf(`${ROOT}/tasks/ingest.ts`);
    assert.ok(script > 0, plan.argv.join(" "));
    const port = new URL(api.url).port;
    // The run's own temp folder, made by the launcher under TMPDIR and removed after the run.
    const runTmp = plan.argv.find((a) => a.startsWith("--allow-write="))!.split("=")[1]!
      .split(",")[0]!;
    assert.match(runTmp, new RegExp(`^${dir}/tmp/airq-ingest-[^/]+$`));
    assert.deepEqual(await Array.fromAsync(Deno.readDir(`${dir}/tmp`)), []);
    assert.deepEqual(plan.argv.slice(0, script), [
      "run",
      "--no-prompt",
      "--config",
      `${ROOT}/deno.json`,
      `--allow-net=127.0.0.1:${port}`,
      "--allow-env",
      `--allow-read=${ROOT},${runTmp},${npmCache},${dir}/lake`,
      `--allow-write=${runTmp},${dir}/lake`,
    ]);

    // The probe, with the same flags, in place of tasks/ingest.ts.
    await Deno.mkdir(`${dir}/lake`);
    await Deno.mkdir(runTmp);
    await Deno.mkdir(`${dir}/tmp/other-program`);
    await Deno.writeTextFile(`${dir}/outside/secret.txt`, "x");
    const probe = await new Deno.Command(Deno.execPath(), {
      args: [
        ...plan.argv.slice(0, script),
        `${ROOT}/tests/system/_permission_probe.ts`,
        `write:${dir}/lake/probe.json`,
        `write:${runTmp}/probe.json`,
        `write:${dir}/tmp/probe.json`,
        `write:${dir}/tmp/other-program/probe.json`,
        `read:${dir}/tmp/other-program`,
        `write:${dir}/outside/probe.json`,
        `write:${ROOT}/probe.json`,
        `read:${dir}/outside/secret.txt`,
        `net:${api.url}stations`,
        `net:http://127.0.0.1:${other.addr.port}/`,
        `net:http://169.254.169.254/latest/meta-data/`,
      ],
      cwd: dir,
      clearEnv: true,
      env: denoChildEnv(),
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(probe.code, 0, new TextDecoder().decode(probe.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(probe.stdout)), {
      [`write:${dir}/lake/probe.json`]: "ok",
      [`write:${runTmp}/probe.json`]: "ok",
      [`write:${dir}/tmp/probe.json`]: "NotCapable",
      [`write:${dir}/tmp/other-program/probe.json`]: "NotCapable",
      [`read:${dir}/tmp/other-program`]: "NotCapable",
      [`write:${dir}/outside/probe.json`]: "NotCapable",
      [`write:${ROOT}/probe.json`]: "NotCapable",
      [`read:${dir}/outside/secret.txt`]: "NotCapable",
      [`net:${api.url}stations`]: "ok",
      [`net:http://127.0.0.1:${other.addr.port}/`]: "NotCapable",
      [`net:http://169.254.169.254/latest/meta-data/`]: "NotCapable",
    });
    assert.deepEqual(
      (await Array.fromAsync(Deno.readDir(`${dir}/outside`))).map((e) => e.name),
      ["secret.txt"],
    );

    // And the real task, launched the same way, ingests into its lake.
    const ran = await launch(
      ["ingest", "--date", "2024-11-20", "--lake", `file://${dir}/lake`],
      env,
      dir,
    );
    assert.equal(ran.code, 0, ran.stderr);
    await Deno.remove(runTmp, { recursive: true });
    const left = await Array.fromAsync(Deno.readDir(`${dir}/tmp`), (e) => e.name);
    assert.deepEqual(left, ["other-program"], "the run's temp folder is removed");
    const written = await Array.fromAsync(Deno.readDir(`${dir}/lake/raw/irceline/date=2024-11-20`));
    assert.ok(written.some((e) => e.name === "_manifest.json"));
  } finally {
    await other.shutdown();
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the launcher refuses an unknown task with exit code 2", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-permissions-" });
  try {
    const r = await launch(["fetch-all"], {}, dir);
    assert.equal(r.code, 2);
    const event = JSON.parse(r.stderr.split("\n").find((l) => l.startsWith("{"))!);
    assert.equal(event.event, "failed");
    assert.equal(
      event.message,
      'Invalid configuration: Cannot launch "fetch-all": not one of ingest, transform, compliance, load, report, publish-dag, demo, fixture-server',
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
