/** One value of a getData answer, as parsed by parse_raw.ts and _scan_values.ts. */

/** One value as sent: `source` is the JSON text of a number, or null / "NaN". */
export interface RawValue {
  timestamp: number;
  /** JSON number text (e.g. "17.9", "-99.99"), or "null" / "NaN". */
  source: string;
  /** The number, or NaN for null and "NaN". */
  number: number;
}
