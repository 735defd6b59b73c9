/** One row of the clean table compliance_station_by_year, as the year page reads it. */
import { toNumber } from "./_values.ts";

/** Verdict of a row (see docs/compliance.md). */
export type ComplianceStatus = "exceeded" | "met" | "open" | "insufficient_data";

/** A (station, series, standard, averaging period) row; INT64 columns arrive as numbers. */
export interface ComplianceEntry {
  year: number;
  station_id: number;
  station_label: string;
  phenomenon_id: number;
  phenomenon_label: string;
  timeseries_id: number;
  standard: string;
  averaging_period: "hour" | "day" | "year";
  threshold: number;
  allowed_exceedances: number | null;
  exceedances: number | null;
  annual_mean: number | null;
  valid_hours: number;
  hours_elapsed: number;
  data_capture: number;
  last_date: string;
  year_complete: boolean;
  status: ComplianceStatus;
}

const NUMBERS = [
  "year",
  "station_id",
  "phenomenon_id",
  "timeseries_id",
  "threshold",
  "valid_hours",
  "hours_elapsed",
  "data_capture",
] as const;
const NULLABLE_NUMBERS = ["allowed_exceedances", "exceedances", "annual_mean"] as const;
const STRINGS = ["station_label", "phenomenon_label", "standard", "last_date"] as const;
const AVERAGING = new Set(["hour", "day", "year"]);
const STATUSES = new Set(["exceeded", "met", "open", "insufficient_data"]);

/**
 * Check and normalise one decoded row (bigint → number); SyntaxError names the row index
 * and field when a column is missing or has the wrong type or value.
 */
export function toComplianceEntry(
  raw: Record<string, unknown>,
  at: { file: string; row: number },
): ComplianceEntry {
  const fail = (field: string): never => {
    throw new SyntaxError(
      `Cannot read "${at.file}": row ${at.row} field "${field}" is missing or has the wrong type`,
    );
  };
  const out: Record<string, unknown> = {};
  for (const f of NUMBERS) out[f] = toNumber(raw[f]) ?? fail(f);
  for (const f of NULLABLE_NUMBERS) out[f] = raw[f] == null ? null : toNumber(raw[f]) ?? fail(f);
  for (const f of STRINGS) out[f] = typeof raw[f] === "string" ? raw[f] : fail(f);
  out.averaging_period = AVERAGING.has(raw.averaging_period as string)
    ? raw.averaging_period
    : fail("averaging_period");
  out.status = STATUSES.has(raw.status as string) ? raw.status : fail("status");
  out.year_complete = typeof raw.year_complete === "boolean"
    ? raw.year_complete
    : fail("year_complete");
  return out as unknown as ComplianceEntry;
}
