/**
 * The Deno version is written once, in the Dockerfile's `FROM denoland/deno:debian-<version>`
 * line; .ci/deno.sh and .ci/build_image.sh read it from there, and no other tracked file
 * repeats it.
 */
import assert from "node:assert/strict";
import { readTracked, ROOT, trackedFiles } from "./_repository.ts";

const FROM = /^FROM denoland\/deno:debian-(\d+\.\d+\.\d+)@sha256:[0-9a-f]{64}$/m;

/** The version of the Dockerfile's FROM line. */
async function pinnedVersion(): Promise<string> {
  const version = (await Deno.readTextFile(`${ROOT}Dockerfile`)).match(FROM)?.[1];
  assert.ok(
    version,
    'Dockerfile has no "FROM denoland/deno:debian-<version>@sha256:<digest>" line',
  );
  return version;
}

async function bash(args: string[], cwd: string) {
  const out = await new Deno.Command("bash", { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("the tests run on the Deno of the Dockerfile's FROM line", async () => {
  assert.equal(Deno.version.deno, await pinnedVersion());
});

Deno.test(".ci/deno.sh runs the Deno of the Dockerfile's FROM line", async () => {
  const { code, stdout, stderr } = await bash([".ci/deno.sh", "--version"], ROOT);
  assert.equal(code, 0, stderr);
  assert.match(stdout, new RegExp(`^deno ${(await pinnedVersion()).replaceAll(".", "\\.")} `));
});

Deno.test(".ci/deno.sh exits 2 naming the Dockerfile when it has no Deno FROM line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-deno-version-" });
  try {
    await Deno.mkdir(`${dir}/.ci`);
    await Deno.copyFile(`${ROOT}.ci/deno.sh`, `${dir}/.ci/deno.sh`);
    await Deno.writeTextFile(`${dir}/Dockerfile`, "FROM debian:stable-slim\n");
    const { code, stdout, stderr } = await bash([".ci/deno.sh", "--version"], dir);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.equal(
      stderr,
      `airq: cannot read the Deno version: no "FROM denoland/deno:debian-<version>" line in ${dir}/Dockerfile\n`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test(".ci/build_image.sh reads the version and the base tag from the Dockerfile", async () => {
  const script = await Deno.readTextFile(`${ROOT}.ci/build_image.sh`);
  const lines = script.split("\n").filter((l) => /^(DENO_VERSION|BASE)=/.test(l));
  assert.equal(lines.length, 2, "one DENO_VERSION= and one BASE= line");
  const { code, stdout, stderr } = await bash(
    ["-c", `${lines.join("\n")}\necho "$DENO_VERSION $BASE"`],
    ROOT,
  );
  assert.equal(code, 0, stderr);
  const version = await pinnedVersion();
  assert.equal(stdout, `${version} docker.io/denoland/deno:debian-${version}\n`);
});

/**
 * Where the version may appear besides the Dockerfile: records of a benchmark run, which state
 * the Deno that ran it (bench/main.ts writes `Deno.version.deno`).
 */
function recordsOnly(path: string, text: string): string {
  if (path === "bench/results.json") return "";
  if (path === "bench/RESULTS.md") {
    return text.replace(/<!-- results:begin -->[\s\S]*<!-- results:end -->/, "");
  }
  return text;
}

Deno.test("no tracked file but the Dockerfile writes the Deno version", async () => {
  const version = await pinnedVersion();
  const paths = await trackedFiles();
  const copy = new RegExp(`(?<![0-9.])${version.replaceAll(".", "\\.")}(?![0-9])`);
  const found: string[] = [];
  for (const path of paths) {
    if (path === "Dockerfile") continue;
    const line = recordsOnly(path, await readTracked(path)).split("\n").findIndex((l) =>
      copy.test(l)
    );
    if (line >= 0) found.push(`${path}:${line + 1}`);
  }
  assert.deepEqual(found, [], `Deno ${version} is written outside the Dockerfile; read it instead`);
});
