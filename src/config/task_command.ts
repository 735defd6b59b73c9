/**
 * A `deno task` command line suggested in a message ("run `deno task ingest --date D --lake
 * s3://b/p` first"), repeating the options that decide which data it touches: the dates, the
 * lake and a time zone other than the default. Pure.
 */
import { DEFAULT_TIMEZONE } from "./defaults.ts";

/** What the suggested command must repeat. */
export interface TaskCommandOptions {
  /** First (or only) day. */
  date: string;
  /** Last day, when the command covers a range. */
  to?: string;
  /** The lake's location, e.g. `file:///abs/lake` or `s3://bucket/prefix`. */
  lake?: string;
  /** The time zone of the days; left out when it is the default one. */
  timezone?: string;
}

/** A value as the shell reads it back: bare when safe, else in single quotes. */
/** `value` as one shell word (quoted when it needs it). */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `deno task <task> --date D [--to T] [--lake L] [--timezone Z]`. */
export function taskCommand(task: string, options: TaskCommandOptions): string {
  const words = ["deno", "task", task, "--date", options.date];
  if (options.to !== undefined && options.to !== options.date) words.push("--to", options.to);
  if (options.lake !== undefined) words.push("--lake", options.lake);
  if (options.timezone !== undefined && options.timezone !== DEFAULT_TIMEZONE) {
    words.push("--timezone", options.timezone);
  }
  return words.map(shellWord).join(" ");
}

/** `deno task compliance --year Y --force --lake L`: the command that rebuilds a year. */
export function rebuildYearCommand(year: string, lake: string): string {
  return ["deno", "task", "compliance", "--year", year, "--force", "--lake", lake].map(shellWord)
    .join(" ");
}
