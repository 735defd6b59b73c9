/**
 * The generated flag tables of docs/tasks.md: each task's table sits between
 * `<!-- BEGIN GENERATED: flags <task> -->` and `<!-- END GENERATED: flags <task> -->`, and
 * `deno task docs` rewrites what is between them from the task's declaration. Pure.
 */
import type { TaskDeclaration } from "../config/declaration.ts";
import { flagTable } from "../config/flag_table.ts";

/** The command that rewrites the tables. */
export const DOCS_COMMAND = "deno task docs";

/** The page holding the tables, relative to the project folder. */
export const DOCS_PAGE = "docs/tasks.md";

function markers(task: string): { begin: string; end: string } {
  return {
    begin: `<!-- BEGIN GENERATED: flags ${task} -->`,
    end: `<!-- END GENERATED: flags ${task} -->`,
  };
}

/** The marker section of `task` with `table` inside. */
export function generatedSection(task: string, table: string): string {
  const { begin, end } = markers(task);
  return `${begin}\n<!-- Written by \`${DOCS_COMMAND}\` from the task's declaration; do not edit. -->\n\n${table}\n\n${end}`;
}

/**
 * `page` with the section of every one of `declarations` rewritten; a task without markers
 * gets a new section at the end under a "## <task>" heading. Throws SyntaxError on a begin
 * marker without its end.
 */
export function rewriteTables(page: string, declarations: readonly TaskDeclaration[]): string {
  let out = page;
  for (const declaration of declarations) {
    const { begin, end } = markers(declaration.name);
    const section = generatedSection(declaration.name, flagTable(declaration));
    const from = out.indexOf(begin);
    if (from === -1) {
      out = `${out.trimEnd()}\n\n## ${declaration.name}\n\n${section}\n`;
      continue;
    }
    const to = out.indexOf(end, from);
    if (to === -1) {
      throw new SyntaxError(
        `Cannot rewrite the flags of "${declaration.name}" in ${DOCS_PAGE}: "${begin}" has no "${end}"`,
      );
    }
    out = out.slice(0, from) + section + out.slice(to + end.length);
  }
  return out;
}
