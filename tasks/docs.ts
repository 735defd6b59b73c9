/**
 * `deno task docs`: rewrite the generated flag tables of docs/tasks.md from the task
 * declarations (src/launch/docs_tables.ts). tests/launch/docs_tables_test.ts fails when the
 * checked-in tables are stale.
 */
import { DOCS_PAGE, rewriteTables } from "../src/launch/docs_tables.ts";
import { loadAllTasks } from "../src/launch/registry.ts";
import { printOut, runMain } from "./cli.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/** Rewrite the page; returns the exit code. */
export async function main(): Promise<number> {
  const path = `${ROOT}${DOCS_PAGE}`;
  let page = "# Tasks\n";
  try {
    page = await Deno.readTextFile(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const next = rewriteTables(page, (await loadAllTasks()).map((t) => t.declaration));
  if (next === page) {
    printOut(`${DOCS_PAGE} is up to date`);
    return 0;
  }
  await Deno.writeTextFile(path, next);
  printOut(`${DOCS_PAGE} rewritten`);
  return 0;
}

if (import.meta.main) runMain("docs", () => main());
