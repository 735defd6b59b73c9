/**
 * .ci/test_all.sh in a scratch tree: the real Deno suite over a test file with an ignored
 * test, and a suite that skips a check. The closing line counts skips; under CI=true each
 * skip is a failure that names it.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;

const TEST_FILE = `Deno.test("runs", () => {});
Deno.test({ name: "needs the emulator", ignore: true, fn: () => {} });
`;

const SKIPPING_SUITE = `#!/usr/bin/env bash
echo "ok   hclfmt (0 s)"
echo "skipped: terraform-moto (needs terraform)"
echo "1 passed, 0 failed, 1 skipped"
`;

async function scratchTree(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "airq-test-all-" });
  for (const d of [".ci/suites", ".ci/setup", ".tools/bin", "tests"]) {
    await Deno.mkdir(`${dir}/${d}`, { recursive: true });
  }
  const copied = [
    ".ci/test_all.sh",
    ".ci/deno.sh",
    ".ci/no_deno_warnings.sh",
    ".ci/suites/10-deno.sh",
  ];
  for (const f of [...copied, "Dockerfile"]) {
    await Deno.copyFile(`${ROOT}${f}`, `${dir}/${f}`);
  }
  await Deno.symlink(`${ROOT}.tools/bin/deno`, `${dir}/.tools/bin/deno`);
  await Deno.writeTextFile(`${dir}/.ci/suites/40-skipping.sh`, SKIPPING_SUITE);
  await Deno.writeTextFile(`${dir}/tests/x_test.ts`, TEST_FILE);
  return dir;
}

async function testAll(dir: string, ci: string) {
  const out = await new Deno.Command("bash", {
    args: [`${dir}/.ci/test_all.sh`],
    env: { CI: ci },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b).trimEnd().split("\n");
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("test_all.sh counts skipped tests and checks in its closing line", async () => {
  const dir = await scratchTree();
  try {
    const run = await testAll(dir, "");
    assert.equal(run.code, 0, run.stderr.join("\n"));
    assert.equal(run.stdout.at(-1), "2 passed, 0 failed, 2 skipped");
    assert.ok(run.stdout.includes("skipped: ./tests/x_test.ts => needs the emulator"));
    assert.ok(run.stdout.includes("== suite 10-deno: 1 passed, 0 failed, 1 skipped (exit 0)"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("test_all.sh under CI=true fails on every skip and names it", async () => {
  const dir = await scratchTree();
  try {
    const run = await testAll(dir, "true");
    assert.equal(run.code, 1);
    assert.equal(run.stdout.at(-1), "2 passed, 2 failed, 2 skipped");
    const named = run.stderr.filter((l) => l.startsWith("FAIL skipped under CI=true: "));
    assert.deepEqual(named, [
      "FAIL skipped under CI=true: 10-deno: ./tests/x_test.ts => needs the emulator",
      "FAIL skipped under CI=true: 40-skipping: terraform-moto (needs terraform)",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
