/**
 * Limits on what the API may send, so that the memory of a run is bounded whatever the
 * answers are (documented in docs/lake.md#limits). Pure.
 */

/** Bytes of one API answer; a larger one is refused while it is read (64 MiB). */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Characters (UTF-16 units) of a station or phenomenon label (real ones have fewer than 100). */
export const MAX_LABEL_LENGTH = 16_384;

/** Why `label` cannot be a label (not a string, or too long), or undefined. */
export function labelProblem(label: unknown): string | undefined {
  if (typeof label !== "string") return "is missing or not a string";
  if (label.length > MAX_LABEL_LENGTH) {
    return `is ${label.length} characters long, more than the ${MAX_LABEL_LENGTH} allowed`;
  }
  return undefined;
}
