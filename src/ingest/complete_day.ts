/**
 * Whether a raw day already in the lake is complete for a run: its `_manifest.json` is
 * readable, was made for the same window, time zone, `--near` and phenomenon set, and
 * every file it lists is present with its sha256. Such a day is skipped by a rerun.
 */
import type { Near } from "../irceline/requests.ts";
import { rawDayPrefix, rawManifestKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { parseManifest } from "../lake/raw_manifest.ts";
import { dayWindow } from "../time/day_window.ts";
import { sha256Hex } from "../sha256_hex.ts";

/** What the run asks of a day. */
export interface CompleteDayOptions {
  timezone: string;
  phenomena: number[];
  near: Near | null;
}

/** The reason given for a day never ingested. */
export const NO_MANIFEST = "no _manifest.json";

/** `undefined` when the day is complete; otherwise why it must be (re)ingested. */
export async function incompleteReason(
  store: ObjectStore,
  date: string,
  options: CompleteDayOptions,
): Promise<string | undefined> {
  const key = rawManifestKey(date);
  const bytes = await store.get(key);
  if (bytes === undefined) return NO_MANIFEST;
  let m;
  try {
    m = parseManifest(new TextDecoder().decode(bytes), key);
  } catch (e) {
    return (e as Error).message;
  }
  const w = dayWindow(date, options.timezone);
  if (m.date !== date || m.timezone !== w.timezone) return `ingested for "${m.timezone}"`;
  if (m.window.start_ms !== w.startMs || m.window.end_ms !== w.endMs) return "another window";
  const asked = [...options.phenomena].sort((a, b) => a - b).join(",");
  const had = [...m.phenomena_requested].sort((a, b) => a - b).join(",");
  if (asked !== had) return `ingested for phenomena ${had}`;
  const near = (n: Near | null) => n === null ? "none" : `${n.lon},${n.lat},${n.km}`;
  if (near(m.near) !== near(options.near)) return `ingested with --near ${near(m.near)}`;
  for (const f of m.files) {
    const file = await store.get(`${rawDayPrefix(date)}${f.path}`);
    if (file === undefined) return `"${f.path}" is missing`;
    if (await sha256Hex(file) !== f.sha256) return `"${f.path}" differs from _manifest.json`;
  }
  return undefined;
}
