import assert from "node:assert/strict";
import { escapeHtml } from "../../src/report/escape.ts";

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
