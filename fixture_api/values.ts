/**
 * Hourly values of every fixture and synthetic series, generated (never stored) from a
 * hash of series id and timestamp: plausible levels per phenomenon with a daily cycle,
 * rounded like the API prints them. Quirks are fixed per series and UTC hour so tests can
 * count them exactly; see QUIRKS and fixture_api/data/README.md.
 */
import { seriesFacts } from "./catalog.ts";
import { hashInts, unit } from "./_hash.ts";

/** A value as the API prints it: a number, `null` or the string "NaN". */
export type ApiValue = number | null | "NaN";

/** One point of a getData answer. */
export interface TimeValue {
  timestamp: number;
  value: ApiValue;
}

/** Options of generatedValues(). */
export interface GeneratedValuesOptions {
  /** The server's clock (epoch ms). Points after it are not served, except the -99.99
   * pre-fill of series 99908 up to the next UTC midnight. Absent = no cut. */
  now?: number;
}

/** Deterministic quirks of one fixture series, by UTC hour of day. */
export interface Quirks {
  gapHours?: number[];
  nullHours?: number[];
  nanHours?: number[];
  sentinelHours?: number[];
  negativeHours?: number[];
  /** Percentage (0..100) of hours missing, chosen by hash of id and timestamp. */
  randomGapPercent?: number;
  /** Pre-fill -99.99 after `now` up to the next UTC midnight (wind speed, as IRCEL). */
  sentinelAfterNow?: boolean;
  /** Recorded real values at exact timestamps, served as they are. */
  anchors?: Record<number, number>;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The sentinel IRCEL pre-fills for not-yet-measured hours. */
export const SENTINEL = -99.99;
/** The small negative concentration served at `negativeHours`. */
export const SMALL_NEGATIVE = -0.4;

/** Fixture series quirks; every other fixture series is complete from its first hour. */
export const QUIRKS: Readonly<Record<string, Quirks>> = {
  "6152": {
    anchors: {
      1700611200000: 17.9,
      1700614800000: 17.9,
      1700618400000: 17.9,
      1700697600000: 21.9,
    },
  },
  "6522": { anchors: { 1338296400000: 2.0, 1621508400000: 6.5 } },
  "11019": { anchors: { 1655773200000: 0.335, 1700733600000: 1.045 }, negativeHours: [2] },
  "10743": { gapHours: [3, 4] },
  "100038": { nullHours: [5] },
  "7087": { nanHours: [6] },
  "7086": { sentinelHours: [23] },
  "10741": { randomGapPercent: 5 },
  "99908": { sentinelAfterNow: true },
};

const SYNTHETIC_QUIRKS: Quirks = { randomGapPercent: 1 };

interface Profile {
  base: number;
  amp: number;
  noise: number;
  decimals: number;
  min: number;
  /** UTC hour of the daily maximum. */
  peak: number;
}

const PROFILES: Record<string, Profile> = {
  "5": { base: 20, amp: 6, noise: 5, decimals: 1, min: 1, peak: 8 },
  "6001": { base: 12, amp: 4, noise: 3, decimals: 1, min: 0.5, peak: 8 },
  "6002": { base: 8, amp: 3, noise: 2, decimals: 1, min: 0.3, peak: 8 },
  "8": { base: 28, amp: 14, noise: 8, decimals: 1, min: 1, peak: 7 },
  "38": { base: 9, amp: 8, noise: 4, decimals: 1, min: 0.1, peak: 7 },
  "1": { base: 2.5, amp: 1, noise: 1, decimals: 1, min: 0.1, peak: 11 },
  "7": { base: 42, amp: 20, noise: 8, decimals: 1, min: 1, peak: 14 },
  "10": { base: 0.3, amp: 0.1, noise: 0.08, decimals: 2, min: 0.05, peak: 7 },
  "20": { base: 0.9, amp: 0.4, noise: 0.3, decimals: 2, min: 0.05, peak: 7 },
  "391": { base: 1.1, amp: 0.6, noise: 0.4, decimals: 3, min: 0.05, peak: 7 },
  "482": { base: 1.5, amp: 0.6, noise: 0.5, decimals: 1, min: 0.1, peak: 7 },
  "62101": { base: 11, amp: 4, noise: 1.5, decimals: 1, min: -30, peak: 14 },
  "62106": { base: 75, amp: -12, noise: 6, decimals: 0, min: 20, peak: 14 },
  "61110": { base: 3.2, amp: 1.2, noise: 1, decimals: 1, min: 0, peak: 14 },
};
const DEFAULT_PROFILE: Profile = { base: 10, amp: 3, noise: 2, decimals: 1, min: 0, peak: 12 };

/**
 * The exact answer of the fixture server for one series and an inclusive window: points on
 * full UTC hours in `[fromMs, toMs]`, ascending. Throws RangeError for an unknown series.
 * @example generatedValues("6152", Date.UTC(2023, 10, 22), Date.UTC(2023, 10, 23))
 */
export function generatedValues(
  seriesId: string,
  fromMs: number,
  toMs: number,
  options: GeneratedValuesOptions = {},
): TimeValue[] {
  const facts = seriesFacts(seriesId);
  if (facts === undefined) {
    throw new RangeError(`Cannot generate values: unknown series "${seriesId}"`);
  }
  const first = facts.meta.firstTimestamp;
  if (first === undefined) return [];
  const quirks = facts.synthetic ? SYNTHETIC_QUIRKS : QUIRKS[seriesId] ?? {};
  const profile = PROFILES[facts.phenomenon] ?? DEFAULT_PROFILE;
  const id = Number(seriesId);
  let last = facts.meta.lastTimestamp ?? Infinity;
  let prefillFrom = Infinity;
  if (options.now !== undefined) {
    const nowHour = Math.floor(options.now / HOUR) * HOUR;
    if (quirks.sentinelAfterNow) {
      prefillFrom = nowHour + HOUR;
      last = Math.min(last, Math.floor(options.now / DAY) * DAY + DAY);
    } else {
      last = Math.min(last, nowHour);
    }
  }
  const start = Math.max(Math.ceil(fromMs / HOUR) * HOUR, first);
  const end = Math.min(Math.floor(toMs / HOUR) * HOUR, last);
  const out: TimeValue[] = [];
  for (let t = start; t <= end; t += HOUR) {
    const value = t >= prefillFrom ? SENTINEL : valueAt(id, t, quirks, profile);
    if (value !== undefined) out.push({ timestamp: t, value });
  }
  return out;
}

/** The value of one series at one full hour; undefined = a gap (no point). */
function valueAt(id: number, t: number, quirks: Quirks, profile: Profile): ApiValue | undefined {
  const anchor = quirks.anchors?.[t];
  if (anchor !== undefined) return anchor;
  const hour = ((t % DAY) + DAY) % DAY / HOUR;
  if (quirks.gapHours?.includes(hour)) return undefined;
  if (quirks.randomGapPercent && unit(hashInts(id, t, 7)) * 100 < quirks.randomGapPercent) {
    return undefined;
  }
  if (quirks.nullHours?.includes(hour)) return null;
  if (quirks.nanHours?.includes(hour)) return "NaN";
  if (quirks.sentinelHours?.includes(hour)) return SENTINEL;
  if (quirks.negativeHours?.includes(hour)) return SMALL_NEGATIVE;
  return plausible(id, t, hour, profile);
}

function plausible(id: number, t: number, hour: number, p: Profile): number {
  const dayLevel = 0.6 + 0.8 * unit(hashInts(id, Math.floor(t / DAY), 2));
  const cycle = Math.cos((2 * Math.PI * (hour - p.peak)) / 24);
  const noise = (2 * unit(hashInts(id, t, 1)) - 1) * p.noise;
  const raw = Math.max(p.min, p.base * dayLevel + p.amp * cycle + noise);
  const scale = 10 ** p.decimals;
  return Math.round(raw * scale) / scale;
}
