import assert from "node:assert/strict";
import { readServerConfig } from "../server_config.ts";
import { ConfigError } from "../../src/errors.ts";

Deno.test("readServerConfig() defaults to fixtures, no latency, no failures", () => {
  assert.deepEqual(readServerConfig([], {}), {
    help: false,
    port: 0,
    latencyMs: 0,
    failureRate: 0,
    failureModes: ["429", "503", "drop", "slow", "truncate"],
    maxFailuresPerRequest: 2,
    slowMs: 60_000,
    stations: "fixtures",
    seed: 1,
  });
});

Deno.test("readServerConfig() reads flags over env", () => {
  const config = readServerConfig(
    ["--port", "8123", "--failure-rate", "0.2", "--failure-modes", "429,drop", "--stations", "125"],
    { FIXTURE_PORT: "9000", FIXTURE_LATENCY_MS: "300", FIXTURE_SEED: "7" },
  );
  assert.equal(config.port, 8123);
  assert.equal(config.latencyMs, 300);
  assert.equal(config.failureRate, 0.2);
  assert.deepEqual(config.failureModes, ["429", "drop"]);
  assert.equal(config.stations, 125);
  assert.equal(config.seed, 7);
  assert.equal(readServerConfig(["--help"], {}).help, true);
});

Deno.test("readServerConfig() throws one ConfigError listing every bad value", () => {
  assert.throws(
    () =>
      readServerConfig(["--failure-rate", "2", "--stations", "many"], {
        FIXTURE_FAILURE_MODES: "429,boom",
      }),
    (error) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [
        '--stations (FIXTURE_STATIONS) "many" must be "fixtures" or 1..5000',
        'Cannot parse failure modes "429,boom": unknown mode "boom" (use 429,503,drop,slow,truncate)',
        '--failure-rate (FIXTURE_FAILURE_RATE) "2" is not valid',
      ]);
      return true;
    },
  );
  assert.throws(() => readServerConfig(["--bogus"], {}), ConfigError);
});
