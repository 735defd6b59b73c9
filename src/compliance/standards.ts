/**
 * The air-quality standards airq checks, as one table: each row a limit value or guideline
 * level for one pollutant and averaging period, with its legal source. Every threshold is
 * in µg/m³; an exceedance is a value strictly above it. Pure data.
 */

/** The standard a row belongs to (a column of the compliance table). */
export type StandardId = "eu_2008_50" | "eu_2030" | "who_2021";

/** Averaging period of a limit: hourly values, valid daily means, or the calendar year. */
export type Averaging = "hour" | "day" | "year";

/** One limit value or guideline level. */
export interface Standard {
  standard: StandardId;
  /** IRCEL-CELINE phenomenon id. */
  phenomenonId: number;
  pollutant: "PM10" | "PM2.5" | "NO2" | "SO2";
  averaging: Averaging;
  /** µg/m³; a value strictly above it is an exceedance. */
  threshold: number;
  /** Exceedances allowed per calendar year (hour and day limits); null for annual means. */
  allowed: number | null;
  /** Where the number comes from. */
  source: string;
}

const EU_2008 = "Directive 2008/50/EC, Annex XI, Section B (limit values for the protection " +
  "of human health)";
const EU_2008_PM25 = "Directive 2008/50/EC, Annex XIV, Section E (PM2.5 limit value, stage 1, " +
  "in force since 1 January 2015)";
const EU_2030 = "Directive (EU) 2024/2881, Annex I, Section 1, Table 1 (limit values to be " +
  "attained by 1 January 2030)";
const WHO_DAY = "WHO global air quality guidelines (2021), Table 0.1: 24-hour level, the 99th " +
  "percentile of the year's daily means, i.e. 3-4 exceedance days per year";
const WHO_YEAR = "WHO global air quality guidelines (2021), Table 0.1: annual level";

const PM10 = 5;
const PM25 = 6001;
const NO2 = 8;
const SO2 = 1;

function row(
  standard: StandardId,
  pollutant: Standard["pollutant"],
  averaging: Averaging,
  threshold: number,
  allowed: number | null,
  source: string,
): Standard {
  const phenomenonId = { PM10, "PM2.5": PM25, NO2, SO2 }[pollutant];
  return { standard, phenomenonId, pollutant, averaging, threshold, allowed, source };
}

/** Every standard, in the order of the compliance table's rows for one series. */
export const STANDARDS: readonly Standard[] = [
  row("eu_2008_50", "PM10", "day", 50, 35, EU_2008),
  row("eu_2008_50", "PM10", "year", 40, null, EU_2008),
  row("eu_2008_50", "PM2.5", "year", 25, null, EU_2008_PM25),
  row("eu_2008_50", "NO2", "hour", 200, 18, EU_2008),
  row("eu_2008_50", "NO2", "year", 40, null, EU_2008),
  row("eu_2008_50", "SO2", "hour", 350, 24, EU_2008),
  row("eu_2008_50", "SO2", "day", 125, 3, EU_2008),
  row("eu_2030", "PM10", "day", 45, 18, EU_2030),
  row("eu_2030", "PM10", "year", 20, null, EU_2030),
  row("eu_2030", "PM2.5", "day", 25, 18, EU_2030),
  row("eu_2030", "PM2.5", "year", 10, null, EU_2030),
  row("eu_2030", "NO2", "hour", 200, 3, EU_2030),
  row("eu_2030", "NO2", "day", 50, 18, EU_2030),
  row("eu_2030", "NO2", "year", 20, null, EU_2030),
  row("eu_2030", "SO2", "hour", 350, 3, EU_2030),
  row("eu_2030", "SO2", "day", 50, 18, EU_2030),
  row("eu_2030", "SO2", "year", 20, null, EU_2030),
  row("who_2021", "PM10", "day", 45, 3, WHO_DAY),
  row("who_2021", "PM10", "year", 15, null, WHO_YEAR),
  row("who_2021", "PM2.5", "day", 15, 3, WHO_DAY),
  row("who_2021", "PM2.5", "year", 5, null, WHO_YEAR),
  row("who_2021", "NO2", "day", 25, 3, WHO_DAY),
  row("who_2021", "NO2", "year", 10, null, WHO_YEAR),
  row("who_2021", "SO2", "day", 40, 3, WHO_DAY),
];

/** The standards that apply to a phenomenon, in table order (none for other phenomena). */
export function standardsFor(phenomenonId: number): Standard[] {
  return STANDARDS.filter((s) => s.phenomenonId === phenomenonId);
}
