/** Decoding helpers of the report's row readers (private to model/). Pure. */

/** A decoded Parquet number (INT64 arrives as bigint) as a number; undefined otherwise. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  return undefined;
}
