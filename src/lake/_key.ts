/**
 * Validation of object keys and list prefixes shared by every ObjectStore. Pure.
 * A key is relative to the lake root: "/"-separated, non-empty segments, no "." or "..",
 * no control characters, no leading "/", at most 1024 UTF-8 bytes (the S3 limit), and no
 * segment starting with ".tmp-" (reserved for the file store's temporary files).
 */

/** The name prefix of temporary files; never a valid key segment. */
export const TEMP_PREFIX = ".tmp-";

const MAX_KEY_BYTES = 1024;
// deno-lint-ignore no-control-regex
const CONTROL_RE = /[\x00-\x1f\x7f]/;

function problem(key: string, prefix: boolean): string | undefined {
  if (typeof key !== "string") return "not a string";
  if (!prefix && key === "") return "empty";
  if (CONTROL_RE.test(key)) return "control character";
  if (key.startsWith("/")) return 'absolute path (starts with "/")';
  if (key.includes("\\")) return "backslash";
  if (new TextEncoder().encode(key).byteLength > MAX_KEY_BYTES) {
    return `longer than ${MAX_KEY_BYTES} bytes`;
  }
  const segments = key.split("/");
  // A prefix may end with "/" or stop in the middle of a name: its last part is not checked.
  const whole = prefix ? segments.slice(0, -1) : segments;
  for (const s of whole) {
    if (s === "") return 'empty path segment ("//", or a trailing "/")';
    if (s === "." || s === "..") return '"." or ".." segment';
    if (s.startsWith(TEMP_PREFIX)) return `segment starts with "${TEMP_PREFIX}" (reserved)`;
  }
  return undefined;
}

/** Why `key` is not a valid object key, or undefined when it is one. */
export function keyProblem(key: string): string | undefined {
  return problem(key, false);
}

/** Throw a RangeError naming the key when it is not a valid object key; returns the key. */
export function checkKey(key: string): string {
  const why = problem(key, false);
  if (why !== undefined) throw new RangeError(`Invalid object key ${JSON.stringify(key)}: ${why}`);
  return key;
}

/** Throw a RangeError when `prefix` is not a valid list prefix ("" lists everything). */
export function checkPrefix(prefix: string): string {
  const why = problem(prefix, true);
  if (why !== undefined) {
    throw new RangeError(`Invalid list prefix ${JSON.stringify(prefix)}: ${why}`);
  }
  return prefix;
}
