/**
 * Building of a raw day's `_manifest.json`. Pure and deterministic: fixed key order,
 * files sorted by path, series sorted by id; only `run` differs between runs.
 */
import type { Near } from "../irceline/requests.ts";
import type { ManifestFile, ManifestSeries, RawManifest } from "../lake/raw_manifest.ts";
import type { DayWindow } from "../time/day_window.ts";
import { redactUserInfo } from "../errors.ts";
import { AIRQ_VERSION } from "../version.ts";

/** Everything a manifest is built from. */
export interface ManifestInput {
  apiUrl: string;
  window: DayWindow;
  timespan: string;
  near: Near | null;
  phenomena: number[];
  found: Record<string, number>;
  files: ManifestFile[];
  series: ManifestSeries[];
  run: RawManifest["run"];
}

function fileEntry(f: ManifestFile): ManifestFile {
  const request: ManifestFile["request"] = {
    method: f.request.method,
    url: redactUserInfo(f.request.url),
  };
  if (f.request.body !== undefined) request.body = f.request.body;
  const out: ManifestFile = {
    path: f.path,
    kind: f.kind,
    request,
    status: f.status,
    sha256: f.sha256,
    bytes: f.bytes,
  };
  if (f.timeseries_ids !== undefined) {
    out.timeseries_ids = [...f.timeseries_ids].sort((a, b) => a - b);
  }
  return out;
}

/** Build the manifest of one day with a deterministic key order. */
export function buildManifest(input: ManifestInput): RawManifest {
  const w = input.window;
  const found: Record<string, number> = {};
  for (const id of Object.keys(input.found).sort((a, b) => Number(a) - Number(b))) {
    found[id] = input.found[id]!;
  }
  return {
    manifest_version: 1,
    airq_version: AIRQ_VERSION,
    source: "irceline",
    api_url: redactUserInfo(input.apiUrl),
    date: w.date,
    timezone: w.timezone,
    window: {
      start: w.startIso,
      end: w.endIso,
      start_ms: w.startMs,
      end_ms: w.endMs,
      hours: w.hours,
      timespan: input.timespan,
    },
    near: input.near === null
      ? null
      : { lon: input.near.lon, lat: input.near.lat, km: input.near.km },
    phenomena_requested: [...input.phenomena].sort((a, b) => a - b),
    phenomena_found: found,
    files: [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map(fileEntry),
    series: [...input.series].sort((a, b) => a.timeseries_id - b.timeseries_id).map((s) => ({
      timeseries_id: s.timeseries_id,
      station_id: s.station_id,
      phenomenon_id: s.phenomenon_id,
      file: s.file,
    })),
    run: {
      started_at: input.run.started_at,
      finished_at: input.run.finished_at,
      requests: input.run.requests,
      retries: input.run.retries,
    },
  };
}

/** The manifest's bytes: 2-space JSON and a final newline. */
export function encodeManifest(manifest: RawManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}
