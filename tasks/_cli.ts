// deno-lint-ignore-file no-console
/**
 * The only place that prints. Tasks log events through createLogger(): one JSON line
 * per event on stderr when stderr is not a TTY, a short human line otherwise.
 */
import { ConfigError } from "../src/errors.ts";

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

/**
 * Control characters (C0, DEL, C1), line/paragraph separators and bidi overrides as `\uXXXX`,
 * so that a value from the API (a station label) can never move the cursor, colour or
 * split a human log line.
 */
export function escapeControls(text: string): string {
  return text.replace(
    // deno-lint-ignore no-control-regex -- matching control characters is the point
    /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Text for a terminal: like escapeControls() but keeping newlines and tabs. */
export function forTerminal(text: string): string {
  return text.split("\n").map((line) => line.split("\t").map(escapeControls).join("\t"))
    .join("\n");
}

/** Write one line, as it is, on stderr (a JSON event relayed by the launcher). */
export function printErr(line: string): void {
  console.error(line);
}

/** Print text for a person on stdout (help, tables); control characters are escaped. */
export function printOut(text: string): void {
  console.log(forTerminal(text));
}

function describe(error: unknown): LogFields {
  const message = error instanceof Error ? error.message : String(error);
  return { error: error instanceof Error ? error.name : "Error", message };
}

/**
 * Run a task's main: its return value is the exit code; an error becomes one clear
 * line (event "failed") and exit code 2 for configuration errors, 1 otherwise; an error
 * thrown outside main's promise chain becomes event "crashed" and exit code 1.
 */
export async function runMain(
  task: string,
  main: (log: Logger) => Promise<number>,
): Promise<never> {
  const log = createLogger(task);
  // An error nothing awaits (a stray callback, a rejected promise) still ends the task with
  // one "crashed" event and exit 1, not Deno's multi-line report.
  const crash = (error: unknown) => {
    log("crashed", describe(error), "error");
    Deno.exit(1);
  };
  globalThis.addEventListener("error", (e) => {
    e.preventDefault();
    crash(e.error);
  });
  globalThis.addEventListener("unhandledrejection", (e) => {
    e.preventDefault();
    crash(e.reason);
  });
  let code: number;
  try {
    code = await main(log);
  } catch (error) {
    log("failed", describe(error), "error");
    code = error instanceof ConfigError || error instanceof RangeError ? 2 : 1;
  }
  Deno.exit(code);
}
