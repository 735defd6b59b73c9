/** One row of the clean table aggregate_station_by_day, as the report reads it. */
import { toNumber } from "./_values.ts";

/** A (station, phenomenon, series) daily aggregate; INT64 columns arrive as numbers. */
export interface AggregateRow {
  station_id: number;
  station_label: string;
  longitude: number | null;
  latitude: number | null;
  phenomenon_id: number;
  phenomenon_label: string;
  timeseries_id: number;
  uom: string | null;
  avg_value: number;
  min_value: number;
  max_value: number;
  value_count: number;
  expected_count: number;
  coverage: number;
  is_valid: boolean;
  day_timezone: string;
}

const NUMBER_FIELDS = [
  "station_id",
  "phenomenon_id",
  "timeseries_id",
  "avg_value",
  "min_value",
  "max_value",
  "value_count",
  "expected_count",
  "coverage",
] as const;

/**
 * Check and normalise one decoded row (bigint → number); SyntaxError names the row index
 * and field when a column is missing or has the wrong type.
 */
export function toAggregateRow(
  raw: Record<string, unknown>,
  at: { file: string; row: number },
): AggregateRow {
  const fail = (field: string): never => {
    throw new SyntaxError(
      `Cannot read "${at.file}": row ${at.row} field "${field}" is missing or has the wrong type`,
    );
  };
  const out: Record<string, unknown> = {};
  for (const f of NUMBER_FIELDS) out[f] = toNumber(raw[f]) ?? fail(f);
  for (const f of ["longitude", "latitude"] as const) {
    out[f] = raw[f] == null ? null : toNumber(raw[f]) ?? fail(f);
  }
  for (const f of ["station_label", "phenomenon_label", "day_timezone"] as const) {
    out[f] = typeof raw[f] === "string" ? raw[f] : fail(f);
  }
  out.uom = raw.uom == null ? null : typeof raw.uom === "string" ? raw.uom : fail("uom");
  out.is_valid = typeof raw.is_valid === "boolean" ? raw.is_valid : fail("is_valid");
  return out as unknown as AggregateRow;
}
