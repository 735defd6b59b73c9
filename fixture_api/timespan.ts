/**
 * Parse a 52°North `timespan` like Joda's `Interval.parse`: `start/end`, `period/end` or
 * `start/period`. Instants take `Z` or `±HH[:MM]`; without an offset (also date-only) they
 * are local time in the server zone (Europe/Brussels); `2023-11-23TZ` is UTC midnight.
 * Period years/months/weeks/days are calendar units in the server zone, hours and smaller
 * are exact. Both bounds are inclusive for the data query.
 */

/** A parsed interval in epoch ms, both ends inclusive. */
export interface Timespan {
  startMs: number;
  endMs: number;
}

/** Options of parseTimespan(). */
export interface ParseTimespanOptions {
  /** Zone for offset-less instants and calendar periods. Default Europe/Brussels. */
  timeZone?: string;
  /** Longest allowed span as an ISO period. Default P367D (52N's restriction). */
  maxPeriod?: string;
}

/** Thrown for a span longer than the allowed period; message is the 52N text. */
export class TimespanTooLongError extends RangeError {
  override name = "TimespanTooLongError";
}

const INSTANT =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt](?:(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const PERIOD =
  /^[Pp](?:(\d+)[Yy])?(?:(\d+)[Mm])?(?:(\d+)[Ww])?(?:(\d+)[Dd])?(?:[Tt](?:(\d+)[Hh])?(?:(\d+)[Mm])?(?:(\d+)(?:[.,](\d{1,3}))?[Ss])?)?$/;

/** A parsed ISO period, fields in Joda's order of application. */
export interface Period {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
}

/** Parse an ISO 8601 period (`PT24H`, `pt3h`, `P0Y0M3D`, `P31DT24H`); SyntaxError if bad. */
export function parsePeriod(text: string): Period {
  const m = PERIOD.exec(text);
  if (!m || /^[Pp][Tt]?$/.test(text) || /[Tt]$/.test(text)) {
    throw new SyntaxError(`Cannot parse period "${text}": not an ISO 8601 period`);
  }
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
    milliseconds: Number((m[8] ?? "").padEnd(3, "0")),
  };
}

/** Parse an ISO instant as Joda's dateTimeParser does; SyntaxError if bad. */
export function parseInstant(text: string, timeZone = "Europe/Brussels"): number {
  const m = INSTANT.exec(text);
  if (!m) throw new SyntaxError(`Cannot parse instant "${text}": not an ISO 8601 date-time`);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i, k) =>
    Number(m[i] ?? (k < 3 ? 1 : 0))
  ) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const fields = { year, month, day, hour, minute, second, millisecond: ms };
  let plain: Temporal.PlainDateTime;
  try {
    plain = Temporal.PlainDateTime.from(fields, { overflow: "reject" });
  } catch {
    throw new SyntaxError(`Cannot parse instant "${text}": field out of range`);
  }
  const offset = m[8];
  if (offset !== undefined) {
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (/^[Zz]$/.test(offset)) return utc;
    const sign = offset.startsWith("-") ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    if (Number(digits.slice(2) || 0) > 59) {
      throw new SyntaxError(`Cannot parse instant "${text}": offset out of range`);
    }
    return utc - sign * minutes * 60_000;
  }
  const zoned = plain.toZonedDateTime(timeZone, { disambiguation: "earlier" });
  if (!zoned.toPlainDateTime().equals(plain)) {
    throw new SyntaxError(
      `Cannot parse instant "${text}": local time does not exist in "${timeZone}" (DST gap)`,
    );
  }
  return zoned.epochMilliseconds;
}

/** Add `sign` × period to an instant, field by field, calendar units in `timeZone`. */
export function addPeriod(epochMs: number, period: Period, sign: 1 | -1, timeZone: string): number {
  let z = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  for (const unit of Object.keys(period) as (keyof Period)[]) {
    if (period[unit] !== 0) z = z.add({ [unit]: sign * period[unit] });
  }
  return z.epochMilliseconds;
}

/**
 * Parse a timespan; SyntaxError if malformed or end before start, TimespanTooLongError if
 * longer than `maxPeriod`.
 * @example parseTimespan("PT24H/2023-11-23TZ") // {startMs: 1700611200000, endMs: 1700697600000}
 */
export function parseTimespan(text: string, options: ParseTimespanOptions = {}): Timespan {
  const timeZone = options.timeZone ?? "Europe/Brussels";
  const maxPeriod = options.maxPeriod ?? "P367D";
  const parts = text.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
    throw new SyntaxError(`Cannot parse timespan "${text}": expected "start/end" with one "/"`);
  }
  const [left, right] = parts as [string, string];
  const isPeriod = (s: string) => /^[Pp]/.test(s);
  if (isPeriod(left) && isPeriod(right)) {
    throw new SyntaxError(`Cannot parse timespan "${text}": interval composed of two durations`);
  }
  let startMs: number;
  let endMs: number;
  if (isPeriod(left)) {
    endMs = parseInstant(right, timeZone);
    startMs = addPeriod(endMs, parsePeriod(left), -1, timeZone);
  } else {
    startMs = parseInstant(left, timeZone);
    endMs = isPeriod(right)
      ? addPeriod(startMs, parsePeriod(right), 1, timeZone)
      : parseInstant(right, timeZone);
  }
  if (endMs < startMs) {
    throw new SyntaxError(`Cannot parse timespan "${text}": end is before start`);
  }
  if (endMs > addPeriod(startMs, parsePeriod(maxPeriod), 1, timeZone)) {
    throw new TimespanTooLongError(
      `Requested timespan is to long, please use a period shorter than '${maxPeriod}'`,
    );
  }
  return { startMs, endMs };
}

/** The default window when `timespan` is absent: one week (Brussels calendar) up to now. */
export function defaultTimespan(nowMs: number, timeZone = "Europe/Brussels"): Timespan {
  const week = parsePeriod("P1W");
  return { startMs: addPeriod(nowMs, week, -1, timeZone), endMs: nowMs };
}
