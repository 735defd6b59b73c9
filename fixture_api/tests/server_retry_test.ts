import assert from "node:assert/strict";
import { withServer } from "./_server.ts";
import { retry } from "../../src/http/retry.ts";
import { HttpError } from "../../src/errors.ts";

/** A minimal client: timeout per attempt, HttpError on non-2xx, retriable SyntaxError on cut JSON. */
async function getJson(url: string): Promise<unknown> {
  return await retry(async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(300) });
    const text = await res.text();
    if (!res.ok) {
      throw new HttpError(`Cannot fetch "${url}": status ${res.status}`, {
        status: res.status,
        url,
      });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw Object.assign(new SyntaxError(`Cannot parse "${url}"`, { cause: error }), {
        retriable: true,
      });
    }
  }, { attempts: 3, sleep: () => Promise.resolve() });
}

const PATHS = [
  "stations/1234",
  "stations?expanded=true",
  "timeseries?phenomenon=5",
  ...["6152", "100039", "7086", "10743", "7148", "7074", "11019"].map((id) =>
    `timeseries/${id}/getData?timespan=PT2H/2023-11-23TZ`
  ),
];

Deno.test("startFixtureServer() lets a retrying client complete when every mode fails twice", async () => {
  const faults: string[] = [];
  await withServer(
    {
      failureRate: 1,
      maxFailuresPerRequest: 2,
      slowMs: 10_000,
      seed: 9,
      onRequest: (event) => event.fault && faults.push(event.fault),
    },
    async (server) => {
      const answers = [];
      for (const path of PATHS) answers.push(await getJson(new URL(path, server.url).href));
      assert.equal(answers.length, 10);
      assert.deepEqual(answers[0], await (await fetch(new URL(PATHS[0]!, server.url))).json());
      assert.equal((answers[3] as { values: unknown[] }).values.length, 3);
      assert.equal(server.stats().failures, 20);
      assert.equal(server.stats().requests, 31);
    },
  );
  // slow answers are logged when they end: at the latest when close() cuts their wait
  assert.deepEqual([...new Set(faults)].sort(), ["429", "503", "drop", "slow", "truncate"]);
});
