/**
 * Build step of the Dockerfile (not a `deno task`): writes the image's deno.json, deno.lock
 * and the list of its entry points into <out-dir>, from the project's, keeping only the
 * tasks the image runs and the npm packages their module graphs import
 * (src/deploy/production_config.ts). The graphs come from `deno info --json`.
 * Usage: deno run --allow-read=. --allow-write=<out-dir> --allow-run tasks/image_config.ts <out-dir>
 */
import {
  IMAGE_TASKS,
  npmPackageName,
  productionConfig,
  taskScripts,
} from "../src/deploy/production_config.ts";
import { TASKS } from "../src/launch/registry.ts";
import { runMain } from "./cli.ts";
import { denoInfo } from "./deno_info.ts";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** npm package names imported anywhere in the module graph of `entry`. */
async function graphPackages(entry: string): Promise<string[]> {
  const info = await denoInfo<{ kind?: string; specifier: string }>(ROOT, entry);
  return info.modules.filter((m) => m.kind === "npm").map((m) => npmPackageName(m.specifier) ?? "");
}

if (import.meta.main) {
  runMain("image-config", async (log) => {
    const outDir = Deno.args[0];
    if (!outDir) throw new RangeError("Cannot write the image config: no output folder given");
    const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`));
    const lock = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.lock`));
    const entries = new Set<string>();
    for (const task of IMAGE_TASKS) {
      for (const script of taskScripts(config.tasks?.[task] ?? "")) entries.add(script);
      const script = TASKS.find((t) => t.name === task)?.script;
      if (script === undefined) {
        throw new RangeError(`Cannot put task "${task}" in the image: not a task`);
      }
      entries.add(script);
    }
    const packages = new Set<string>();
    for (const entry of entries) for (const p of await graphPackages(entry)) packages.add(p);
    const image = productionConfig(config, lock, { tasks: IMAGE_TASKS, packages: [...packages] });
    await Deno.mkdir(outDir, { recursive: true });
    await Deno.writeTextFile(`${outDir}/deno.json`, JSON.stringify(image.config, null, 2) + "\n");
    await Deno.writeTextFile(`${outDir}/deno.lock`, JSON.stringify(image.lock, null, 2) + "\n");
    await Deno.writeTextFile(`${outDir}/entrypoints`, [...entries].join("\n") + "\n");
    log("done", {
      tasks: IMAGE_TASKS,
      entrypoints: [...entries],
      imports: Object.keys(image.config.imports ?? {}),
      npm_packages: Object.keys(image.lock.npm ?? {}).length,
    });
    return 0;
  });
}
