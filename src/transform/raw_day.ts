/**
 * Read one raw day for the transform: the manifest first (a day without it is refused),
 * then every file it lists, each checked against its sha256, then parsed into series
 * metadata and values. Reads only through the ObjectStore interface.
 */
import { taskCommand } from "../config/task_command.ts";
import { LakeError } from "../errors.ts";
import { MAX_ANSWER_BYTES } from "../irceline/limits.ts";
import { mapPool } from "../pool.ts";
import { sha256Hex } from "../sha256_hex.ts";
import { rawDayPrefix, rawManifestKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { parseManifest, type RawManifest } from "../lake/raw_manifest.ts";
import { type DayWindow, dayWindow, isoWithOffset } from "../time/day_window.ts";
import {
  parseStations,
  parseTimeseriesList,
  parseValues,
  type StationSeries,
} from "./parse_raw.ts";
import type { RawValue } from "./raw_value.ts";

/** One selected series with everything the clean tables say about it. */
export interface SeriesMeta extends StationSeries {
  timeseries_id: number;
  uom: string | null;
}

/** A raw day, verified and parsed. */
export interface RawDay {
  date: string;
  window: DayWindow;
  manifest: RawManifest;
  manifestSha256: string;
  /** Sorted by station, phenomenon, series id. */
  series: SeriesMeta[];
  /** Series id → values as sent (window [start, end], both inclusive, as ingested). */
  values: Map<number, RawValue[]>;
  /** Bytes read, manifest included. */
  bytesRead: number;
  /** Claims of stations.json ignored by the first-claim rule (series_owners.ts). */
  conflicts: string[];
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function text(bytes: Uint8Array, key: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new SyntaxError(`Cannot read raw file "${key}": not UTF-8`);
  }
}

/** Raw files read at once (a day has ~17, or hundreds after per-series fallbacks). */
const READ_CONCURRENCY = 8;

/** Read, verify and parse the raw day `date`; LakeError when incomplete or tampered. */
export async function readRawDay(
  store: ObjectStore,
  date: string,
  options: { timezone: string },
): Promise<RawDay> {
  const window = dayWindow(date, options.timezone);
  const prefix = rawDayPrefix(date);
  const manifestKey = rawManifestKey(date);
  const manifestBytes = await store.get(manifestKey);
  const ingest = taskCommand("ingest", { date, lake: store.location, timezone: options.timezone });
  if (manifestBytes === undefined) {
    throw new LakeError(
      `Cannot transform ${date}: "${prefix}" in ${store.location} has no _manifest.json ` +
        `(never ingested, or the ingest did not finish): run "${ingest}" first`,
    );
  }
  let manifest: RawManifest;
  try {
    manifest = parseManifest(text(manifestBytes, manifestKey), manifestKey);
  } catch (e) {
    throw new LakeError(
      `Cannot transform ${date}: ${(e as Error).message}: re-ingest ${date} ("${ingest}" ` +
        "replaces an unreadable manifest)",
      { cause: e },
    );
  }
  checkManifestWindow(manifest, window, manifestKey);
  const huge = manifest.files.find((f) => f.bytes > MAX_ANSWER_BYTES);
  if (huge !== undefined) {
    throw new LakeError(
      `Cannot transform ${date}: raw file "${prefix}${huge.path}" has ${huge.bytes} bytes, ` +
        `more than the ${MAX_ANSWER_BYTES} of one API answer: re-ingest ${date}`,
    );
  }
  let bytesRead = manifestBytes.byteLength;

  // Read and hash the files a few at a time (the store's latency overlaps), then check
  // them in manifest order, so the first bad file is the one reported.
  const loaded = await mapPool(manifest.files, READ_CONCURRENCY, async (file) => {
    const bytes = await store.get(`${prefix}${file.path}`);
    return { bytes, sha: bytes === undefined ? "" : await sha256Hex(bytes) };
  });
  const contents = new Map<string, string>();
  for (const [i, file] of manifest.files.entries()) {
    const key = `${prefix}${file.path}`;
    const { bytes, sha } = loaded[i]!;
    if (bytes === undefined) {
      throw new LakeError(
        `Cannot transform ${date}: raw file "${key}" is listed in _manifest.json but missing: ` +
          `re-ingest ${date}`,
      );
    }
    if (sha !== file.sha256 || bytes.byteLength !== file.bytes) {
      throw new LakeError(
        `Cannot transform ${date}: raw file "${key}" has sha256 "${sha}" (${bytes.byteLength} ` +
          `bytes) but _manifest.json says "${file.sha256}" (${file.bytes} bytes); it was edited ` +
          `after ingest: re-ingest ${date}`,
      );
    }
    bytesRead += bytes.byteLength;
    contents.set(file.path, text(bytes, key));
  }

  const stations = new Map<number, StationSeries>();
  const units = new Map<number, string | null>();
  const conflicts: string[] = [];
  for (const file of manifest.files) {
    const key = `${prefix}${file.path}`;
    if (file.kind === "stations") {
      const parsed = parseStations(contents.get(file.path)!, key);
      for (const [id, s] of parsed.series) stations.set(id, s);
      conflicts.push(...parsed.conflicts);
    } else if (file.kind === "timeseries_list") {
      for (const [id, u] of parseTimeseriesList(contents.get(file.path)!, key)) units.set(id, u);
    }
  }

  const parsed = new Map<string, Map<number, RawValue[]>>();
  const series: SeriesMeta[] = [];
  const values = new Map<number, RawValue[]>();
  for (const s of manifest.series) {
    const id = s.timeseries_id;
    const meta = stations.get(id);
    if (meta === undefined) {
      throw new LakeError(
        `Cannot transform ${date}: series ${id} of _manifest.json is not in stations.json: ` +
          `re-ingest ${date}`,
      );
    }
    if (meta.station_id !== s.station_id || meta.phenomenon_id !== s.phenomenon_id) {
      throw new LakeError(
        `Cannot transform ${date}: series ${id} belongs to station ${meta.station_id} ` +
          `(phenomenon ${meta.phenomenon_id}) in stations.json but to station ` +
          `${s.station_id} (phenomenon ${s.phenomenon_id}) in _manifest.json: re-ingest ${date}`,
      );
    }
    const file = manifest.files.find((f) => f.path === s.file);
    if (file === undefined || (file.kind !== "values_bulk" && file.kind !== "values_series")) {
      throw new SyntaxError(
        `Cannot read manifest "${manifestKey}": series ${id} points to "${s.file}", ` +
          `which is not a values file of the manifest`,
      );
    }
    let fileValues = parsed.get(s.file);
    if (fileValues === undefined) {
      const key = `${prefix}${s.file}`;
      const seriesId = file.kind === "values_series" ? id : undefined;
      fileValues = parseValues(contents.get(s.file)!, key, seriesId);
      parsed.set(s.file, fileValues);
    }
    const list = fileValues.get(id);
    if (list === undefined) {
      throw new SyntaxError(
        `Cannot read raw file "${prefix}${s.file}": field "$["${id}"]" is missing`,
      );
    }
    series.push({
      ...meta,
      timeseries_id: id,
      uom: units.get(id) ?? null,
    });
    values.set(id, list);
  }
  series.sort((a, b) =>
    a.station_id - b.station_id || a.phenomenon_id - b.phenomenon_id ||
    a.timeseries_id - b.timeseries_id
  );
  return {
    date,
    window,
    manifest,
    manifestSha256: await sha256Hex(manifestBytes),
    series,
    values,
    bytesRead,
    conflicts,
  };
}

/** `ms` as a local ISO time in `timezone`, or in UTC when a manifest names no known zone. */
function localTime(ms: number, timezone: string): string {
  try {
    return isoWithOffset(ms, timezone);
  } catch {
    return new Date(ms).toISOString();
  }
}

function checkManifestWindow(m: RawManifest, w: DayWindow, key: string): void {
  if (m.date !== w.date) {
    throw new LakeError(`Cannot transform ${w.date}: "${key}" is for date "${m.date}"`);
  }
  if (m.timezone !== w.timezone || m.window.start_ms !== w.startMs || m.window.end_ms !== w.endMs) {
    throw new LakeError(
      `Cannot transform ${w.date} in time zone "${w.timezone}": the raw day was ingested for ` +
        `"${m.timezone}" (window ${localTime(m.window.start_ms, m.timezone)}..` +
        `${localTime(m.window.end_ms, m.timezone)}): use ` +
        `--timezone ${m.timezone} or re-ingest with --timezone ${w.timezone}`,
    );
  }
}
