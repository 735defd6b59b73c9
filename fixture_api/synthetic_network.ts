/**
 * A scaled synthetic network for benchmarks: N stations spread over Belgian cities with
 * about 4.8 series each over PM10, PM2.5, NO2, SO2 and others. Ids, labels and
 * coordinates are deterministic. Station ids are 5000 + i; series ids are
 * 200000 + 20 * i + slot, so the phenomenon of a series follows from its id alone.
 */
import type { SeriesMeta, SeriesParams, StationFeature } from "./catalog_types.ts";
import { hashInts, unit } from "./_hash.ts";

const SERVICE = { id: "1", label: "IRCEL - CELINE: timeseries-api (SOS 2.0)" };
const FIRST_TIMESTAMP = Date.UTC(2015, 0, 1);
const STATION_BASE = 5000;
const SERIES_BASE = 200000;

interface Slot {
  phenomenon: string;
  label: string;
  device: string;
  uom: string;
  /** Whether station i has this slot. */
  has: (i: number) => boolean;
}

const SLOTS: Slot[] = [
  slot("5", "Particulate Matter < 10 µm", "FIDAS 200", "µg/m³", () => true),
  slot("6001", "Particulate Matter < 2.5 µm", "FIDAS 200", "µg/m³", (i) => i % 5 !== 0),
  slot("8", "Nitrogen dioxide", "THIS 42C", "µg/m³", () => true),
  slot("1", "Sulphur dioxide", "ENVIRONNEMENT AF21M", "µg/m³", (i) => i % 3 === 0),
  slot("38", "Nitrogen monoxide", "THIS 42C", "µg/m³", (i) => i % 2 === 0),
  slot("7", "Ozone", "API400E", "µg/m³", (i) => i % 2 === 1),
  slot("391", "Black Carbon", "Unknown device", "µg/m³", (i) => i % 4 === 0),
  slot("6002", "Particulate Matter < 1 µm", "FIDAS 200", "µg/m³", (i) => i % 8 === 0),
  slot("62101", "Temperature", "Unknown device", "°C", (i) => i % 10 === 0),
  slot("5", "Particulate Matter < 10 µm", "DAILY CORRECTION TEOM", "µg/m³", (i) => i % 7 === 0),
];

const CITIES: [string, number, number][] = [
  ["Bruxelles", 4.3517, 50.8503],
  ["Antwerpen", 4.4025, 51.2194],
  ["Gent", 3.7174, 51.0543],
  ["Liège", 5.5797, 50.6326],
  ["Charleroi", 4.4446, 50.4108],
  ["Namur", 4.8719, 50.4674],
  ["Brugge", 3.2247, 51.2093],
  ["Leuven", 4.7005, 50.8798],
  ["Hasselt", 5.3378, 50.9307],
  ["Mons", 3.9523, 50.4542],
  ["Kortrijk", 3.2649, 50.8280],
  ["Arlon", 5.8167, 49.6833],
];

function slot(
  phenomenon: string,
  label: string,
  device: string,
  uom: string,
  has: (i: number) => boolean,
): Slot {
  return { phenomenon, label, device, uom, has };
}

/** Stations and series facts of a synthetic network of `count` stations. */
export function syntheticNetwork(
  count: number,
): { stations: StationFeature[]; meta: Record<string, SeriesMeta> } {
  if (!Number.isInteger(count) || count < 1 || count > 5000) {
    throw new RangeError(`Cannot build synthetic network: station count "${count}" not in 1..5000`);
  }
  const stations: StationFeature[] = [];
  const meta: Record<string, SeriesMeta> = {};
  for (let i = 0; i < count; i++) {
    const station = syntheticStation(i);
    stations.push(station);
    for (const id of Object.keys(station.properties.timeseries)) {
      meta[id] = {
        uom: SLOTS[slotOf(Number(id))]!.uom,
        extras: ["license"],
        firstTimestamp: FIRST_TIMESTAMP,
      };
    }
  }
  return { stations, meta };
}

function syntheticStation(i: number): StationFeature {
  const [city, lon, lat] = CITIES[i % CITIES.length]!;
  const stationId = STATION_BASE + i;
  const label = `SY${String(i + 1).padStart(4, "0")} - ${city} (synthetic ${i + 1})`;
  const timeseries: Record<string, SeriesParams> = {};
  SLOTS.forEach((s, k) => {
    if (!s.has(i)) return;
    const id = String(SERIES_BASE + 20 * i + k);
    const procedure = { id, label: `${id} - ${s.device} - procedure` };
    const phenomenon = { id: s.phenomenon, label: s.label };
    timeseries[id] = {
      service: SERVICE,
      offering: procedure,
      feature: { id: String(stationId), label },
      procedure,
      phenomenon,
      category: phenomenon,
    };
  });
  const jitterLon = (unit(hashInts(stationId, 1)) - 0.5) * 0.16;
  const jitterLat = (unit(hashInts(stationId, 2)) - 0.5) * 0.1;
  return {
    properties: { timeseries, id: stationId, label },
    geometry: {
      coordinates: [round6(lon + jitterLon), round6(lat + jitterLat), "NaN"],
      type: "Point",
    },
    type: "Feature",
  };
}

function slotOf(id: number): number {
  return (id - SERIES_BASE) % 20;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Phenomenon and facts of a synthetic series id (any station index), or undefined. */
export function syntheticSeriesFacts(
  id: string,
): { phenomenon: string; meta: SeriesMeta } | undefined {
  if (!/^[1-9]\d*$/.test(id)) return undefined;
  const n = Number(id);
  const k = slotOf(n);
  const i = Math.floor((n - SERIES_BASE) / 20);
  const s = SLOTS[k];
  if (n < SERIES_BASE || i >= 5000 || s === undefined || !s.has(i)) return undefined;
  return {
    phenomenon: s.phenomenon,
    meta: { uom: s.uom, extras: ["license"], firstTimestamp: FIRST_TIMESTAMP },
  };
}
