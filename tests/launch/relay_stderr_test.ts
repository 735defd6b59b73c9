/** relayStderr(): every line of a task's stderr leaves as one JSON event. */
import assert from "node:assert/strict";
import { relayStderr } from "../../src/launch/relay_stderr.ts";

function streamOf(chunks: string[]): ReadableStream<Uint8Array<ArrayBuffer>> {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return ReadableStream.from(bytes);
}

Deno.test("relayStderr() passes JSON events and wraps other lines, across chunk boundaries", async () => {
  const seen: string[] = [];
  await relayStderr(
    streamOf(['{"event":"st', 'art"}\nerror: Uncaught Error: boom\n    at x.ts:1:7\n\n', "tail"]),
    {
      pass: (line) => seen.push(`pass ${line}`),
      wrap: ({ level, message }) => seen.push(`${level} ${message}`),
    },
  );
  assert.deepEqual(seen, [
    'pass {"event":"start"}',
    "error error: Uncaught Error: boom",
    "warn     at x.ts:1:7",
    "warn tail",
  ]);
});

Deno.test("relayStderr() keeps a multi-byte character split between chunks", async () => {
  const euro = new TextEncoder().encode("€ left\n");
  const seen: string[] = [];
  await relayStderr(ReadableStream.from([euro.slice(0, 1), euro.slice(1)]), {
    pass: (line) => seen.push(line),
    wrap: ({ message }) => seen.push(message),
  });
  assert.deepEqual(seen, ["€ left"]);
});
