/**
 * The fixture API's metadata: stations with their series, and per-series facts (unit,
 * extras, first and last timestamp). Built from the recorded-shape fixtures in
 * fixture_api/data/ or, for benchmarks, from a scaled synthetic network.
 */
import stationsJson from "./data/stations_expanded.json" with {
  type: "json",
};
import metaJson from "./data/series_meta.json" with { type: "json" };
import phenomenaJson from "./data/phenomena.json" with { type: "json" };
import categoriesJson from "./data/categories.json" with { type: "json" };
import servicesJson from "./data/services.json" with { type: "json" };
import { syntheticNetwork, syntheticSeriesFacts } from "./synthetic_network.ts";
import type {
  Catalog,
  ParamRef,
  SeriesEntry,
  SeriesMeta,
  StationFeature,
} from "./catalog_types.ts";

/** Build a catalog from station features and per-series facts. */
export function buildCatalog(
  stations: StationFeature[],
  meta: Record<string, SeriesMeta>,
  lists: { phenomena: ParamRef[]; categories: ParamRef[]; services: ParamRef[] },
): Catalog {
  const series = new Map<string, SeriesEntry>();
  for (const station of stations) {
    for (const [id, params] of Object.entries(station.properties.timeseries)) {
      const facts = meta[id];
      if (facts === undefined) throw new RangeError(`Cannot build catalog: no meta for "${id}"`);
      series.set(id, { id, station, params, meta: facts });
    }
  }
  return { stations, series, ...lists };
}

let fixtures: Catalog | undefined;

/** The catalog of the recorded-shape fixtures (8 real stations, 34 series). */
export function fixtureCatalog(): Catalog {
  fixtures ??= buildCatalog(
    stationsJson as unknown as StationFeature[],
    metaJson as Record<string, SeriesMeta>,
    { phenomena: phenomenaJson, categories: categoriesJson, services: servicesJson },
  );
  return fixtures;
}

/** The catalog for `stations: "fixtures" | N` (N = scaled synthetic network). */
export function catalogFor(stations: "fixtures" | number = "fixtures"): Catalog {
  if (stations === "fixtures") return fixtureCatalog();
  const network = syntheticNetwork(stations);
  const base = fixtureCatalog();
  return buildCatalog(network.stations, network.meta, {
    phenomena: base.phenomena,
    categories: base.categories,
    services: base.services,
  });
}

/** The phenomenon and facts of any fixture or synthetic series id; undefined if unknown. */
export function seriesFacts(
  id: string,
): { phenomenon: string; meta: SeriesMeta; synthetic: boolean } | undefined {
  const entry = fixtureCatalog().series.get(id);
  if (entry) return { phenomenon: entry.params.phenomenon.id, meta: entry.meta, synthetic: false };
  const facts = syntheticSeriesFacts(id);
  return facts && { ...facts, synthetic: true };
}
