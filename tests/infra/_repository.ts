/** The repository as the infra tests see it: its root folder and the files git tracks. */
import assert from "node:assert/strict";

/** The repository root, with a trailing slash. */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** Repository-relative paths of every tracked file (`git ls-files`). */
export async function trackedFiles(): Promise<string[]> {
  const out = await new Deno.Command("git", {
    args: ["ls-files", "-z"],
    cwd: ROOT,
    stdout: "piped",
  })
    .output();
  assert.equal(out.code, 0, "git ls-files failed");
  const paths = new TextDecoder().decode(out.stdout).split("\0").filter((p) => p !== "");
  assert.ok(paths.includes("Dockerfile") && paths.length > 100, "git ls-files listed the repo");
  return paths;
}

/** The text of a tracked file (bytes that are not UTF-8 become U+FFFD). */
export async function readTracked(path: string): Promise<string> {
  return new TextDecoder().decode(await Deno.readFile(`${ROOT}${path}`));
}
