/**
 * Pure parsing of the raw API answers a transform needs: station metadata from
 * stations.json, units from the timeseries listings, values from getData answers.
 * Every shape error is a SyntaxError naming the file and the JSON path.
 */

/** What stations.json says about one series. */
export interface StationSeries {
  station_id: number;
  station_label: string;
  longitude: number | null;
  latitude: number | null;
  phenomenon_id: number;
  phenomenon_label: string;
}

import {
  resolveSeriesOwners,
  type SeriesClaim,
  type StationFacts,
} from "../irceline/series_owners.ts";
import { labelProblem } from "../irceline/limits.ts";
import { scanValues } from "./_scan_values.ts";
import type { RawValue } from "./raw_value.ts";

type Json = unknown;

function shapeError(file: string, path: string, what: string): SyntaxError {
  return new SyntaxError(`Cannot read raw file "${file}": field "${path}" ${what}`);
}

function parseJson(
  text: string,
  file: string,
  reviver?: (k: string, v: Json, c?: { source?: string }) => Json,
): Json {
  try {
    return JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1]);
  } catch (e) {
    throw new SyntaxError(`Cannot read raw file "${file}": not JSON: ${(e as Error).message}`);
  }
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function idOf(v: Json, file: string, path: string): number {
  const n = typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw shapeError(file, path, "is not a numeric id");
  }
  return n;
}

function labelOf(v: Json, file: string, path: string): string {
  const why = labelProblem(v);
  if (why !== undefined) throw shapeError(file, path, why);
  return v as string;
}

function coordOf(v: Json): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** What stations.json says: each series once, and the claims ignored (series_owners.ts). */
export interface ParsedStations {
  series: Map<number, StationSeries>;
  conflicts: string[];
}

/**
 * Series id → station and phenomenon metadata, from GET /stations?expanded=true. A series
 * and a station's label and coordinates come from their first claim (resolveSeriesOwners).
 */
export function parseStations(text: string, file: string): ParsedStations {
  const doc = parseJson(text, file);
  if (!Array.isArray(doc)) throw shapeError(file, "$", "is not an array of stations");
  const claims: (SeriesClaim & { phenomenonLabel: string })[] = [];
  const stations: (StationFacts & { label: string; coords: Json[] })[] = [];
  doc.forEach((feature: Json, i) => {
    const at = `$[${i}]`;
    if (!isObject(feature) || !isObject(feature.properties)) {
      throw shapeError(file, `${at}.properties`, "is missing or not an object");
    }
    const p = feature.properties;
    const stationId = idOf(p.id, file, `${at}.properties.id`);
    const label = labelOf(p.label, file, `${at}.properties.label`);
    const geometry = isObject(feature.geometry) ? feature.geometry.coordinates : undefined;
    const coords = Array.isArray(geometry) ? geometry : [];
    stations.push({ stationId, facts: [p.label, geometry], label, coords });
    const series = p.timeseries;
    if (!isObject(series)) {
      throw shapeError(file, `${at}.properties.timeseries`, "is missing or not an object");
    }
    for (const [tsKey, params] of Object.entries(series)) {
      const tsAt = `${at}.properties.timeseries["${tsKey}"]`;
      const timeseriesId = idOf(tsKey, file, tsAt);
      if (!isObject(params) || !isObject(params.phenomenon)) {
        throw shapeError(file, `${tsAt}.phenomenon`, "is missing or not an object");
      }
      claims.push({
        timeseriesId,
        stationId,
        phenomenonId: idOf(params.phenomenon.id, file, `${tsAt}.phenomenon.id`),
        phenomenonLabel: labelOf(params.phenomenon.label, file, `${tsAt}.phenomenon.label`),
      });
    }
  });
  const { owners, firstEntry, conflicts } = resolveSeriesOwners(claims, stations);
  const out = new Map<number, StationSeries>();
  for (const [id, claim] of owners) {
    const station = stations[firstEntry.get(claim.stationId)!]!;
    out.set(id, {
      station_id: claim.stationId,
      station_label: station.label,
      longitude: coordOf(station.coords[0]),
      latitude: coordOf(station.coords[1]),
      phenomenon_id: claim.phenomenonId,
      phenomenon_label: claim.phenomenonLabel,
    });
  }
  return { series: out, conflicts };
}

/** Series id → unit, from a GET /timeseries?phenomenon=<id> listing (uom may be absent). */
export function parseTimeseriesList(text: string, file: string): Map<number, string | null> {
  const doc = parseJson(text, file);
  if (!Array.isArray(doc)) throw shapeError(file, "$", "is not an array of timeseries");
  const out = new Map<number, string | null>();
  doc.forEach((item: Json, i) => {
    if (!isObject(item)) throw shapeError(file, `$[${i}]`, "is not an object");
    const uom = item.uom;
    if (uom !== undefined && uom !== null && typeof uom !== "string") {
      throw shapeError(file, `$[${i}].uom`, "is not a string");
    }
    out.set(idOf(item.id, file, `$[${i}].id`), uom ?? null);
  });
  return out;
}

/** Keeps the exact JSON text of every number under a "value" key. */
function keepValueSource(key: string, value: Json, context?: { source?: string }): Json {
  if (key === "value" && typeof value === "number" && context?.source !== undefined) {
    return { source: context.source };
  }
  return value;
}

/** The text of a JSON number (what keepValueSource() wraps; a literal object is not one). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function valuesOf(list: Json, file: string, path: string): RawValue[] {
  if (!Array.isArray(list)) throw shapeError(file, path, "is missing or not an array");
  const out: RawValue[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item)) throw shapeError(file, `${path}[${i}]`, "is not an object");
    const t = item.timestamp;
    if (typeof t !== "number" || !Number.isSafeInteger(t)) {
      throw shapeError(file, `${path}[${i}].timestamp`, "is missing or not epoch milliseconds");
    }
    const v = item.value;
    if (v === null) out[i] = { timestamp: t, source: "null", number: NaN };
    else if (v === "NaN") out[i] = { timestamp: t, source: "NaN", number: NaN };
    else if (isObject(v) && typeof v.source === "string" && JSON_NUMBER.test(v.source)) {
      // Any JSON number, even one beyond a double (1e400 → Infinity): valid_value.ts.
      out[i] = { timestamp: t, source: v.source, number: Number(v.source) };
    } else {
      throw shapeError(file, `${path}[${i}].value`, 'is not a number, null or "NaN"');
    }
  }
  return out;
}

/**
 * Series id → values of a getData answer: `{"<id>": {"values": [...]}, ...}` for a bulk
 * file, `{"values": [...]}` for a per-series file (then `seriesId` names the series).
 */
export function parseValues(
  text: string,
  file: string,
  seriesId?: number,
): Map<number, RawValue[]> {
  return scanValues(text, seriesId) ?? parseValuesByJsonParse(text, file, seriesId);
}

/** parseValues() by JSON.parse with source-text access: the reference the scanner must match. */
export function parseValuesByJsonParse(
  text: string,
  file: string,
  seriesId?: number,
): Map<number, RawValue[]> {
  const doc = parseJson(text, file, keepValueSource);
  if (!isObject(doc)) throw shapeError(file, "$", "is not an object");
  const out = new Map<number, RawValue[]>();
  if (seriesId !== undefined) {
    out.set(seriesId, valuesOf(doc.values, file, "$.values"));
    return out;
  }
  for (const [key, body] of Object.entries(doc)) {
    const at = `$["${key}"]`;
    if (!isObject(body)) throw shapeError(file, at, "is not an object");
    out.set(idOf(key, file, at), valuesOf(body.values, file, `${at}.values`));
  }
  return out;
}
