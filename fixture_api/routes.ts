/**
 * The fixture API without I/O: one request in, status + JSON body out. Behaves like
 * IRCEL's 52°North Timeseries API v1 (see /work/shared/irceline-api.md §1, §2, §7).
 */
import type { Catalog, ParamRef, SeriesEntry, StationFeature } from "./catalog_types.ts";
import { inBounds, nearBounds, parseNear } from "./near.ts";
import { errorBody, stationCondensed, timeseriesCondensed, timeseriesExpanded } from "./shapes.ts";
import { dataRoute } from "./_data_route.ts";
import type { ApiRequest, ApiResponse, RouteContext } from "./route_types.ts";

const SERVICE: ParamRef = { id: "1", label: "IRCEL - CELINE: timeseries-api (SOS 2.0)" };
const ITEM_KIND: Record<string, string> = {
  phenomena: "phenomenon",
  categories: "category",
  features: "feature",
  offerings: "offering",
  procedures: "procedure",
  services: "service",
};
const FILTERS = ["phenomenon", "category", "service", "offering", "procedure"] as const;

/** The route pattern of a path, for stats, without answering it. */
export function routeOf(method: string, path: string): string {
  const parts = path.split("/").filter((p) => p !== "");
  if (method === "POST" && path === "timeseries/getData") return "/timeseries/getData";
  const shape = parts.map((p, i) => (i === 1 ? "{id}" : p));
  return `/${shape.join("/")}`;
}

/** Answer one API request. */
export function handleApiRequest(req: ApiRequest, ctx: RouteContext): ApiResponse {
  const route = routeOf(req.method, req.path);
  const answer = (status: number, body: unknown) => ({ status, body, route });
  const parts = req.path.split("/").filter((p) => p !== "");
  const [collection, id, sub] = parts;
  if (req.method === "POST") {
    if (req.path === "timeseries/getData") return answer(...dataRoute(undefined, req, ctx));
    return answer(405, errorBody(405, `Method POST is not allowed on '/${req.path}'.`));
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    return answer(405, errorBody(405, `Method ${req.method} is not allowed on '/${req.path}'.`));
  }
  if (
    parts.length > 3 || (sub !== undefined && !(collection === "timeseries" && sub === "getData"))
  ) {
    return answer(404, notFound(req.path));
  }
  const expanded = req.query.get("expanded") === "true";
  try {
    switch (collection) {
      case undefined:
        return answer(200, rootListing());
      case "stations":
        if (id === undefined) return answer(200, listStations(req.query, ctx.catalog, expanded));
        return answer(
          ...item(ctx.catalog.stations.find((s) => String(s.properties.id) === id), "station", id),
        );
      case "timeseries": {
        const entry = ctx.catalog.series.get(id ?? "");
        if (id === undefined) return answer(200, listSeries(req.query, ctx, expanded));
        if (entry === undefined) {
          return answer(404, errorBody(404, `The timeseries with id '${id}' was not found.`));
        }
        if (sub === "getData") return answer(...dataRoute(entry, req, ctx));
        return answer(200, timeseriesExpanded(entry, ctx.nowMs));
      }
      default: {
        const list = parameterList(collection, ctx.catalog, expanded || id !== undefined);
        if (list === undefined) return answer(404, notFound(req.path));
        if (id === undefined) return answer(200, list);
        const found = list.find((p) => (p as ParamRef).id === id);
        const kind = ITEM_KIND[collection] ?? collection;
        if (collection === "services") return answer(...item(found, kind, id));
        return answer(...item(found && { ...found, service: SERVICE }, kind, id));
      }
    }
  } catch (error) {
    if (error instanceof SyntaxError) {
      return answer(
        400,
        errorBody(400, "Invalid query parameter.", { developerMessage: error.message }),
      );
    }
    throw error;
  }
}

function item(found: unknown, kind: string, id: string): [number, unknown] {
  if (found === undefined) {
    return [404, errorBody(404, `The ${kind} with id '${id}' was not found.`)];
  }
  return [200, found];
}

function notFound(path: string) {
  return errorBody(404, `The resource '/${path}' was not found.`);
}

function rootListing(): unknown {
  return [
    "services",
    "stations",
    "timeseries",
    "categories",
    "offerings",
    "features",
    "procedures",
    "phenomena",
  ]
    .map((id) => ({
      id,
      label: id[0]!.toUpperCase() + id.slice(1),
      description: `The ${id} collection.`,
    }));
}

/** Whether a series matches every single-valued filter in the query (AND). */
function seriesMatches(entry: SeriesEntry, query: URLSearchParams): boolean {
  for (const name of FILTERS) {
    const want = query.get(name);
    if (want !== null && entry.params[name].id !== want) return false;
  }
  const station = query.get("station") ?? query.get("feature");
  if (station !== null && entry.params.feature.id !== station) return false;
  return true;
}

function nearFilter(query: URLSearchParams): (s: StationFeature) => boolean {
  const near = query.get("near");
  if (near === null) return () => true;
  const c = parseNear(near);
  const box = nearBounds(c.lon, c.lat, c.radiusKm);
  return (s) => inBounds(box, s.geometry.coordinates[0], s.geometry.coordinates[1]);
}

function listStations(query: URLSearchParams, catalog: Catalog, expanded: boolean): unknown[] {
  const near = nearFilter(query);
  const filtered = FILTERS.some((f) => query.has(f)) || query.has("station");
  return catalog.stations
    .filter((s) => near(s))
    .filter((s) =>
      !filtered ||
      Object.keys(s.properties.timeseries).some((id) =>
        seriesMatches(catalog.series.get(id)!, query)
      )
    )
    .map((s) => (expanded ? s : stationCondensed(s)));
}

function listSeries(query: URLSearchParams, ctx: RouteContext, expanded: boolean): unknown[] {
  const near = nearFilter(query);
  return [...ctx.catalog.series.values()]
    .filter((e) => near(e.station) && seriesMatches(e, query))
    .map((e) => (expanded ? timeseriesExpanded(e, ctx.nowMs) : timeseriesCondensed(e)));
}

function parameterList(
  collection: string,
  catalog: Catalog,
  expanded: boolean,
): unknown[] | undefined {
  const series = [...catalog.series.values()];
  switch (collection) {
    case "phenomena":
      return catalog.phenomena;
    case "categories":
      return catalog.categories;
    case "features":
      return catalog.stations.map((s) => ({
        id: String(s.properties.id),
        label: s.properties.label,
      }));
    case "offerings":
    case "procedures":
      return series.map((e) => e.params.procedure);
    case "services":
      return catalog.services.map((s) => (expanded ? serviceExpanded(s, catalog) : s));
  }
  return undefined;
}

function serviceExpanded(service: ParamRef, catalog: Catalog): unknown {
  return {
    ...service,
    serviceUrl: "http://geo.irceline.be/sos/service",
    version: "1.0.0",
    type: "Timeseries API",
    supportsFirstLatest: true,
    quantities: {
      offerings: catalog.series.size,
      features: catalog.stations.length,
      procedures: catalog.series.size,
      categories: catalog.categories.length,
      phenomena: catalog.phenomena.length,
      stations: catalog.stations.length,
      timeseries: catalog.series.size,
    },
  };
}
