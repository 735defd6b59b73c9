/**
 * The selection a raw day was made with: the phenomena requested and `--near`. Recorded in
 * the raw `_manifest.json` (and copied into each partition's `_SUCCESS`), compared by ingest
 * before it replaces a day, reported by transform and load. Pure.
 */

/** Phenomena (sorted ids) and the `--near` box, or null for every station. */
export interface Selection {
  phenomena: number[];
  near: { lon: number; lat: number; km: number } | null;
}

/** The selection of a manifest-like record (`phenomena_requested`, `near`). */
export function selectionOf(
  m: { phenomena_requested: number[]; near: Selection["near"] },
): Selection {
  const near = m.near === null ? null : { lon: m.near.lon, lat: m.near.lat, km: m.near.km };
  return { phenomena: [...m.phenomena_requested].sort((a, b) => a - b), near };
}

/** One line for messages and logs: `phenomena 1,5,8 near every station`. */
export function describeSelection(s: Selection): string {
  const near = s.near === null ? "every station" : `${s.near.lon},${s.near.lat},${s.near.km}`;
  return `phenomena ${[...s.phenomena].sort((a, b) => a - b).join(",")} near ${near}`;
}

/** Whether two selections ask for the same series. */
export function sameSelection(a: Selection, b: Selection): boolean {
  return describeSelection(a) === describeSelection(b);
}
