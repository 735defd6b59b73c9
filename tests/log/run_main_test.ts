/** runMain(): an error thrown outside main's promise chain is one JSON event and exit 1. */
import assert from "node:assert/strict";
import { denoChildEnv } from "../support/deno_env.ts";

const PROBE = new URL("./_crash_main.ts", import.meta.url).pathname;

async function crash(how: string): Promise<{ code: number; events: Record<string, unknown>[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", PROBE, how],
    clearEnv: true,
    env: { ...denoChildEnv(), NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  const lines = new TextDecoder().decode(out.stderr).split("\n").filter((l) => l !== "");
  return { code: out.code, events: lines.map((l) => JSON.parse(l)) };
}

Deno.test("runMain() logs an uncaught error as one crashed event and exits 1", async () => {
  const run = await crash("throw");
  assert.equal(run.code, 1);
  assert.deepEqual(run.events.map((e) => [e.event, e.level, e.error]), [
    ["start", "info", undefined],
    ["crashed", "error", "SyntaxError"],
  ]);
});

Deno.test("runMain() logs an unhandled rejection as one crashed event and exits 1", async () => {
  const run = await crash("reject");
  assert.equal(run.code, 1);
  assert.deepEqual(run.events.at(-1), {
    ...run.events.at(-1),
    event: "crashed",
    level: "error",
    error: "RangeError",
    message: "Cannot wait: nobody awaits this",
  });
  assert.equal(run.events.length, 2);
});
