/**
 * Writing one fetched raw day into the lake. Files whose bytes are unchanged are not
 * rewritten. New files the old manifest does not list are written first (the previous
 * complete day stays trusted meanwhile); when a file the old manifest lists must change,
 * that `_manifest.json` is deleted before the overwrite, so readers never trust a mix of old
 * and new files; the new manifest is written LAST. Files of the day folder that the new manifest no longer lists are then deleted.
 * When no file changed and the previous manifest says the same apart from its `run`
 * metadata, the previous manifest is kept byte-identical (later stages see no change).
 */
import { isMetadataKey, rawDayPrefix, rawManifestKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { parseManifest, type RawManifest } from "../lake/raw_manifest.ts";
import type { Near } from "../irceline/requests.ts";
import { mapPool } from "../pool.ts";
import { buildManifest, encodeManifest } from "./build_manifest.ts";
import type { Logger } from "../log/logger.ts";
import type { FetchedDay } from "./fetch_day.ts";

/** What writeDay() did. */
export interface WriteDayResult {
  written: number;
  unchanged: number;
  deleted: number;
  /** Whether a previous manifest was removed before data files changed. */
  invalidated: boolean;
  /** Whether the previous manifest was kept because nothing changed. */
  manifestKept: boolean;
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
  log?: Logger;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Keys listed by a previous manifest; undefined when it is unreadable (trust nothing). */
function trustedKeys(bytes: Uint8Array, date: string): Set<string> | undefined {
  try {
    const manifest = parseManifest(new TextDecoder().decode(bytes), rawManifestKey(date));
    return new Set(manifest.files.map((f) => `${rawDayPrefix(date)}${f.path}`));
  } catch {
    return undefined;
  }
}

/** Whether a previous manifest's bytes describe `next` apart from its run metadata. */
function sameContent(previous: Uint8Array | undefined, next: RawManifest): boolean {
  if (previous === undefined) return false;
  try {
    const old = JSON.parse(new TextDecoder().decode(previous));
    return JSON.stringify({ ...old, run: null }) === JSON.stringify({ ...next, run: null });
  } catch {
    return false;
  }
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
  const previous = await store.get(manifestKey);
  const trusted = previous === undefined ? new Set<string>() : trustedKeys(previous, date);
  // Files the old manifest does not list can be written while it stays valid; only
  // overwriting a file it lists requires deleting it first.
  const overwrite = changed.filter((f) => trusted === undefined || trusted.has(f.key));
  const fresh = changed.filter((f) => !overwrite.includes(f));
  const put = (f: (typeof changed)[number]) =>
    store.put(f.key, f.body, { contentType: "application/json" });
  await mapPool(fresh, options.concurrency, put);
  let invalidated = false;
  if (overwrite.length > 0 && previous !== undefined) {
    await store.delete(manifestKey);
    invalidated = true;
    options.log?.("manifest_invalidated", { date, changed: changed.length }, "warn");
  }
  await mapPool(overwrite, options.concurrency, put);
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
  const manifestKept = changed.length === 0 && sameContent(previous, manifest);
  if (!manifestKept) {
    await store.put(manifestKey, encodeManifest(manifest), { contentType: "application/json" });
  }
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
    manifestKept,
    manifest,
  };
}
