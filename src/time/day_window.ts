/**
 * Local calendar days as UTC windows, DST-correct. Pure (Temporal only, no clock).
 *
 * IRCEL stamps hourly means at the END of the hour, so the day D holds the stamps t
 * with start < t <= end, where start = D 00:00 local and end = D+1 00:00 local.
 */

/** One local day as an instant window. */
export interface DayWindow {
  /** The local date, YYYY-MM-DD. */
  date: string;
  /** IANA time zone the day is local to. */
  timezone: string;
  /** D 00:00 local, as epoch milliseconds (exclusive bound for stamps). */
  startMs: number;
  /** D+1 00:00 local, as epoch milliseconds (inclusive bound for stamps). */
  endMs: number;
  /** D 00:00 local as ISO 8601 with offset, e.g. 2024-03-31T00:00:00+01:00. */
  startIso: string;
  /** D+1 00:00 local as ISO 8601 with offset. */
  endIso: string;
  /** Hours in the local day: 23, 24 or 25. */
  hours: number;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Parse a YYYY-MM-DD string into a PlainDate; RangeError names the bad value. */
export function parseDate(date: string): Temporal.PlainDate {
  if (!DATE_RE.test(date)) {
    throw new RangeError(`Invalid date "${date}": expected YYYY-MM-DD`);
  }
  try {
    return Temporal.PlainDate.from(date, { overflow: "reject" });
  } catch {
    throw new RangeError(`Invalid date "${date}": no such calendar day`);
  }
}

/** Check an IANA time zone name; RangeError when unknown. */
export function checkTimezone(timezone: string): string {
  try {
    return Temporal.Now.instant().toZonedDateTimeISO(timezone).timeZoneId;
  } catch {
    throw new RangeError(
      `Unknown time zone "${timezone}": use an IANA name such as Europe/Brussels`,
    );
  }
}

/** ISO 8601 local time with offset and no zone annotation, seconds precision. */
export function isoWithOffset(epochMs: number, timezone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timezone).toString({
    timeZoneName: "never",
    smallestUnit: "second",
  });
}

/** The window of the local day `date` in `timezone`. */
export function dayWindow(date: string, timezone: string): DayWindow {
  const day = parseDate(date);
  const start = day.toZonedDateTime({ timeZone: timezone });
  const end = day.add({ days: 1 }).toZonedDateTime({ timeZone: timezone });
  const startMs = start.epochMilliseconds;
  const endMs = end.epochMilliseconds;
  return {
    date: day.toString(),
    timezone,
    startMs,
    endMs,
    startIso: isoWithOffset(startMs, timezone),
    endIso: isoWithOffset(endMs, timezone),
    hours: Math.round((endMs - startMs) / 3_600_000),
  };
}

/** The local date a stamp belongs to: the day of (t − 1 ms) in `timezone`. */
export function stampDate(epochMs: number, timezone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs - 1).toZonedDateTimeISO(timezone)
    .toPlainDate().toString();
}

/** Every date from `from` to `to`, inclusive. RangeError when `to` is before `from`. */
export function dateRange(from: string, to: string): string[] {
  const a = parseDate(from);
  const b = parseDate(to);
  if (Temporal.PlainDate.compare(a, b) > 0) {
    throw new RangeError(`Invalid range: --to "${to}" is before --date "${from}"`);
  }
  const out: string[] = [];
  for (let d = a; Temporal.PlainDate.compare(d, b) <= 0; d = d.add({ days: 1 })) {
    out.push(d.toString());
  }
  return out;
}

/** The local date before `now` in `timezone` (the default ingest date). */
export function yesterday(now: Temporal.Instant, timezone: string): string {
  return now.toZonedDateTimeISO(timezone).toPlainDate().subtract({ days: 1 }).toString();
}
