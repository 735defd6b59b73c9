import assert from "node:assert/strict";

const TASK = new URL("../main.ts", import.meta.url).pathname;

function spawn(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", TASK, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

/** Read stdout up to the first newline, keeping the rest of the stream readable. */
async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text.split("\n")[0]!;
}

Deno.test("fixture_api/main.ts prints the base URL first, logs JSON lines, stops on SIGTERM", async () => {
  const child = spawn(["--port", "0", "--latency-ms", "1", "--seed", "3"]);
  const url = await firstLine(child.stdout);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/sos\/api\/v1\/$/);
  const res = await fetch(`${url}timeseries/6152/getData?timespan=PT1H/2023-11-22T01:00:00Z`);
  assert.deepEqual(await res.json(), {
    values: [{ timestamp: 1700611200000, value: 17.9 }, { timestamp: 1700614800000, value: 17.9 }],
  });
  child.kill("SIGTERM");
  const status = await child.status;
  const stderr = new TextDecoder().decode(await new Response(child.stderr).arrayBuffer());
  assert.equal(status.code, 0);
  const events = stderr.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(events.map((e) => e.event), ["listening", "request", "stopped"]);
  assert.equal(events[1].route, "/timeseries/{id}/getData");
  assert.equal(events[1].status, 200);
  assert.deepEqual(events[2].byPath, { "/timeseries/{id}/getData": 1 });
  assert.equal(events[2].signal, "SIGTERM");
});

Deno.test("fixture_api/main.ts exits 2 with one JSON error line for bad flags", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      "--allow-read",
      "--allow-env",
      TASK,
      "--failure-rate",
      "7",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 2);
  assert.equal(new TextDecoder().decode(out.stdout), "");
  const line = JSON.parse(new TextDecoder().decode(out.stderr).trim());
  assert.equal(line.event, "failed");
  assert.equal(line.error, "ConfigError");
  assert.equal(
    line.message,
    'Invalid configuration: --failure-rate (FIXTURE_FAILURE_RATE) "7" is not valid',
  );
});

Deno.test("fixture_api/main.ts --help prints usage and exits 0", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", TASK, "--help"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0);
  assert.match(new TextDecoder().decode(out.stdout), /^Usage: deno task fixture-server/);
});
