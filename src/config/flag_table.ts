/**
 * The markdown tables of a declared task's flags and variables, for docs/tasks.md, laid out
 * as `deno fmt` lays them out (padded columns), so formatting the page changes nothing. Pure.
 */
import { HELP_FLAG, type TaskDeclaration, validOf } from "./declaration.ts";
import { flagLabel } from "./help_text.ts";

/** A table cell: pipes escaped, empty shown as a dash. */
function cell(text: string): string {
  return text === "" ? "–" : text.replaceAll("|", "\\|");
}

function code(text: string): string {
  return text === "" ? "" : `\`${text}\``;
}

/** Rows of cells as a markdown table with padded columns. */
function table(header: string[], rows: string[][]): string[] {
  const width = (s: string) => [...s].length;
  const widths = header.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + " ".repeat(widths[i]! - width(c))).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** The flags table, then (when the task reads other variables) the variables table. */
export function flagTable(declaration: TaskDeclaration): string {
  const rows = [...declaration.flags, HELP_FLAG].map((f) =>
    [
      code(flagLabel(f)),
      code(f.env ?? ""),
      f.default === undefined ? f.defaultText ?? "" : code(f.default),
      validOf(f),
      f.help,
    ].map(cell)
  );
  const lines = table(["Flag", "Variable", "Default", "Valid values", "What it does"], rows);
  if (declaration.env.length > 0) {
    lines.push(
      "",
      ...table(
        ["Other variable", "What it is for"],
        declaration.env.map((e) => [cell(code(e.name)), cell(e.help)]),
      ),
    );
  }
  return lines.join("\n");
}
