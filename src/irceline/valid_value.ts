/**
 * The one rule for what a value of a getData answer is, shared by ingest's validation
 * and transform's parsing and SQL. Pure.
 *
 * - An answer may send, per stamp: a JSON number, `null` or `"NaN"` (anything else is a
 *   malformed answer).
 * - A **measurement** is a finite number above SENTINEL_MAX. `null`, `"NaN"`, placeholders
 *   (≤ −99, e.g. −99.99 "not measured yet") and numbers that do not fit a double
 *   (`1e400` parses to Infinity) are kept byte for byte in raw/ and as `raw_value`, but
 *   their `value` is NULL and they never enter an aggregate.
 */

/** A value ≤ this is a placeholder (e.g. -99.99 for "not measured yet"), never a measurement. */
export const SENTINEL_MAX = -99;

/** Whether a JSON value may stand as a value in an answer: a number, null or "NaN". */
export function isValueShape(value: unknown): boolean {
  return typeof value === "number" || value === null || value === "NaN";
}

/** Whether a parsed value (NaN for null and "NaN") counts as a measurement. */
export function isMeasurement(n: number): boolean {
  return Number.isFinite(n) && n > SENTINEL_MAX;
}

/** The SQL (DuckDB) form of isMeasurement() for a DOUBLE column. */
export function isMeasurementSql(column: string): string {
  return `(isfinite(${column}) AND ${column} > ${SENTINEL_MAX})`;
}
