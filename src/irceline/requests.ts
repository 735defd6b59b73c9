/**
 * Request building for the IRCEL-CELINE timeseries API v1. Pure: no fetch, no clock.
 * Every request is a plain value so the manifest can record exactly what was sent.
 */

/** One API request as sent (and as recorded in the manifest). */
export interface ApiRequest {
  method: "GET" | "POST";
  url: string;
  /** JSON body of a POST, exactly the bytes sent (as text). */
  body?: string;
}

/** A `near` filter: a centre in lon/lat degrees and a radius in km (a box at the server). */
export interface Near {
  lon: number;
  lat: number;
  km: number;
}

/** The base URL with exactly one trailing slash. */
export function normaliseApiUrl(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, "") + "/";
}

/** The `timespan` value of a window: `<startIso>/<endIso>`, both with explicit offsets. */
export function timespanOf(window: { startIso: string; endIso: string }): string {
  for (const iso of [window.startIso, window.endIso]) {
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) {
      throw new RangeError(`Cannot build a timespan: "${iso}" has no explicit offset`);
    }
  }
  return `${window.startIso}/${window.endIso}`;
}

/** The JSON text of a `near` filter, as the API expects it. */
export function nearJson(near: Near): string {
  return JSON.stringify({
    center: { type: "Point", coordinates: [near.lon, near.lat] },
    radius: near.km,
  });
}

/** GET `stations?expanded=true[&near=…]`: discovery of stations and their series. */
export function stationsRequest(apiUrl: string, near: Near | null): ApiRequest {
  const query = `expanded=true${near ? `&near=${encodeURIComponent(nearJson(near))}` : ""}`;
  return { method: "GET", url: `${normaliseApiUrl(apiUrl)}stations?${query}` };
}

/** GET `timeseries?phenomenon=<id>`: the condensed list with units and labels. */
export function timeseriesListRequest(apiUrl: string, phenomenonId: number): ApiRequest {
  return {
    method: "GET",
    url: `${normaliseApiUrl(apiUrl)}timeseries?phenomenon=${encodeURIComponent(phenomenonId)}`,
  };
}

/** POST `timeseries/getData` for several series (ids sent as strings, in the given order). */
export function bulkValuesRequest(apiUrl: string, timespan: string, ids: number[]): ApiRequest {
  return {
    method: "POST",
    url: `${normaliseApiUrl(apiUrl)}timeseries/getData`,
    body: JSON.stringify({ timespan, timeseries: ids.map(String) }),
  };
}

/** GET `timeseries/<id>/getData?timespan=…` for one series (`+` encoded as %2B). */
export function seriesValuesRequest(apiUrl: string, timespan: string, id: number): ApiRequest {
  return {
    method: "GET",
    url: `${normaliseApiUrl(apiUrl)}timeseries/${encodeURIComponent(id)}/getData?timespan=${
      encodeURIComponent(timespan)
    }`,
  };
}
