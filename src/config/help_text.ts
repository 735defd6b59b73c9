/**
 * The `--help` text of a declared task, with the same parts for every task: usage, what it
 * does, flags, environment, exit codes and an example. Pure.
 */
import {
  declaredEnv,
  defaultOf,
  type FlagDeclaration,
  HELP_FLAG,
  type TaskDeclaration,
  validOf,
} from "./declaration.ts";

const WIDTH = 96;
/** Joins the words of a part that wrap() must keep on one line ("default: X"). */
const KEEP = "\u00a0";
const COLUMN = 24;

/** Words of `text` joined into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/[ \t\n]+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => l.replaceAll(KEEP, " "));
}

/** `label` in a column, then `text` wrapped beside it. */
function entry(label: string, text: string): string[] {
  const pad = " ".repeat(COLUMN);
  const lines = wrap(text, WIDTH - COLUMN);
  const first = `  ${label}`;
  if (first.length >= COLUMN - 1) return [first, ...lines.map((l) => pad + l)];
  return lines.map((l, i) => (i === 0 ? first.padEnd(COLUMN) : pad) + l);
}

/** "--name ARG" of a flag (with "-h, " for --help). */
export function flagLabel(flag: FlagDeclaration): string {
  const name = flag.name === HELP_FLAG.name ? "-h, --help" : `--${flag.name}`;
  return flag.arg === undefined ? name : `${name} ${flag.arg}`;
}

function flagText(flag: FlagDeclaration): string {
  const meta = [
    validOf(flag) && `valid: ${validOf(flag)}`,
    flag.env && `env ${flag.env}`,
    defaultOf(flag) && `default: ${defaultOf(flag)}`,
  ].filter((m): m is string => typeof m === "string" && m !== "")
    .map((m) => m.replaceAll(" ", KEEP));
  return meta.length === 0 ? flag.help : `${flag.help} (${meta.join("; ")})`;
}

/** The whole `--help` text of `declaration`. */
export function helpText(declaration: TaskDeclaration): string {
  const d = declaration;
  const flags = [...d.flags, HELP_FLAG];
  const envLines = [
    ...d.flags.filter((f) => f.env !== undefined).map((f) => entry(f.env!, `same as --${f.name}`)),
    ...d.env.map((e) => entry(e.name, e.help)),
  ].flat();
  return [
    `Usage: deno task ${d.name} ${d.usage}`.trimEnd(),
    "",
    ...wrap(d.purpose, WIDTH),
    ...d.details.flatMap((p) => ["", ...wrap(p, WIDTH)]),
    "",
    "Flags (a flag wins over its environment variable; an empty variable counts as unset):",
    ...flags.flatMap((f) => entry(flagLabel(f), flagText(f))),
    "",
    "Environment:",
    ...(declaredEnv(d).length === 0 ? ["  none"] : envLines),
    "",
    "Exit codes:",
    ...entry("0", d.exitCodes.ok),
    ...entry("1", d.exitCodes.failed),
    ...entry("2", "bad configuration: the message names every problem; nothing was done"),
    "",
    d.examples.length === 1 ? "Example:" : "Examples:",
    ...d.examples.map((e) => `  ${e}`),
    "",
    "Logs: one JSON line per event on stderr when stderr is not a terminal.",
  ].join("\n");
}
