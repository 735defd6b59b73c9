/** HTML escaping for untrusted text (station labels, units, ids from the lake). Pure. */

// C0 and C1 control characters except tab and newline, plus the Unicode bidi overrides
// that could visually reorder a label.
// deno-lint-ignore no-control-regex
const UNSAFE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/**
 * Escape text for HTML and SVG text content and for quoted attribute values. Control and
 * bidi-override characters become U+FFFD so a hostile label stays visible but inert.
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(UNSAFE_RE, "\ufffd").replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}
