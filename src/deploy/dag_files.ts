/** Read the DAG files (`*.py`, top level only) of a local folder. Adapter: uses Deno.* I/O. */
import type { DagFile } from "./publish_dags.ts";

/** The folder's *.py files, sorted by name. Throws Error naming the folder when unreadable. */
export async function readDagFiles(dir: string): Promise<DagFile[]> {
  const files: DagFile[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !entry.name.endsWith(".py")) continue;
      files.push({ name: entry.name, bytes: await Deno.readFile(`${dir}/${entry.name}`) });
    }
  } catch (e) {
    throw new Error(`Cannot read DAG folder "${dir}": ${(e as Error).message}`, { cause: e });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}
