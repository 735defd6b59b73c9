/**
 * The `_manifest.json` of a raw day: the contract between ingest and the later stages.
 * Written last; a raw day without it is incomplete. Pure types + validation.
 */

/** One raw file of the day, as written. `path` is relative to the day folder. */
export interface ManifestFile {
  path: string;
  kind: "stations" | "timeseries_list" | "values_bulk" | "values_series";
  request: { method: "GET" | "POST"; url: string; body?: string };
  status: number;
  sha256: string;
  bytes: number;
  /** For values files: the timeseries ids the response covers. */
  timeseries_ids?: number[];
}

/** One series selected for the day (from stations discovery). */
export interface ManifestSeries {
  timeseries_id: number;
  station_id: number;
  phenomenon_id: number;
  /** Path (relative to the day folder) of the values file that holds it. */
  file: string;
}

/** The whole manifest. */
export interface RawManifest {
  manifest_version: 1;
  airq_version: string;
  source: "irceline";
  api_url: string;
  date: string;
  timezone: string;
  window: {
    start: string;
    end: string;
    start_ms: number;
    end_ms: number;
    hours: number;
    timespan: string;
  };
  near: { lon: number; lat: number; km: number } | null;
  phenomena_requested: number[];
  /** Phenomenon id (as string) → number of series found; requested ids with none are 0. */
  phenomena_found: Record<string, number>;
  files: ManifestFile[];
  series: ManifestSeries[];
  /** Run metadata (differs between runs; the manifest is a `_` file). */
  run: { started_at: string; finished_at: string; requests: number; retries: number };
}

/** Parse and validate a manifest's bytes; SyntaxError names the first bad field. */
export function parseManifest(text: string, where: string): RawManifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`Cannot read manifest "${where}": not JSON: ${(e as Error).message}`);
  }
  const fail = (field: string): never => {
    throw new SyntaxError(
      `Cannot read manifest "${where}": field "${field}" is missing or has the wrong type`,
    );
  };
  if (typeof m !== "object" || m === null) fail("$");
  const o = m as Record<string, unknown>;
  if (o.manifest_version !== 1) fail("manifest_version");
  for (const k of ["date", "timezone", "api_url", "airq_version"]) {
    if (typeof o[k] !== "string") fail(k);
  }
  const w = o.window as Record<string, unknown> | undefined;
  if (typeof w !== "object" || w === null) fail("window");
  for (const k of ["start_ms", "end_ms", "hours"]) {
    if (typeof w![k] !== "number") fail(`window.${k}`);
  }
  if (!Array.isArray(o.files)) fail("files");
  (o.files as unknown[]).forEach((f, i) => {
    const r = f as Record<string, unknown>;
    if (typeof r?.path !== "string") fail(`files[${i}].path`);
    if (typeof r.sha256 !== "string") fail(`files[${i}].sha256`);
    if (typeof r.bytes !== "number") fail(`files[${i}].bytes`);
    if (typeof r.kind !== "string") fail(`files[${i}].kind`);
  });
  if (!Array.isArray(o.series)) fail("series");
  if (!Array.isArray(o.phenomena_requested)) fail("phenomena_requested");
  return m as RawManifest;
}
