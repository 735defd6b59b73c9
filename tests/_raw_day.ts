/**
 * Test helper: write a raw day (API-shaped files + a correct _manifest.json) into any
 * ObjectStore, the way ingest lays it out. Values can be given as JSON text to control
 * exactly what "the API sent" (e.g. "17.90", "-99.99", null, "NaN").
 */
import {
  rawBulkValuesKey,
  rawDayPrefix,
  rawManifestKey,
  rawSeriesValuesKey,
  rawStationsKey,
  rawTimeseriesListKey,
} from "../src/lake/layout.ts";
import type { ObjectStore } from "../src/lake/object_store.ts";
import type { ManifestFile, RawManifest } from "../src/lake/raw_manifest.ts";
import { dayWindow } from "../src/time/day_window.ts";

/** A value as the API sends it: a number, null, "NaN", or `{ json }` for exact number text. */
export type ApiValue = number | null | "NaN" | { json: string };

/** One series of the raw day. */
export interface RawSeriesSpec {
  id: number;
  station: number;
  phenomenon: number;
  /** [epoch ms, value] in file order. */
  values: [number, ApiValue][];
  /** Where ingest put its values: the day's bulk file (default) or a per-series file. */
  file?: "bulk" | "series";
}

/** A whole raw day. */
export interface RawDaySpec {
  date: string;
  timezone?: string;
  series: RawSeriesSpec[];
  /** Station id → label and coordinates; default `"<id> - Station <id>"` at 4.4, 51.2. */
  stations?: Record<number, { label: string; lon: number; lat: number }>;
  /** Phenomenon id → unit in the /timeseries listing; a phenomenon not given has no uom. */
  uom?: Record<number, string>;
}

/** Phenomenon labels as the API spells them. */
export const PHENOMENON_LABELS: Record<number, string> = {
  1: "Sulphur dioxide",
  5: "Particulate Matter < 10 µm",
  7: "Ozone",
  8: "Nitrogen dioxide",
  6001: "Particulate Matter < 2.5 µm",
};

/** Every hourly stamp of the ingest window [D 00:00, D+1 00:00] (both inclusive). */
export function windowStamps(date: string, timezone = "Europe/Brussels"): number[] {
  const w = dayWindow(date, timezone);
  const out: number[] = [];
  for (let t = w.startMs; t <= w.endMs; t += 3_600_000) out.push(t);
  return out;
}

/** Hex sha256 of bytes. */
export async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function valueText(v: ApiValue): string {
  if (v === null) return "null";
  if (v === "NaN") return '"NaN"';
  if (typeof v === "number") return JSON.stringify(v);
  return v.json;
}

function valuesText(values: [number, ApiValue][]): string {
  return `[${values.map(([t, v]) => `{"timestamp":${t},"value":${valueText(v)}}`).join(",")}]`;
}

function stationOf(spec: RawDaySpec, id: number) {
  return spec.stations?.[id] ?? { label: `${id} - Station ${id}`, lon: 4.4, lat: 51.2 };
}

/** Write the raw day into `store`; returns the manifest written (last). */
export async function writeRawDay(store: ObjectStore, spec: RawDaySpec): Promise<RawManifest> {
  const timezone = spec.timezone ?? "Europe/Brussels";
  const w = dayWindow(spec.date, timezone);
  const prefix = rawDayPrefix(spec.date);
  const files: ManifestFile[] = [];
  const enc = new TextEncoder();
  const put = async (key: string, text: string, kind: ManifestFile["kind"], ids?: number[]) => {
    const bytes = enc.encode(text);
    await store.put(key, bytes, { contentType: "application/json" });
    files.push({
      path: key.slice(prefix.length),
      kind,
      request: { method: kind === "values_bulk" ? "POST" : "GET", url: `http://fixture/${key}` },
      status: 200,
      sha256: await sha256Of(bytes),
      bytes: bytes.byteLength,
      ...(ids === undefined ? {} : { timeseries_ids: ids }),
    });
  };

  const stationIds = [...new Set(spec.series.map((s) => s.station))].sort((a, b) => a - b);
  const features = stationIds.map((sid) => {
    const st = stationOf(spec, sid);
    const timeseries: Record<string, unknown> = {};
    for (const s of spec.series.filter((x) => x.station === sid)) {
      const ph = {
        id: String(s.phenomenon),
        label: PHENOMENON_LABELS[s.phenomenon] ?? `P${s.phenomenon}`,
      };
      const proc = { id: String(s.id), label: `${s.id} - Unknown device - procedure` };
      timeseries[String(s.id)] = {
        service: { id: "1", label: "IRCEL - CELINE: timeseries-api (SOS 2.0)" },
        offering: proc,
        feature: { id: String(sid), label: st.label },
        procedure: proc,
        phenomenon: ph,
        category: ph,
      };
    }
    return {
      properties: { timeseries, id: sid, label: st.label },
      geometry: { coordinates: [st.lon, st.lat, "NaN"], type: "Point" },
      type: "Feature",
    };
  });
  await put(rawStationsKey(spec.date), JSON.stringify(features), "stations");

  const phenomena = [...new Set(spec.series.map((s) => s.phenomenon))].sort((a, b) => a - b);
  for (const p of phenomena) {
    const list = spec.series.filter((s) => s.phenomenon === p).map((s) => {
      const st = stationOf(spec, s.station);
      return {
        id: String(s.id),
        label: `${PHENOMENON_LABELS[p] ?? `P${p}`} ${s.id} - procedure, ${st.label}`,
        ...(spec.uom?.[p] === undefined ? {} : { uom: spec.uom[p] }),
        station: {
          properties: { id: s.station, label: st.label },
          geometry: { coordinates: [st.lon, st.lat, "NaN"], type: "Point" },
          type: "Feature",
        },
      };
    });
    await put(rawTimeseriesListKey(spec.date, p), JSON.stringify(list), "timeseries_list");
  }

  const sorted = [...spec.series].sort((a, b) => a.id - b.id);
  const bulk = sorted.filter((s) => (s.file ?? "bulk") === "bulk");
  const fileOf = new Map<number, string>();
  if (bulk.length > 0) {
    const key = rawBulkValuesKey(spec.date, bulk[0]!.id, bulk[bulk.length - 1]!.id);
    const body = `{${bulk.map((s) => `"${s.id}":{"values":${valuesText(s.values)}}`).join(",")}}`;
    await put(key, body, "values_bulk", bulk.map((s) => s.id));
    for (const s of bulk) fileOf.set(s.id, key.slice(prefix.length));
  }
  for (const s of sorted.filter((x) => x.file === "series")) {
    const key = rawSeriesValuesKey(spec.date, s.id);
    await put(key, `{"values":${valuesText(s.values)}}`, "values_series", [s.id]);
    fileOf.set(s.id, key.slice(prefix.length));
  }

  const manifest: RawManifest = {
    manifest_version: 1,
    airq_version: "test",
    source: "irceline",
    api_url: "http://fixture/sos/api/v1/",
    date: spec.date,
    timezone,
    window: {
      start: w.startIso,
      end: w.endIso,
      start_ms: w.startMs,
      end_ms: w.endMs,
      hours: w.hours,
      timespan: `${w.startIso}/${w.endIso}`,
    },
    near: null,
    phenomena_requested: phenomena,
    phenomena_found: Object.fromEntries(
      phenomena.map((p) => [String(p), spec.series.filter((s) => s.phenomenon === p).length]),
    ),
    files,
    series: sorted.map((s) => ({
      timeseries_id: s.id,
      station_id: s.station,
      phenomenon_id: s.phenomenon,
      file: fileOf.get(s.id)!,
    })),
    run: {
      started_at: "2024-01-01T00:00:00Z",
      finished_at: "2024-01-01T00:00:01Z",
      requests: 1,
      retries: 0,
    },
  };
  await store.put(rawManifestKey(spec.date), enc.encode(JSON.stringify(manifest, null, 2)), {
    contentType: "application/json",
  });
  return manifest;
}
