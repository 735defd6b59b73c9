// deno-lint-ignore-file no-console
/**
 * The only place that prints. Tasks log events through createLogger(): one JSON line
 * per event on stderr when stderr is not a TTY, a short human line otherwise.
 */
import { ConfigError } from "../src/errors.ts";
import { readDeployment } from "../src/log/deployment.ts";
import { type EmfOptions, withEmf } from "../src/log/emf.ts";

/** Fields of one log event. */
export type LogFields = Record<string, unknown>;

/** Log one event. `level` defaults to "info". */
export type Logger = (event: string, fields?: LogFields, level?: "info" | "warn" | "error") => void;

/** Options of createLogger(). */
export interface LoggerOptions {
  json?: boolean;
  write?: (line: string) => void;
  now?: () => Date;
  /** Add CloudWatch EMF metrics to the events that carry them (JSON lines only). */
  emf?: EmfOptions;
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
      const record = { ts: now().toISOString(), level, task, event, ...fields };
      write(escapeControls(JSON.stringify(options.emf ? withEmf(record, options.emf) : record)));
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
  let log = createLogger(task);
  let code: number;
  try {
    log = createLogger(task, { emf: { deployment: readDeployment(Deno.env.toObject()) } });
    code = await main(log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const name = error instanceof Error ? error.name : "Error";
    log("failed", { error: name, message }, "error");
    code = error instanceof ConfigError || error instanceof RangeError ? 2 : 1;
  }
  Deno.exit(code);
}
