/**
 * The variables a Deno subprocess with a cleared environment needs to find what this test
 * process uses: PATH and the Deno cache (DENO_DIR), whose npm/ folder holds the packages
 * ("nodeModulesDir": "none"). Without DENO_DIR a test that sets HOME to a temp folder would
 * make the child download every package into <temp>/.cache/deno.
 */
import { denoCacheDir } from "../../src/launch/deno_cache_dir.ts";

/** PATH and DENO_DIR of this process, for `new Deno.Command(…, { clearEnv: true })`. */
export function denoChildEnv(): Record<string, string> {
  const env = Deno.env.toObject();
  const dir = denoCacheDir(env, { os: Deno.build.os, cwd: Deno.cwd() });
  return { PATH: env.PATH ?? "", ...(dir === undefined ? {} : { DENO_DIR: dir }) };
}
