/**
 * Whether a day's clean partitions are up to date: both have a `_SUCCESS` whose
 * `source_manifest_sha256` is the sha256 of the current raw `_manifest.json`, that lists the
 * partition's fixed-name file (not a staged copy left by an interrupted publish) and every
 * file it lists verifies, both were written by this airq version (new code rebuilds), the raw
 * day was ingested in the run's time zone (otherwise the transform runs and refuses it),
 * and every raw file still matches the manifest (a raw file edited by hand makes the day
 * run again, and fail). A rerun skips such a day unless `--force`.
 */
import { LakeError } from "../errors.ts";
import { cleanParquetKey, rawDayPrefix, rawManifestKey } from "../lake/layout.ts";
import { parseManifest } from "../lake/raw_manifest.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { AIRQ_VERSION } from "../version.ts";
import { sha256Hex } from "../sha256_hex.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";

const TABLES = ["measurements_hourly", "aggregate_station_by_day"] as const;

/** True when both partitions of `date` were built from the current raw manifest. */
export async function partitionsUpToDate(
  store: ObjectStore,
  date: string,
  options: { timezone: string },
): Promise<boolean> {
  const manifest = await store.get(rawManifestKey(date));
  if (manifest === undefined) return false;
  const sha = await sha256Hex(manifest);
  for (const table of TABLES) {
    try {
      const p = await readPublishedPartition(store, table, date);
      if (p.marker.source_manifest_sha256 !== sha || p.marker.airq_version !== AIRQ_VERSION) {
        return false;
      }
      if (p.files.length !== 1 || p.files[0]!.key !== cleanParquetKey(table, date)) return false;
    } catch (e) {
      if (e instanceof SyntaxError || e instanceof LakeError) return false;
      throw e;
    }
  }
  try {
    const m = parseManifest(new TextDecoder().decode(manifest), rawManifestKey(date));
    if (m.timezone !== options.timezone) return false;
    for (const f of m.files) {
      const raw = await store.get(`${rawDayPrefix(date)}${f.path}`);
      if (raw === undefined || await sha256Hex(raw) !== f.sha256) return false;
    }
  } catch (e) {
    if (e instanceof SyntaxError) return false;
    throw e;
  }
  return true;
}
