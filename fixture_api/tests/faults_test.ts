import assert from "node:assert/strict";
import {
  decideFault,
  FAILURE_MODES,
  type FaultPlan,
  parseFailureModes,
  requestKey,
} from "../faults.ts";

const plan = (over: Partial<FaultPlan> = {}): FaultPlan => ({
  failureRate: 0.2,
  failureModes: FAILURE_MODES,
  seed: 1,
  maxFailuresPerRequest: 2,
  ...over,
});
const keys = Array.from({ length: 500 }, (_, i) => `GET timeseries/6152/getData?hour=${i} `);

Deno.test("decideFault() fails about the given fraction of first attempts", () => {
  const failed = keys.filter((k) => decideFault(plan(), k, 0) !== undefined).length;
  // 500 draws at p = 0.2: mean 100, sd 8.9; 70..130 is > 3 sd.
  assert.ok(failed >= 70 && failed <= 130, `failed ${failed} of 500`);
  const modes = new Set(keys.map((k) => decideFault(plan(), k, 0)).filter((m) => m));
  assert.deepEqual([...modes].sort(), [...FAILURE_MODES].sort());
});

Deno.test("decideFault() never fails at or beyond maxFailuresPerRequest", () => {
  const always = plan({ failureRate: 1, maxFailuresPerRequest: 3 });
  for (const key of keys.slice(0, 50)) {
    assert.notEqual(decideFault(always, key, 0), undefined);
    assert.notEqual(decideFault(always, key, 2), undefined);
    assert.equal(decideFault(always, key, 3), undefined);
    assert.equal(decideFault(always, key, 10), undefined);
  }
});

Deno.test("decideFault() is reproducible per seed and differs between seeds", () => {
  const run = (seed: number) => keys.map((k) => decideFault(plan({ seed }), k, 0) ?? "-");
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
});

Deno.test("decideFault() never fails when the rate is 0 or no mode is allowed", () => {
  assert.equal(keys.some((k) => decideFault(plan({ failureRate: 0 }), k, 0)), false);
  assert.equal(keys.some((k) => decideFault(plan({ failureModes: [] }), k, 0)), false);
  const only = keys.map((k) => decideFault(plan({ failureModes: ["503"] }), k, 0));
  assert.deepEqual([...new Set(only)].sort(), ["503", undefined].sort());
});

Deno.test("parseFailureModes() reads a list and rejects unknown modes with TypeError", () => {
  assert.deepEqual(parseFailureModes("429, drop,truncate"), ["429", "drop", "truncate"]);
  assert.throws(() => parseFailureModes("429,boom"), {
    name: "TypeError",
    message:
      'Cannot parse failure modes "429,boom": unknown mode "boom" (use 429,503,drop,slow,truncate)',
  });
});

Deno.test("requestKey() ignores query parameter order", () => {
  assert.equal(
    requestKey("GET", "stations", "?expanded=true&phenomenon=5", ""),
    requestKey("GET", "stations", "?phenomenon=5&expanded=true", ""),
  );
  assert.notEqual(
    requestKey("POST", "timeseries/getData", "", '{"a":1}'),
    requestKey("POST", "timeseries/getData", "", '{"a":2}'),
  );
});
