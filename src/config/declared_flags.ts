/**
 * The strict parser of a declared task: flags win over their variable, an empty variable
 * is unset, int flags are checked against their declared range. Unknown flags and
 * positionals throw ConfigError "<why>; see --help". Pure.
 */
import { ConfigError } from "../errors.ts";
import { type FlagDeclaration, HELP_FLAG } from "./declaration.ts";
import { type FlagSpec, parseFlags, type Setting } from "./parse_flags.ts";

/** Parsed flags of a declared task. */
export interface DeclaredFlags {
  /** Whether `-h`/`--help` was given. */
  help: boolean;
  /** The flag's own value (not its variable or default); undefined when absent. */
  text(name: string): string | undefined;
  /** Whether a boolean flag was given. */
  on(name: string): boolean;
  /** The flag, else its non-empty variable, else its default ("" when it has none). */
  setting(name: string): Setting;
  /** The setting as an integer in the declared min..max; NaN after pushing a problem. */
  int(name: string, problems: string[]): number;
}

/** Parse `args` (and `env` for flags with a variable) as `flags` declare them. */
export function parseDeclared(
  flags: readonly FlagDeclaration[],
  args: string[],
  env: Record<string, string | undefined>,
): DeclaredFlags {
  const spec: FlagSpec = { help: { type: "boolean", short: "h" } };
  for (const f of flags) {
    if (f.name !== HELP_FLAG.name) {
      spec[f.name] = { type: f.kind === "boolean" ? "boolean" : "string" };
    }
  }
  const parsed = parseFlags(args, { flags: spec, env });
  const declared = (name: string): FlagDeclaration => {
    const f = flags.find((d) => d.name === name);
    if (f === undefined) throw new TypeError(`Cannot read flag "--${name}": it is not declared`);
    return f;
  };
  const setting = (name: string): Setting => {
    const f = declared(name);
    return parsed.pick(name, f.env ?? "", f.default ?? "");
  };
  return {
    help: parsed.help,
    text: (name) => parsed.text(declared(name).name),
    on: (name) => parsed.on(declared(name).name),
    setting,
    int: (name, problems) => {
      const f = declared(name);
      const { value, source } = setting(name);
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      const min = f.min ?? 0;
      const max = f.max ?? Number.MAX_SAFE_INTEGER;
      if (!(n >= min && n <= max)) {
        problems.push(`${source}: "${value}" must be an integer from ${min} to ${max}`);
        return NaN;
      }
      return n;
    },
  };
}

/** Throw one ConfigError when `problems` is not empty. */
export function throwProblems(problems: string[]): void {
  if (problems.length > 0) throw new ConfigError(problems);
}
