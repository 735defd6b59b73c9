// deno-lint-ignore-file no-console
/**
 * The only place that prints. Tasks log through a Logger (src/log/logger.ts) whose sink
 * writes one JSON line per event on stderr when stderr is not a TTY, a short human line
 * otherwise.
 */
import { ConfigError } from "../src/errors.ts";
import { escapeControls, forTerminal } from "../src/text/escape.ts";
import { createLogger, type Logger, type LogRecord } from "../src/log/logger.ts";

/** Options of stderrSink(). */
export interface StderrSinkOptions {
  /** JSON lines (default when stderr is not a terminal) or human lines. */
  json?: boolean;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
}

/** A log sink writing one JSON line (non-TTY) or one human line (TTY) per record. */
export function stderrSink(options: StderrSinkOptions = {}): (record: LogRecord) => void {
  const json = options.json ?? !Deno.stderr.isTerminal();
  const write = options.write ?? ((line: string) => console.error(line));
  return ({ ts, level, task, event, fields }) => {
    if (json) {
      // JSON.stringify escapes C0 controls; DEL, C1 and bidi controls only occur inside
      // strings, where `\uXXXX` means the same character.
      write(escapeControls(JSON.stringify({ ts, level, task, event, ...fields })));
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
  const log = createLogger(task, { sink: stderrSink() });
  let code: number;
  try {
    code = await main(log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const name = error instanceof Error ? error.name : "Error";
    log("failed", { error: name, message }, "error");
    // Only a configuration error is exit 2: a RangeError at run time is a failure (1).
    code = error instanceof ConfigError ? 2 : 1;
  }
  Deno.exit(code);
}
