/**
 * Guard against one run silently replacing another's day: a raw day whose manifest records
 * another selection (phenomena, `--near`) than the run's is refused, unless `--replace`.
 * A wider day is thereby never narrowed by default, and a narrower one never widened.
 */
import { ConfigError } from "../errors.ts";
import { rawManifestKey } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { parseManifest } from "../lake/raw_manifest.ts";
import {
  describeSelection,
  sameSelection,
  type Selection,
  selectionOf,
} from "../lake/selection.ts";

/** One date whose recorded selection differs from the run's. */
export interface SelectionConflict {
  date: string;
  recorded: Selection;
}

/** The dates whose readable manifest records another selection than `wanted`. */
export async function selectionConflicts(
  store: ObjectStore,
  dates: string[],
  wanted: Selection,
): Promise<SelectionConflict[]> {
  const conflicts: SelectionConflict[] = [];
  for (const date of dates) {
    const bytes = await store.get(rawManifestKey(date));
    if (bytes === undefined) continue;
    let recorded: Selection;
    try {
      recorded = selectionOf(parseManifest(new TextDecoder().decode(bytes), date));
    } catch {
      continue; // an unreadable manifest records nothing; ingest redoes that day anyway
    }
    if (!sameSelection(recorded, wanted)) conflicts.push({ date, recorded });
  }
  return conflicts;
}

/** A ConfigError (exit 2) naming every conflicting date, both selections and `--replace`. */
export function selectionConflictError(
  conflicts: SelectionConflict[],
  wanted: Selection,
): ConfigError {
  return new ConfigError(
    conflicts.map(({ date, recorded }) =>
      `Cannot ingest ${date} with ${describeSelection(wanted)}: the lake holds it with ` +
      `${describeSelection(recorded)}; run again with that selection, or add --replace to ` +
      `replace the day with ${describeSelection(wanted)}`
    ),
  );
}
