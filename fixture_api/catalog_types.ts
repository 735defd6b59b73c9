/** The types of the fake API's catalog (stations, series and their metadata). */

/** An `{id, label}` reference as the API prints it (ids are strings). */
export interface ParamRef {
  id: string;
  label: string;
}

/** The six parameter blocks of one series, in the API's key order. */
export interface SeriesParams {
  service: ParamRef;
  offering: ParamRef;
  feature: ParamRef;
  procedure: ParamRef;
  phenomenon: ParamRef;
  category: ParamRef;
}

/** A point geometry; the third coordinate is the string "NaN" as in real payloads. */
export interface PointGeometry {
  coordinates: [number, number, string];
  type: string;
}

/** An expanded station Feature (`/stations/{id}` shape). */
export interface StationFeature {
  properties: { timeseries: Record<string, SeriesParams>; id: number; label: string };
  geometry: PointGeometry;
  type: string;
}

/** A status interval of a series; bounds are strings as in real payloads. */
export interface StatusInterval {
  lower: string;
  upper: string;
  name: string;
  color: string;
}

/** Facts about one series that are not in the station payload. */
export interface SeriesMeta {
  uom: string;
  extras: string[];
  /** First hour with data; absent = the series never has data. */
  firstTimestamp?: number;
  /** Last hour with data for a stale series; absent = still reporting. */
  lastTimestamp?: number;
  statusIntervals?: StatusInterval[];
}

/** One series with its station. */
export interface SeriesEntry {
  id: string;
  station: StationFeature;
  params: SeriesParams;
  meta: SeriesMeta;
}

/** Everything the fixture server lists. */
export interface Catalog {
  stations: StationFeature[];
  series: Map<string, SeriesEntry>;
  phenomena: ParamRef[];
  categories: ParamRef[];
  services: ParamRef[];
}
