/**
 * The image ships exactly what it runs: the files .dockerignore lets into the build context
 * hold every local module the shipped task files import, and neither the fake API
 * (fixture_api/) nor the demo that needs it. Offline: the module graphs come from `deno info`.
 * .ci/build_image.sh checks the same in the built image.
 */
import assert from "node:assert/strict";
import { ROOT, trackedFiles } from "./_repository.ts";

/** One .dockerignore rule: `*`, or a path (a folder ends in `/`), `!` to let it in again. */
interface Rule {
  allow: boolean;
  pattern: string;
}

async function readRules(): Promise<Rule[]> {
  const text = await Deno.readTextFile(`${ROOT}.dockerignore`);
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  return lines.map((line) => {
    // Only the forms this test understands; a glob elsewhere needs a real matcher here.
    assert.match(line, /^!?(\*|[\w.-]+(\/[\w.-]+)*\/?)$/, `.dockerignore rule "${line}"`);
    const allow = line.startsWith("!");
    return { allow, pattern: allow ? line.slice(1) : line };
  });
}

/** Whether the build context holds `path` (the last matching rule wins, as in Docker). */
function inContext(rules: Rule[], path: string): boolean {
  let kept = true;
  for (const { allow, pattern } of rules) {
    const folder = pattern.replace(/\/$/, "");
    if (pattern === "*" || path === folder || path.startsWith(`${folder}/`)) kept = allow;
  }
  return kept;
}

/** Repository-relative paths of the local modules `entry` loads. */
async function localModules(entry: string): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", `${ROOT}deno.json`, entry],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { specifier: string }[];
  };
  const root = `file://${ROOT}`;
  return info.modules.map((m) => m.specifier).filter((s) => s.startsWith(root))
    .map((s) => decodeURIComponent(s.slice(root.length)));
}

Deno.test(".dockerignore keeps the fake API and the demo out of the image", async () => {
  const rules = await readRules();
  const shipped = (await trackedFiles()).filter((p) => inContext(rules, p));
  assert.deepEqual(shipped.filter((p) => p.startsWith("fixture_api/")), []);
  assert.ok(!shipped.includes("tasks/demo.ts"), "tasks/demo.ts is in the image");
  for (const p of ["deno.json", "deno.lock", "tasks/ingest.ts", "src/lake/layout.ts"]) {
    assert.ok(shipped.includes(p), `${p} is not in the image`);
  }
  assert.ok(!shipped.some((p) => /^(tests|bench|dags|terraform|\.ci)\//.test(p)));
});

Deno.test("every local module a shipped task file imports is in the image", async () => {
  const rules = await readRules();
  const shipped = new Set((await trackedFiles()).filter((p) => inContext(rules, p)));
  const entries = [...shipped].filter((p) => /^tasks\/[^/]+\.ts$/.test(p)).sort();
  assert.ok(entries.length >= 5, `task files in the image: ${entries.join(", ")}`);
  const missing: string[] = [];
  for (const entry of entries) {
    for (const path of await localModules(entry)) {
      if (!shipped.has(path)) missing.push(`${entry} imports ${path}`);
    }
  }
  assert.deepEqual(missing, []);
});
