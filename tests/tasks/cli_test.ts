import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import { createLogger } from "../../src/log/logger.ts";
import { stderrSink } from "../../tasks/cli.ts";

function humanLines(fields: Record<string, unknown>, level: "info" | "error" = "error"): string[] {
  const lines: string[] = [];
  const log = createLogger("ingest", {
    sink: stderrSink({ json: false, write: (l) => lines.push(l) }),
    now: () => new Date(0),
  });
  log("failed", fields, level);
  return lines;
}

Deno.test("stderrSink() prints a multi-line error message as real, indented lines on a terminal", () => {
  const error = new ConfigError([
    '--date: Invalid date "2024-13-01": no such calendar day',
    "--lake: Invalid lake URI",
  ]);
  const [line] = humanLines({ error: error.name, message: error.message });
  assert.equal(
    line,
    [
      "ERROR ingest: failed error=ConfigError message=Invalid configuration:",
      '    - --date: Invalid date "2024-13-01": no such calendar day',
      "    - --lake: Invalid lake URI",
    ].join("\n"),
  );
  assert.ok(!line!.includes("\\u000a"));
});

Deno.test("stderrSink() still escapes controls inside each line of a message, and other fields", () => {
  const [line] = humanLines({ message: "a\u001b[31m\r\nb", label: "x\ny" });
  assert.equal(line, "ERROR ingest: failed message=a\\u001b[31m\\u000d\n  b label=x\\u000ay");
});

Deno.test("stderrSink() keeps a JSON line one line with the message's newline escaped", () => {
  const lines: string[] = [];
  const log = createLogger("ingest", {
    sink: stderrSink({ json: true, write: (l) => lines.push(l) }),
    now: () => new Date(0),
  });
  log("failed", { message: "a\nb" }, "error");
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0]!).message, "a\nb");
  assert.ok(!lines[0]!.includes("\n"));
});
