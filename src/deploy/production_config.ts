/**
 * The image's deno.json and deno.lock, derived from the project's: only the tasks the image
 * runs (IMAGE_TASKS), only the npm imports their module graphs use, and only the lock entries
 * those imports reach. `deno install --frozen` with the pair installs the production packages
 * and nothing else (no playwright-core, no @cdktf/hcl2json), with every version and integrity
 * hash taken from the project's lock unchanged. Pure: tasks/image_config.ts does the I/O.
 */

/** The tasks the image's entry point (`deno task`) accepts: the AWS Batch jobs. */
export const IMAGE_TASKS = ["ingest", "transform", "compliance", "load"] as const;

/** The parts of deno.json this module reads and rewrites. */
export interface DenoConfig {
  imports?: Record<string, string>;
  tasks?: Record<string, string>;
  [key: string]: unknown;
}

/** One package of deno.lock's "npm" section (lock version 5). */
interface LockPackage {
  dependencies?: string[];
  optionalDependencies?: string[];
  peerDependencies?: string[];
  [key: string]: unknown;
}

/** deno.lock, version 5 (npm packages only: JSR is not used). */
export interface DenoLock {
  version: string;
  specifiers?: Record<string, string>;
  npm?: Record<string, LockPackage>;
  workspace?: { dependencies?: string[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** The npm package name of a specifier: `npm:/@a/b@1.0.0/x.js` → `@a/b`; else undefined. */
export function npmPackageName(specifier: string): string | undefined {
  const m = /^npm:\/?((?:@[^/@]+\/)?[^/@]+)/.exec(specifier);
  return m?.[1];
}

/** The local script files a deno.json task command runs (`… tasks/launch.ts ingest`). */
export function taskScripts(command: string): string[] {
  return command.split(/\s+/).filter((word) => /^[\w./-]+\.ts$/.test(word));
}

/**
 * deno.json reduced to `tasks` and the npm imports of `packages` (package names), and
 * deno.lock reduced to what those imports reach. Throws RangeError for a task that deno.json
 * does not define, and SyntaxError for a lock entry that names a package the lock lacks.
 */
export function productionConfig(
  config: DenoConfig,
  lock: DenoLock,
  options: { tasks: readonly string[]; packages: readonly string[] },
): { config: DenoConfig; lock: DenoLock } {
  const keep = new Set(options.packages);
  const used = (spec: string) => !spec.startsWith("npm:") || keep.has(npmPackageName(spec) ?? "");
  const tasks: Record<string, string> = {};
  for (const name of options.tasks) {
    const command = config.tasks?.[name];
    if (command === undefined) {
      throw new RangeError(`Cannot put task "${name}" in the image: not in deno.json`);
    }
    tasks[name] = command;
  }
  const imports = Object.fromEntries(
    Object.entries(config.imports ?? {}).filter(([, s]) => used(s)),
  );
  const specifiers = Object.fromEntries(
    Object.entries(lock.specifiers ?? {}).filter(([s]) => used(s)),
  );
  const npm = lock.npm ?? {};
  const reached = new Set<string>();
  const todo = Object.entries(specifiers).map(([s, v]) => `${npmPackageName(s)}@${v}`);
  for (let key = todo.pop(); key !== undefined; key = todo.pop()) {
    if (reached.has(key)) continue;
    const entry = npm[key];
    if (entry === undefined) throw new SyntaxError(`Cannot prune deno.lock: no npm entry "${key}"`);
    reached.add(key);
    const deps = [
      ...(entry.dependencies ?? []),
      ...(entry.optionalDependencies ?? []),
      ...(entry.peerDependencies ?? []),
    ];
    for (const dep of deps) todo.push(lockKey(dep, npm));
  }
  const pruned: DenoLock = {
    ...lock,
    specifiers,
    npm: Object.fromEntries(Object.entries(npm).filter(([k]) => reached.has(k))),
  };
  if (lock.workspace) {
    pruned.workspace = {
      ...lock.workspace,
      dependencies: (lock.workspace.dependencies ?? []).filter(used),
    };
  }
  return { config: { ...config, imports, tasks }, lock: pruned };
}

/**
 * The "npm" key a dependency names: `name@version[_peers]` as written, or a bare `name` when
 * the lock holds a single version of it.
 */
function lockKey(dep: string, npm: Record<string, LockPackage>): string {
  if (dep.indexOf("@", 1) > 0) return dep;
  const keys = Object.keys(npm).filter((k) =>
    k.startsWith(`${dep}@`) && /^\d/.test(k.slice(dep.length + 1))
  );
  if (keys.length !== 1) {
    throw new SyntaxError(`Cannot prune deno.lock: "${dep}" matches ${keys.length} npm entries`);
  }
  return keys[0]!;
}
