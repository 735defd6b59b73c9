/**
 * The one logger of airq: every stage takes a `Logger` in its options and every task makes
 * one with createLogger(). A logger builds one record per event and hands it to a sink; the
 * tasks' sink (tasks/cli.ts) writes it to stderr as a JSON line or a short human line.
 * Pure: the clock and the sink are passed in.
 */

/** Severity of an event. */
export type LogLevel = "info" | "warn" | "error";

/** Fields of one event. */
export type LogFields = Record<string, unknown>;

/** Log one event; `level` defaults to "info". */
export type Logger = (event: string, fields?: LogFields, level?: LogLevel) => void;

/** One logged event, as a sink receives it. */
export interface LogRecord {
  /** ISO time of the event. */
  ts: string;
  level: LogLevel;
  /** The task that logged it, e.g. "ingest". */
  task: string;
  event: string;
  fields: LogFields;
}

/** Options of createLogger(). */
export interface LoggerOptions {
  /** Where records go. */
  sink: (record: LogRecord) => void;
  /** Clock of `ts`; default the current time. */
  now?: () => Date;
}

/** A logger of `task` that hands every event to `options.sink`. */
export function createLogger(task: string, options: LoggerOptions): Logger {
  const now = options.now ?? (() => new Date());
  return (event, fields = {}, level = "info") =>
    options.sink({ ts: now().toISOString(), level, task, event, fields });
}

/** A logger that drops every event (the default of optional `log` options). */
export const SILENT: Logger = (): void => {};
