/**
 * tasks/launch.ts end to end: a bad configuration is reported by the launcher with the same
 * JSON line and exit code the task prints itself, and `--help` prints the declared help.
 */
import assert from "node:assert/strict";
import { denoChildEnv } from "../support/deno_env.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

async function run(args: string[], env: Record<string, string> = {}) {
  const dir = await Deno.makeTempDir({ prefix: "airq-launch-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--config", `${ROOT}/deno.json`, ...args],
      cwd: dir,
      clearEnv: true,
      // The test's own Deno cache, so the children load the same npm packages offline.
      env: { ...denoChildEnv(), HOME: dir, ...env },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    const line = stderr.split("\n").find((l) => l.startsWith("{"));
    const event = line === undefined ? undefined : JSON.parse(line) as Record<string, unknown>;
    // The time of the line (and of its metrics block) is the only part that may differ.
    if (event) delete event.ts;
    const aws = event?._aws as Record<string, unknown> | undefined;
    if (aws) delete aws.Timestamp;
    return { code: out.code, stdout: new TextDecoder().decode(out.stdout), stderr, event };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const LAUNCHER = ["--allow-env", "--allow-read=.", "--allow-run", `${ROOT}/tasks/launch.ts`];

for (
  const [task, script, args] of [
    ["ingest", "ingest.ts", ["--concurrency", "0", "--lake", "ftp://x"]],
    ["transform", "transform.ts", ["--workers", "99"]],
    ["report", "report.ts", ["--dat", "2024-11-20"]],
  ] as const
) {
  Deno.test(`the launcher reports a bad ${task} configuration as the task does (exit 2)`, async () => {
    const launched = await run([...LAUNCHER, task, ...args]);
    const direct = await run(["-A", `${ROOT}/tasks/${script}`, ...args]);
    assert.equal(direct.code, 2, direct.stderr);
    assert.equal(launched.code, 2, launched.stderr);
    assert.equal(direct.event?.task, task);
    assert.equal(direct.event?.error, "ConfigError");
    assert.deepEqual(launched.event, direct.event);
  });
}

Deno.test("the launcher runs `demo --help` as help: it prints the declaration and starts nothing", async () => {
  const r = await run([...LAUNCHER, "demo", "--help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith("Usage: deno task demo [--lake URI]\n"), r.stdout);
  assert.ok(r.stdout.includes("  --lake URI"));
  assert.equal(r.stderr.includes("listening"), false);
});
