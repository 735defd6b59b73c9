/**
 * Writing one fetched raw day into the lake. Files whose bytes are unchanged are not
 * rewritten. When a previously complete day must change, its `_manifest.json` is deleted
 * FIRST, so readers never trust a mix of old and new files; the new manifest is written
 * LAST. Files of the day folder that the new manifest no longer lists are then deleted.
 */
import { isMetadataKey, rawDayPrefix, rawManifestKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import type { RawManifest } from "../lake/raw_manifest.ts";
import type { Near } from "../irceline/requests.ts";
import { mapPool } from "./_pool.ts";
import { buildManifest, encodeManifest } from "./build_manifest.ts";
import type { EventSink, FetchedDay } from "./fetch_day.ts";

/** What writeDay() did. */
export interface WriteDayResult {
  written: number;
  unchanged: number;
  deleted: number;
  /** Whether a previous manifest was removed before data files changed. */
  invalidated: boolean;
  manifest: RawManifest;
}

/** Options of writeDay(). */
export interface WriteDayOptions {
  apiUrl: string;
  near: Near | null;
  phenomena: number[];
  concurrency: number;
  /** Run metadata for the manifest (start/end time, requests, retries). */
  run: () => RawManifest["run"];
  onEvent?: EventSink;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Write a complete fetched day (no errors, no missing series) and its manifest. */
export async function writeDay(
  store: ObjectStore,
  day: FetchedDay,
  options: WriteDayOptions,
): Promise<WriteDayResult> {
  if (day.errors.length > 0 || day.missing.length > 0) {
    throw new TypeError(`Cannot write ${day.window.date}: the day is incomplete`);
  }
  const date = day.window.date;
  const manifestKey = rawManifestKey(date);
  const current = await mapPool(
    day.files,
    options.concurrency,
    async (f) => sameBytes(await store.get(f.key), f.body),
  );
  const changed = day.files.filter((_, i) => !current[i]);
  let invalidated = false;
  if (changed.length > 0 && (await store.get(manifestKey)) !== undefined) {
    await store.delete(manifestKey);
    invalidated = true;
    options.onEvent?.("manifest_invalidated", { date, changed: changed.length }, "warn");
  }
  await mapPool(
    changed,
    options.concurrency,
    (f) => store.put(f.key, f.body, { contentType: "application/json" }),
  );
  const manifest = buildManifest({
    apiUrl: options.apiUrl,
    window: day.window,
    timespan: day.timespan,
    near: options.near,
    phenomena: options.phenomena,
    found: day.selection.found,
    files: day.files.map(({ key: _key, body: _body, ...entry }) => entry),
    series: day.series,
    run: options.run(),
  });
  await store.put(manifestKey, encodeManifest(manifest), { contentType: "application/json" });
  const keep = new Set(day.files.map((f) => f.key));
  const stale: string[] = [];
  for await (const { key } of store.list(rawDayPrefix(date))) {
    if (!keep.has(key) && !isMetadataKey(key)) stale.push(key);
  }
  for (const key of stale) await store.delete(key);
  return {
    written: changed.length,
    unchanged: day.files.length - changed.length,
    deleted: stale.length,
    invalidated,
    manifest,
  };
}
