/**
 * Where the report's data came from, read from the raw manifests of its days: the API URL,
 * the phenomena requested and the area (every station or `--near`). The page's title, source
 * line and selection come from here, and say plainly when the API is not IRCEL-CELINE's
 * production API (the demo's fixture server, a test double). Pure.
 */
import { DEFAULT_API_URL } from "../../config/defaults.ts";

/** What one day's raw manifest says about its source. */
export interface DaySource {
  apiUrl: string;
  phenomenaRequested: number[];
  near: { lon: number; lat: number; km: number } | null;
}

/** The source of the whole report. */
export interface DataSource {
  /** Distinct API URLs of the days, in date order of first use. */
  apiUrls: string[];
  /** Whether every day with a manifest came from the production API. */
  production: boolean;
  /** Distinct phenomenon ids requested, sorted. */
  phenomena: number[];
  /** Distinct areas: null is every station. */
  areas: ({ lon: number; lat: number; km: number } | null)[];
  /** Days whose raw manifest is gone or unreadable. */
  unknownDates: string[];
}

/** The production base URL without its trailing slash, for comparisons. */
function base(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Whether `url` is IRCEL-CELINE's production API. */
export function isProductionApi(url: string): boolean {
  return base(url) === base(DEFAULT_API_URL);
}

/** The source of a report from its days' manifests (undefined: the manifest is gone). */
export function dataSource(days: { date: string; source?: DaySource | undefined }[]): DataSource {
  const apiUrls: string[] = [];
  const phenomena = new Set<number>();
  const areas = new Map<string, DataSource["areas"][number]>();
  const unknownDates: string[] = [];
  for (const d of days) {
    if (d.source === undefined) {
      unknownDates.push(d.date);
      continue;
    }
    if (!apiUrls.includes(d.source.apiUrl)) apiUrls.push(d.source.apiUrl);
    for (const p of d.source.phenomenaRequested) phenomena.add(p);
    areas.set(JSON.stringify(d.source.near), d.source.near);
  }
  return {
    apiUrls,
    production: apiUrls.length > 0 && apiUrls.every(isProductionApi),
    phenomena: [...phenomena].sort((a, b) => a - b),
    areas: [...areas.values()],
    unknownDates,
  };
}

/** An area in words: "every station" or "stations within 10 km of 51.2°N, 4.4°E". */
export function areaText(area: DataSource["areas"][number]): string {
  if (area === null) return "every station";
  const lon = `${Math.abs(area.lon)}°${area.lon < 0 ? "W" : "E"}`;
  const lat = `${Math.abs(area.lat)}°${area.lat < 0 ? "S" : "N"}`;
  return `stations within ${area.km} km of ${lat}, ${lon}`;
}

/** The page's title without the period: the area, and whether the API is not IRCEL's. */
export function reportTitle(source: DataSource): string {
  const [area] = source.areas;
  const where = source.areas.length === 1 && area !== null && area !== undefined
    ? `Air quality at ${areaText(area)}`
    : "Air quality in Belgium";
  if (source.production || source.apiUrls.length === 0) return where;
  return `${where} (not from IRCEL-CELINE's production API)`;
}

/** Where the production data comes from and under which licence (the pages' footers). */
export const DATA_SOURCE = {
  source: "IRCEL-CELINE, Belgian Interregional Environment Agency (geo.irceline.be SOS API v1)",
  licence: "CC BY 4.0 IRCEL-CELINE",
} as const;
