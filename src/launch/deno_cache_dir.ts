/**
 * Where Deno keeps its cache (`deno info --json` prints it as "denoDir"), computed the way
 * Deno does: DENO_DIR, else the OS cache folder + "/deno", else ~/.deno; a relative
 * folder is taken from the working folder. Pure.
 *
 * Why the launcher needs it: deno.json sets `"nodeModulesDir": "none"`, so npm packages are
 * loaded from the global cache (`<denoDir>/npm`) rather than a project node_modules/. Loading
 * modules needs no permission, but DuckDB-WASM and parquet-wasm read their .wasm files with
 * `fs.readFileSync`, which does: the launcher grants read on that folder (and nothing else of
 * the cache).
 */

/** Options of denoCacheDir(). */
export interface DenoCacheDirOptions {
  /** `Deno.build.os`. */
  os: string;
  /** The working folder, for a relative DENO_DIR. */
  cwd: string;
}

/** Deno's cache folder under `env`, or undefined when there is no home to put it in. */
export function denoCacheDir(
  env: Record<string, string | undefined>,
  options: DenoCacheDirOptions,
): string | undefined {
  if (env.DENO_DIR) return absolute(env.DENO_DIR, options.cwd);
  const cache = osCacheDir(env, options.os);
  if (cache) return `${absolute(cache, options.cwd)}/deno`;
  return env.HOME ? `${trimSlash(env.HOME)}/.deno` : undefined;
}

function osCacheDir(env: Record<string, string | undefined>, os: string): string | undefined {
  if (os === "windows") return env.LOCALAPPDATA;
  if (os === "darwin") return env.HOME ? `${trimSlash(env.HOME)}/Library/Caches` : undefined;
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  return env.HOME ? `${trimSlash(env.HOME)}/.cache` : undefined;
}

function absolute(path: string, cwd: string): string {
  return trimSlash(/^([a-zA-Z]:)?[/\\]/.test(path) ? path : `${trimSlash(cwd)}/${path}`);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}
