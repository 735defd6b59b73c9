/** The types the fake API's router and its route handlers share. */
import type { Catalog } from "./catalog_types.ts";
import type { ApiValue } from "./values.ts";

/** A request as the router sees it; `path` is relative to /sos/api/v1/ without slashes. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

/** The router's answer; `route` is the pattern used for stats (e.g. "/stations/{id}"). */
export interface ApiResponse {
  status: number;
  body: unknown;
  route: string;
}

/** What the router needs besides the request. */
export interface RouteContext {
  catalog: Catalog;
  nowMs: number;
  /** Replaces served values (late data, corrections); see FixtureServerOptions.revise. */
  revise?: (seriesId: string, timestampMs: number, value: ApiValue) => ApiValue;
}
