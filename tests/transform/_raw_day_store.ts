/** A small raw day in a memory store, and edits of it, for the readRawDay() tests. */
import { MemoryStore } from "../_fakes.ts";
import { sha256Of, windowStamps, writeRawDay } from "../_raw_day.ts";

/** The day of the store. */
export const DATE = "2024-01-15";
/** Its raw folder. */
export const PREFIX = "raw/irceline/date=2024-01-15/";

/** Two series at one station: 6152 in the bulk file (with a unit), 7 in its own file. */
export async function rawDay(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const s = windowStamps(DATE);
  await writeRawDay(store, {
    date: DATE,
    series: [
      { id: 6152, station: 1030, phenomenon: 5, values: [[s[0]!, 1], [s[1]!, 2]] },
      { id: 7, station: 1030, phenomenon: 8, values: [[s[1]!, 3]], file: "series" },
    ],
    uom: { 5: "µg/m³" },
  });
  return store;
}

/** Change the manifest's parsed JSON in place (no other check). */
// deno-lint-ignore no-explicit-any -- a test edits arbitrary manifest fields
export function editManifest(store: MemoryStore, edit: (manifest: any) => void): void {
  const key = `${PREFIX}_manifest.json`;
  const m = JSON.parse(new TextDecoder().decode(store.objects.get(key)));
  edit(m);
  store.objects.set(key, new TextEncoder().encode(JSON.stringify(m)));
}

/** Replace a raw file and (optionally) fix its manifest entry, as a re-ingest would. */
export async function replaceRaw(
  store: MemoryStore,
  path: string,
  content: string | Uint8Array,
  fixManifest: boolean,
): Promise<void> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  store.objects.set(PREFIX + path, bytes);
  if (!fixManifest) return;
  const sha256 = await sha256Of(bytes);
  editManifest(store, (m) => {
    const f = m.files.find((x: { path: string }) => x.path === path);
    f.sha256 = sha256;
    f.bytes = bytes.byteLength;
  });
}
