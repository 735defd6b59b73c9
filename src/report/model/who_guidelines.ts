/** WHO 2021 air quality guideline levels for 24-hour means, by IRCEL phenomenon id. Pure. */

/** One guideline level. */
export interface Guideline {
  /** Level of the 24-hour mean, in µg/m³. */
  level: number;
  /** Short pollutant name. */
  pollutant: string;
}

/**
 * WHO global air quality guidelines (2021), 24-hour averaging time: PM2.5 15, PM10 45,
 * NO2 25, SO2 40 µg/m³. Keyed by the IRCEL-CELINE phenomenon id.
 */
export const WHO_DAILY_GUIDELINES: ReadonlyMap<number, Guideline> = new Map([
  [6001, { level: 15, pollutant: "PM2.5" }],
  [5, { level: 45, pollutant: "PM10" }],
  [8, { level: 25, pollutant: "NO2" }],
  [1, { level: 40, pollutant: "SO2" }],
]);

/** Whether a unit string means micrograms per cubic metre (µg/m³, ug/m3, μg/m^3 …). */
export function isMicrogramsPerCubicMetre(uom: string | null | undefined): boolean {
  if (uom == null) return false;
  const u = uom.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  return /^(µ|μ|u|mc)g\/m(3|³|\^3)$/.test(u);
}

/**
 * The WHO daily guideline for a phenomenon, or undefined when there is none or the series'
 * unit is not µg/m³ (a line in the wrong unit would mislead).
 */
export function guidelineFor(
  phenomenonId: number,
  uom: string | null | undefined,
): Guideline | undefined {
  const g = WHO_DAILY_GUIDELINES.get(phenomenonId);
  return g && isMicrogramsPerCubicMetre(uom) ? g : undefined;
}
