/**
 * The short pollutant codes of the clean tables' `pollutant` column, by IRCEL phenomenon id:
 * plain ASCII, for filters and joins. A phenomenon not listed here gets NULL. Pure.
 */
const CODES: ReadonlyMap<number, string> = new Map([
  [5, "PM10"],
  [6001, "PM2.5"],
  [6002, "PM1"],
  [8, "NO2"],
  [38, "NO"],
  [1, "SO2"],
  [7, "O3"],
  [10, "CO"],
  [71, "CO2"],
  [20, "C6H6"],
  [391, "BC"],
]);

/** The short code of a phenomenon ("PM2.5", "NO2"), or null when it has none. */
export function pollutantCode(phenomenonId: number): string | null {
  return CODES.get(phenomenonId) ?? null;
}

/**
 * The station code of a station label: the text before " - " in "40AL01 - Linkeroever"
 * (letters and digits only), or null when the label has no such code.
 */
export function stationCode(label: string | null): string | null {
  return /^([0-9A-Za-z]{1,16}) - /.exec(label ?? "")?.[1] ?? null;
}
