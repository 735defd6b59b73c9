/** foreignLine(): which stderr lines pass as they are and how the others are carried. */
import assert from "node:assert/strict";
import { foreignLine } from "../../src/launch/stderr_line.ts";

Deno.test("foreignLine() passes a task's JSON event unchanged", () => {
  assert.equal(
    foreignLine('{"ts":"2024-11-20T00:00:00Z","level":"info","event":"start"}'),
    undefined,
  );
});

Deno.test("foreignLine() wraps text, JSON that is not an object, and broken JSON", () => {
  assert.deepEqual(foreignLine("[1,2]"), { level: "warn", message: "[1,2]" });
  assert.deepEqual(foreignLine('{"cut": '), { level: "warn", message: '{"cut": ' });
  assert.deepEqual(foreignLine("    at main (file:///app/tasks/ingest.ts:3:9)"), {
    level: "warn",
    message: "    at main (file:///app/tasks/ingest.ts:3:9)",
  });
});

Deno.test("foreignLine() marks Deno's error lines as errors and drops colour codes", () => {
  assert.deepEqual(
    foreignLine("\x1b[0m\x1b[1m\x1b[31merror\x1b[0m: Uncaught (in promise) boom\r"),
    {
      level: "error",
      message: "error: Uncaught (in promise) boom",
    },
  );
});
