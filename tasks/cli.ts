// deno-lint-ignore-file no-console
/**
 * The only place that prints. Tasks log through a Logger (src/log/logger.ts) whose sink
 * writes one JSON line per event on stderr when stderr is not a TTY, a short human line
 * otherwise (a multi-line error message keeps its lines there, indented).
 */
import { ConfigError } from "../src/errors.ts";
import { escapeControls, forTerminal } from "../src/text/escape.ts";
import { createLogger, type LogFields, type Logger, type LogRecord } from "../src/log/logger.ts";
import { DEPLOYMENT_ENV, readDeployment } from "../src/log/deployment.ts";
import { type EmfOptions, withEmf } from "../src/log/emf.ts";

/** Options of stderrSink(). */
export interface StderrSinkOptions {
  /** JSON lines (default when stderr is not a terminal) or human lines. */
  json?: boolean;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
  /** Add CloudWatch EMF metrics to the events that carry them (JSON lines only). */
  emf?: EmfOptions;
}

/** A log sink writing one JSON line (non-TTY) or one human line (TTY) per record. */
export function stderrSink(options: StderrSinkOptions = {}): (record: LogRecord) => void {
  const json = options.json ?? !Deno.stderr.isTerminal();
  const write = options.write ?? ((line: string) => console.error(line));
  return ({ ts, level, task, event, fields }) => {
    if (json) {
      // JSON.stringify escapes C0 controls; DEL, C1 and bidi controls only occur inside
      // strings, where `\uXXXX` means the same character.
      const record = { ts, level, task, event, ...fields };
      write(escapeControls(JSON.stringify(options.emf ? withEmf(record, options.emf) : record)));
    } else {
      const parts = Object.entries(fields).map(([k, v]) =>
        `${k}=${
          k === "message" && typeof v === "string"
            ? messageLines(v)
            : escapeControls(typeof v === "string" ? v : JSON.stringify(v) ?? String(v))
        }`
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
 * A multi-line message (a ConfigError's list of problems) as real lines on a terminal: each
 * line escaped, the lines after the first indented so none can pass for a log line.
 */
function messageLines(message: string): string {
  return message.split("\n").map(escapeControls).join("\n  ");
}

/** Write one line, as it is, on stderr (a JSON event relayed by the launcher). */
export function printErr(line: string): void {
  console.error(line);
}

/** Print text for a person on stdout (help, tables); control characters are escaped. */
export function printOut(text: string): void {
  console.log(forTerminal(text));
}

/** The deployment variable, when this process may read it (a tool such as `docs` may not). */
function deploymentEnv(): Record<string, string | undefined> {
  const allowed = Deno.permissions.querySync({ name: "env", variable: DEPLOYMENT_ENV });
  return allowed.state === "granted" ? { [DEPLOYMENT_ENV]: Deno.env.get(DEPLOYMENT_ENV) } : {};
}

function describe(error: unknown): LogFields {
  const message = error instanceof Error ? error.message : String(error);
  return { error: error instanceof Error ? error.name : "Error", message };
}

/**
 * Run a task's main: its return value is the exit code; an error becomes one clear
 * line (event "failed") and exit code 2 for configuration errors, 1 otherwise; an error
 * nothing awaits becomes one "crashed" event and exit 1.
 */
export async function runMain(
  task: string,
  main: (log: Logger) => Promise<number>,
): Promise<never> {
  let log = createLogger(task, { sink: stderrSink() });
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
    const deployment = readDeployment(deploymentEnv());
    log = createLogger(task, { sink: stderrSink({ emf: { deployment } }) });
    code = await main(log);
  } catch (error) {
    log("failed", describe(error), "error");
    // Only a configuration error is exit 2: a RangeError at run time is a failure (1).
    code = error instanceof ConfigError ? 2 : 1;
  }
  Deno.exit(code);
}
