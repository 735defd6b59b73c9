/**
 * The declaration of one task: its name, purpose, usage, flags (each once: kind, env
 * variable, default, valid values, help line), the other variables it reads and its exit
 * codes. The parser (declared_flags.ts), the `--help` text (help_text.ts), the docs table
 * (flag_table.ts) and the launcher's environment list all derive from it. Pure data.
 */

/** How a flag's value is written. */
export type FlagKind = "string" | "int" | "number" | "boolean" | "list" | "date" | "uri" | "url";

/** One flag of a task. */
export interface FlagDeclaration {
  /** Name without the dashes, e.g. "lake". */
  name: string;
  kind: FlagKind;
  /** Placeholder of the value in help, e.g. "URI"; none for booleans. */
  arg?: string;
  /** Variable read when the flag is absent (an empty value counts as unset). */
  env?: string;
  /** Default used by the parser when neither flag nor variable is given. */
  default?: string;
  /** A computed default, described, e.g. "yesterday in --timezone". */
  defaultText?: string;
  /** Smallest accepted value of an int flag (checked by the parser). */
  min?: number;
  /** Largest accepted value of an int flag (checked by the parser). */
  max?: number;
  /** Accepted values in words when they are not a min..max range. */
  valid?: string;
  /** One line: what the flag does. */
  help: string;
}

/** A variable a task reads that is not the variable of a flag. */
export interface EnvDeclaration {
  name: string;
  help: string;
}

/** Everything a task says about itself. */
export interface TaskDeclaration {
  /** The `deno task` name, e.g. "publish-dag". */
  name: string;
  /** Entry point, relative to the project folder. */
  script: string;
  /** One line: what the task does. */
  purpose: string;
  /** Arguments after `deno task <name>` in the usage line. */
  usage: string;
  /** Paragraphs after the purpose: what a run does, skips and refuses. */
  details: string[];
  flags: FlagDeclaration[];
  /** Variables read besides those of flags. */
  env: EnvDeclaration[];
  /** Meaning of exit codes 0 and 1 (2 is always a bad configuration). */
  exitCodes: { ok: string; failed: string };
  /** Example command lines, each a whole `deno task …` line. */
  examples: string[];
}

/** The `--help` flag every task accepts. */
export const HELP_FLAG: FlagDeclaration = {
  name: "help",
  kind: "boolean",
  help: "show this text and exit",
};

/** Every variable a task reads: those of its flags, then the others, without repeats. */
export function declaredEnv(declaration: TaskDeclaration): string[] {
  const names = [
    ...declaration.flags.flatMap((f) => (f.env === undefined ? [] : [f.env])),
    ...declaration.env.map((e) => e.name),
  ];
  return [...new Set(names)];
}

/** The default of a flag in words: its value, its description, or "" when there is none. */
export function defaultOf(flag: FlagDeclaration): string {
  return flag.defaultText ?? flag.default ?? "";
}

/** The accepted values of a flag in words, e.g. "1..64"; "" when any value of its kind goes. */
export function validOf(flag: FlagDeclaration): string {
  if (flag.valid !== undefined) return flag.valid;
  if (flag.min !== undefined && flag.max !== undefined) return `${flag.min}..${flag.max}`;
  return "";
}
