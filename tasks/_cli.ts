// deno-lint-ignore-file no-console
/**
 * The only place that prints. Tasks log events through createLogger(): one JSON line
 * per event on stderr when stderr is not a TTY, a short human line otherwise.
 */
import { ConfigError } from "../src/errors.ts";
import { escapeControls, forTerminal } from "../src/text/escape.ts";

/** Fields of one log event. */
export type LogFields = Record<string, unknown>;

/** Log one event. `level` defaults to "info". */
export type Logger = (event: string, fields?: LogFields, level?: "info" | "warn" | "error") => void;

/** Options of createLogger(). */
export interface LoggerOptions {
  json?: boolean;
  write?: (line: string) => void;
  now?: () => Date;
}

/** A logger that writes JSON lines (non-TTY) or human lines (TTY) to stderr. */
export function createLogger(task: string, options: LoggerOptions = {}): Logger {
  const json = options.json ?? !Deno.stderr.isTerminal();
  const write = options.write ?? ((line: string) => console.error(line));
  const now = options.now ?? (() => new Date());
  return (event, fields = {}, level = "info") => {
    if (json) {
      // JSON.stringify escapes C0 controls; DEL, C1 and bidi controls only occur inside
      // strings, where `\uXXXX` means the same character.
      write(
        escapeControls(JSON.stringify({ ts: now().toISOString(), level, task, event, ...fields })),
      );
    } else {
      const parts = Object.entries(fields).map(([k, v]) =>
        `${k}=${escapeControls(typeof v === "string" ? v : JSON.stringify(v) ?? String(v))}`
      );
      write(
        `${level === "info" ? "" : `${level.toUpperCase()} `}${task}: ${event}${
          parts.length ? ` ${parts.join(" ")}` : ""
        }`,
      );
    }
  };
}

/** Print text for a person on stdout (help, tables); control characters are escaped. */
export function printOut(text: string): void {
  console.log(forTerminal(text));
}

/**
 * Run a task's main: its return value is the exit code; an error becomes one clear
 * line (event "failed") and exit code 2 for configuration errors, 1 otherwise.
 */
export async function runMain(
  task: string,
  main: (log: Logger) => Promise<number>,
): Promise<never> {
  const log = createLogger(task);
  let code: number;
  try {
    code = await main(log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const name = error instanceof Error ? error.name : "Error";
    log("failed", { error: name, message }, "error");
    code = error instanceof ConfigError || error instanceof RangeError ? 2 : 1;
  }
  Deno.exit(code);
}
