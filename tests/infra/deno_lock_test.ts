/**
 * deno.json freezes deno.lock: a command that would change the lock (an import edited without
 * updating it) fails instead, whether or not it passes --frozen. Runs offline against the Deno
 * cache (--cached-only), in a copy of the project's deno.json and deno.lock.
 */
import assert from "node:assert/strict";
import { denoChildEnv } from "../support/deno_env.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const PROBE = 'import { AwsClient } from "aws4fetch";\nconsole.log(typeof AwsClient);\n';

/** A temp project: deno.json (imports edited by `edit`), deno.lock, a probe and its test. */
async function project(edit: (imports: Record<string, string>) => void): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "airq-lock-" });
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  edit(config.imports);
  config.tasks = { probe: "deno run --cached-only probe.ts" };
  await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify(config));
  await Deno.copyFile(`${ROOT}deno.lock`, `${dir}/deno.lock`);
  await Deno.writeTextFile(`${dir}/probe.ts`, PROBE);
  await Deno.writeTextFile(
    `${dir}/probe_test.ts`,
    'import "./probe.ts";\nDeno.test("p", () => {});\n',
  );
  return dir;
}

async function deno(dir: string, args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: dir,
    clearEnv: true,
    env: { ...denoChildEnv(), HOME: dir, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

const COMMANDS = [
  ["run", "--cached-only", "probe.ts"],
  ["check", "--cached-only", "probe.ts"],
  ["test", "--cached-only", "probe_test.ts"],
  ["task", "--quiet", "probe"],
];

Deno.test("deno.json sets the lock to frozen", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  assert.deepEqual(config.lock, { frozen: true });
});

Deno.test("every deno command fails on an import the lock does not hold, lock unchanged", async () => {
  const dir = await project((imports) => imports.aws4fetch = "npm:aws4fetch@1.0.19");
  try {
    const before = await Deno.readTextFile(`${dir}/deno.lock`);
    for (const args of COMMANDS) {
      const run = await deno(dir, args);
      assert.equal(run.code, 1, `deno ${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, /The lockfile is out of date/, `deno ${args.join(" ")}`);
    }
    assert.equal(await Deno.readTextFile(`${dir}/deno.lock`), before);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the same commands pass when the imports match the lock", async () => {
  const dir = await project(() => {});
  try {
    for (const args of COMMANDS) {
      const run = await deno(dir, args);
      assert.equal(run.code, 0, `deno ${args.join(" ")}: ${run.stderr}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
