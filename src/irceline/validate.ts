/**
 * Shape checks of the API's answers before anything is written. Pure. Each check throws
 * a SyntaxError naming the URL and the field path (`$[0].properties.id`).
 */
import { DEFAULT_API_URL } from "../config/defaults.ts";
import { resolveSeriesOwners, type StationFacts } from "./series_owners.ts";
import { isValueShape } from "./valid_value.ts";
import { labelProblem } from "./limits.ts";

/** One series found by discovery at one station. */
export interface DiscoveredSeries {
  timeseriesId: number;
  stationId: number;
  phenomenonId: number;
}

/** What a stations discovery answer holds. */
export interface DiscoveredStations {
  stations: number;
  /** Each series once, owned by its first claim (resolveSeriesOwners), in document order. */
  series: DiscoveredSeries[];
  /** Ignored claims that disagree with the kept one (series_owners.ts). */
  conflicts: string[];
}

type Json = unknown;

function show(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The fix named by every shape error: the answer is not what IRCEL's API sends. */
export const SHAPE_FIX =
  "check that --api-url (AIRQ_API_URL) points at a 52°North Timeseries API v1 such as " +
  DEFAULT_API_URL;

function fail(url: string, path: string, problem: string, value?: Json): never {
  const got = value === undefined ? "" : `, got ${show(value)}`;
  throw new SyntaxError(
    `Cannot validate the answer of "${url}": field "${path}" ${problem}${got}: ${SHAPE_FIX}`,
  );
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function need<T>(ok: boolean, url: string, path: string, problem: string, value: Json): T {
  if (!ok) fail(url, path, value === undefined ? "is missing" : problem, value);
  return value as T;
}

const NUMERIC_ID = /^\d{1,18}$/;

function numericId(value: Json, url: string, path: string): number {
  need(
    typeof value === "string" && NUMERIC_ID.test(value),
    url,
    path,
    "must be a numeric id string",
    value,
  );
  return Number(value);
}

/** Check `GET stations?expanded=true` and list every series with its station and phenomenon. */
export function validateStations(json: Json, url: string): DiscoveredStations {
  const list = need<Json[]>(Array.isArray(json), url, "$", "must be an array", json);
  const series: DiscoveredSeries[] = [];
  const stations: StationFacts[] = [];
  list.forEach((feature, i) => {
    const at = `$[${i}]`;
    need(isObject(feature), url, at, "must be an object", feature);
    const props = (feature as Record<string, Json>).properties;
    need(isObject(props), url, `${at}.properties`, "must be an object", props);
    const p = props as Record<string, Json>;
    const stationId = need<number>(
      Number.isSafeInteger(p.id) && (p.id as number) >= 0,
      url,
      `${at}.properties.id`,
      "must be an integer",
      p.id,
    );
    // A label is not required here, but one beyond the limit is refused (limits.ts).
    const labelWhy = p.label === undefined ? undefined : labelProblem(p.label);
    if (labelWhy !== undefined) fail(url, `${at}.properties.label`, labelWhy);
    const geometry = (feature as Record<string, Json>).geometry;
    const coordinates = isObject(geometry) ? geometry.coordinates : undefined;
    stations.push({ stationId, facts: [p.label, coordinates] });
    const ts = p.timeseries;
    need(isObject(ts), url, `${at}.properties.timeseries`, "must be an object", ts);
    for (const [key, entry] of Object.entries(ts as Record<string, Json>)) {
      const tsAt = `${at}.properties.timeseries["${key}"]`;
      if (!NUMERIC_ID.test(key)) fail(url, tsAt, "must be keyed by a numeric id");
      need(isObject(entry), url, tsAt, "must be an object", entry);
      const phen = (entry as Record<string, Json>).phenomenon;
      need(isObject(phen), url, `${tsAt}.phenomenon`, "must be an object", phen);
      const phenLabel = (phen as Record<string, Json>).label;
      const phenWhy = phenLabel === undefined ? undefined : labelProblem(phenLabel);
      if (phenWhy !== undefined) fail(url, `${tsAt}.phenomenon.label`, phenWhy);
      const phenomenonId = numericId(
        (phen as Record<string, Json>).id,
        url,
        `${tsAt}.phenomenon.id`,
      );
      series.push({ timeseriesId: Number(key), stationId, phenomenonId });
    }
  });
  const { owners, conflicts } = resolveSeriesOwners(series, stations);
  return { stations: list.length, series: [...owners.values()], conflicts };
}

/** Check `GET timeseries?phenomenon=<id>` (condensed list); returns the number of items. */
export function validateTimeseriesList(json: Json, url: string): number {
  const list = need<Json[]>(Array.isArray(json), url, "$", "must be an array", json);
  list.forEach((item, i) => {
    need(isObject(item), url, `$[${i}]`, "must be an object", item);
    numericId((item as Record<string, Json>).id, url, `$[${i}].id`);
  });
  return list.length;
}

/** Check one `{"values": [{timestamp, value}]}` object at `path`; returns the value count. */
export function validateValues(json: Json, url: string, path = "$"): number {
  need(isObject(json), url, path, "must be an object", json);
  const values = (json as Record<string, Json>).values;
  need(Array.isArray(values), url, `${path}.values`, "must be an array", values);
  (values as Json[]).forEach((point, i) => {
    const at = `${path}.values[${i}]`;
    need(isObject(point), url, at, "must be an object", point);
    const { timestamp, value } = point as Record<string, Json>;
    need(Number.isSafeInteger(timestamp), url, `${at}.timestamp`, "must be an integer", timestamp);
    need(isValueShape(value), url, `${at}.value`, 'must be a number, null or "NaN"', value);
  });
  return (values as Json[]).length;
}

/** Check a bulk `POST timeseries/getData` answer: exactly the requested ids, each valid. */
export function validateBulkValues(json: Json, url: string, ids: number[]): Map<number, number> {
  need(isObject(json), url, "$", "must be an object", json);
  const wanted = new Set(ids.map(String));
  const counts = new Map<number, number>();
  for (const [key, entry] of Object.entries(json as Record<string, Json>)) {
    if (!wanted.has(key)) fail(url, `$["${key}"]`, "is a series that was not requested");
    counts.set(Number(key), validateValues(entry, url, `$["${key}"]`));
  }
  for (const id of ids) {
    if (!counts.has(id)) fail(url, `$["${id}"]`, "is missing (a requested series)");
  }
  return counts;
}
