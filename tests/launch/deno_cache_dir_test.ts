/** denoCacheDir(): the folder `deno info --json` reports, for each way it can be chosen. */
import assert from "node:assert/strict";
import { denoCacheDir } from "../../src/launch/deno_cache_dir.ts";

const LINUX = { os: "linux", cwd: "/work" };

/** What the real Deno reports as its cache folder under `env` (nothing else inherited). */
async function denoInfoDir(env: Record<string, string>): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    env,
    clearEnv: true,
    cwd: "/tmp",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  // Deno echoes DENO_DIR as given (trailing slash kept); the folder is the same.
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir.replace(/(.)\/+$/, "$1");
}

Deno.test("denoCacheDir() prefers DENO_DIR, relative to the working folder", () => {
  assert.equal(denoCacheDir({ DENO_DIR: "/deno-dir/", HOME: "/home/u" }, LINUX), "/deno-dir");
  assert.equal(denoCacheDir({ DENO_DIR: "cache" }, LINUX), "/work/cache");
});

Deno.test("denoCacheDir() uses XDG_CACHE_HOME, else ~/.cache on Linux", () => {
  assert.equal(denoCacheDir({ XDG_CACHE_HOME: "/xdg", HOME: "/h" }, LINUX), "/xdg/deno");
  assert.equal(denoCacheDir({ XDG_CACHE_HOME: "rel", HOME: "/h" }, LINUX), "/work/rel/deno");
  assert.equal(denoCacheDir({ HOME: "/h/" }, LINUX), "/h/.cache/deno");
});

Deno.test("denoCacheDir() uses ~/Library/Caches on macOS and LOCALAPPDATA on Windows", () => {
  assert.equal(
    denoCacheDir({ HOME: "/Users/u" }, { ...LINUX, os: "darwin" }),
    "/Users/u/Library/Caches/deno",
  );
  assert.equal(denoCacheDir({ LOCALAPPDATA: "C:/L" }, { ...LINUX, os: "windows" }), "C:/L/deno");
});

Deno.test("denoCacheDir() is undefined without DENO_DIR, cache folder or home", () => {
  assert.equal(denoCacheDir({}, LINUX), undefined);
});

Deno.test({
  name: "denoCacheDir() agrees with `deno info --json` on this machine",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const cases = [
      { HOME: "/home/someone" },
      { HOME: "/home/someone", XDG_CACHE_HOME: "/var/cache/xdg" },
      { HOME: "/home/someone", XDG_CACHE_HOME: "relative" },
      { HOME: "/home/someone", DENO_DIR: "/deno-dir/" },
      { HOME: "/home/someone", DENO_DIR: "cache" },
    ];
    for (const env of cases) {
      assert.equal(
        denoCacheDir(env, { os: "linux", cwd: "/tmp" }),
        await denoInfoDir(env),
        JSON.stringify(env),
      );
    }
  },
});
