import assert from "node:assert/strict";
import { escapeControls, escapeHtml, forTerminal, oneLine } from "../../src/text/escape.ts";

Deno.test("escapeHtml() escapes markup and both quote kinds", () => {
  assert.equal(
    escapeHtml(`<script>alert("x")</script> & 'y' \`z\``),
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;",
  );
});

Deno.test("escapeHtml() replaces control and bidi-override characters with U+FFFD", () => {
  assert.equal(
    escapeHtml("a\u0000b\u0007c\u001bd\u007fe\u0085f\u202eg\u2066h"),
    "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh",
  );
});

Deno.test("escapeHtml() keeps tabs, newlines and non-ASCII letters", () => {
  assert.equal(escapeHtml("Liège\tµg/m³\nNO₂"), "Liège\tµg/m³\nNO₂");
});

Deno.test("escapeHtml() renders null and undefined as empty text", () => {
  assert.equal(escapeHtml(null), "");
  assert.equal(escapeHtml(undefined), "");
  assert.equal(escapeHtml(12.5), "12.5");
});

/** A label that tries to forge a log line: colour codes, CR LF and a JSON object. */
const FORGED = '\u001b[31mRED\u001b[0m\r\n{"level":"error","event":"forged"}';

Deno.test("escapeControls() writes C0, DEL, C1, separators and bidi controls as \\uXXXX", () => {
  assert.equal(
    escapeControls("nul\u0000tab\tlf\ndel\u007fc1\u0085\u202eevil\u2066 \u2028line\u2029"),
    "nul\\u0000tab\\u0009lf\\u000adel\\u007fc1\\u0085\\u202eevil\\u2066 \\u2028line\\u2029",
  );
});

Deno.test("escapeControls() keeps printable non-ASCII text", () => {
  assert.equal(escapeControls("Liège µg/m³ NO₂ 🌫️"), "Liège µg/m³ NO₂ 🌫️");
});

Deno.test("forTerminal() escapes a hostile label in printed tables but keeps lines and tabs", () => {
  assert.equal(
    forTerminal(`station\tmean\n${FORGED}\t12.5\n\u202eevil\u2066 \u2028line\u2029`),
    'station\tmean\n\\u001b[31mRED\\u001b[0m\\u000d\n{"level":"error","event":"forged"}\t12.5\n' +
      "\\u202eevil\\u2066 \\u2028line\\u2029",
  );
});

Deno.test("oneLine() escapes newlines, tabs and every control character, and shows null as empty", () => {
  assert.equal(oneLine("a\nb\tc\r\u2028"), "a\\u000ab\\u0009c\\u000d\\u2028");
  assert.equal(oneLine(null), "");
  assert.equal(oneLine(12n), "12");
});
