/**
 * Escaping of untrusted text (station labels, units, ids from the API or the lake) for the
 * two places it is shown: HTML/SVG (escapeHtml) and a terminal or log line (escapeControls,
 * forTerminal). Pure.
 */

// C0 and C1 control characters except tab and newline, plus the Unicode bidi overrides
// that could visually reorder a label.
// deno-lint-ignore no-control-regex
const HTML_UNSAFE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// Every control character (C0, DEL, C1), the line/paragraph separators and the bidi overrides.
// deno-lint-ignore no-control-regex -- matching control characters is the point
const TERMINAL_UNSAFE_RE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

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
  return String(text ?? "").replace(HTML_UNSAFE_RE, "\ufffd").replace(
    /[&<>"'`]/g,
    (c) => ENTITIES[c]!,
  );
}

/**
 * Control characters (C0, DEL, C1), line/paragraph separators and bidi overrides as `\uXXXX`,
 * so that a value from the API (a station label) can never move the cursor, colour or
 * split a log line.
 */
export function escapeControls(text: string): string {
  return text.replace(
    TERMINAL_UNSAFE_RE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Any value as one line, for a table cell or a one-line message of a human summary: every
 * control character, newlines and tabs included, as `\uXXXX` (escapeControls()), so a label
 * or an error body can never forge a line of its own.
 */
export function oneLine(value: unknown): string {
  return escapeControls(value === null || value === undefined ? "" : String(value));
}

/** Text for a terminal: like escapeControls() but keeping newlines and tabs. */
export function forTerminal(text: string): string {
  return text.split("\n").map((line) => line.split("\t").map(escapeControls).join("\t"))
    .join("\n");
}
