/**
 * Output shapes of the fixture API, with the key order of real IRCEL payloads: condensed
 * and expanded stations and timeseries, and the 52N JSON error body.
 */
import type { SeriesEntry, StationFeature } from "./catalog_types.ts";
import { generatedValues, type TimeValue } from "./values.ts";

const WEEK = 7 * 86_400_000;

/** A 52N error body; `developerMessage` and `hints` are omitted when absent. */
export interface ErrorBody {
  statusCode: number;
  reason: string;
  userMessage: string;
  developerMessage?: string;
  hints?: string[];
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Build an error body in 52N's field order. */
export function errorBody(
  status: number,
  userMessage: string,
  extra: { developerMessage?: string; hints?: string[] } = {},
): ErrorBody {
  const body: ErrorBody = { statusCode: status, reason: REASONS[status] ?? "Error", userMessage };
  if (extra.developerMessage !== undefined) body.developerMessage = extra.developerMessage;
  if (extra.hints !== undefined) body.hints = extra.hints;
  return body;
}

/** The condensed station (`/stations` item, `station` of a timeseries). */
export function stationCondensed(station: StationFeature): unknown {
  const { id, label } = station.properties;
  return { properties: { id, label }, geometry: station.geometry, type: station.type };
}

/** The timeseries label: "<phenomenon> <procedure>, <station>". */
export function seriesLabel(entry: SeriesEntry): string {
  const { phenomenon, procedure } = entry.params;
  return `${phenomenon.label} ${procedure.label}, ${entry.station.properties.label}`;
}

/** The condensed timeseries (`/timeseries` item). */
export function timeseriesCondensed(entry: SeriesEntry): unknown {
  return {
    id: entry.id,
    label: seriesLabel(entry),
    uom: entry.meta.uom,
    station: stationCondensed(entry.station),
  };
}

/**
 * The expanded timeseries (`/timeseries/{id}`). firstValue/lastValue come from the value
 * generator (first numeric point, last numeric point at or before `nowMs`); both are
 * omitted for a series that never has data, as 52N omits nulls.
 */
export function timeseriesExpanded(entry: SeriesEntry, nowMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: entry.id,
    label: seriesLabel(entry),
    extras: entry.meta.extras,
    uom: entry.meta.uom,
    station: stationCondensed(entry.station),
    referenceValues: [],
  };
  const first = entry.meta.firstTimestamp;
  if (first !== undefined && first <= nowMs) {
    const firstValue = generatedValues(entry.id, first, first + WEEK, { now: nowMs })
      .find(isNumeric);
    const end = Math.min(nowMs, entry.meta.lastTimestamp ?? nowMs);
    const lastValue = generatedValues(entry.id, end - WEEK, end, { now: nowMs })
      .findLast(isNumeric);
    if (firstValue) out.firstValue = firstValue;
    if (lastValue) out.lastValue = lastValue;
  }
  out.parameters = entry.params;
  if (entry.meta.statusIntervals) out.statusIntervals = entry.meta.statusIntervals;
  return out;
}

function isNumeric(point: TimeValue): boolean {
  return typeof point.value === "number";
}
