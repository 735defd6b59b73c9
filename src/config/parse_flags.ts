/**
 * Command-line flags of a task, parsed strictly, and the flag-wins-over-env picking of a
 * setting with the name of where it came from (for messages). Pure.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../errors.ts";
import { closestFlag } from "./closest_flag.ts";

/** The flags a task accepts, as node:util parseArgs options. */
export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** A setting's value and its origin: the flag (`--name`) or the env variable name. */
export interface Setting {
  value: string;
  source: string;
}

/** Parsed flags with typed accessors. */
export interface Flags {
  /** Whether `-h`/`--help` was given. */
  help: boolean;
  /** A string flag's value; undefined when absent. */
  text(name: string): string | undefined;
  /** Whether a boolean flag was given. */
  on(name: string): boolean;
  /** The flag, else the non-empty env variable, else `fallback`; the source is the flag unless env gave it. */
  pick(name: string, envName: string, fallback: string): Setting;
}

/** Options of parseFlags(). */
export interface ParseFlagsOptions {
  /** The accepted flags. */
  flags: FlagSpec;
  /** Environment read by `pick()`; default none. */
  env?: Record<string, string | undefined>;
}

/**
 * Parse `args` strictly (no positionals); ConfigError "<why>; see --help" when they do not
 * parse, or "Unknown option '--dat'; did you mean --date?" when a declared flag is close.
 */
export function parseFlags(args: string[], options: ParseFlagsOptions): Flags {
  const env = options.env ?? {};
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: options.flags, strict: true, allowPositionals: false })
      .values;
  } catch (e) {
    throw new ConfigError([`${(e as Error).message}; ${hint(e, Object.keys(options.flags))}`]);
  }
  const text = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === "string" ? v : undefined;
  };
  return {
    help: values.help === true,
    text,
    on: (name) => values[name] === true,
    pick: (name, envName, fallback) => {
      const flag = text(name);
      if (flag !== undefined) return { value: flag, source: `--${name}` };
      const fromEnv = env[envName];
      return fromEnv
        ? { value: fromEnv, source: envName }
        : { value: fallback, source: `--${name}` };
    },
  };
}

/** "did you mean --x?" for an unknown option close to a declared flag, else "see --help". */
function hint(error: unknown, names: string[]): string {
  const message = (error as Error).message;
  const unknown = (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
    ? /^Unknown option '-{1,2}([^']*)'/.exec(message)?.[1]
    : undefined;
  const near = unknown === undefined ? undefined : closestFlag(unknown, names);
  return near === undefined ? "see --help" : `did you mean --${near}?`;
}
