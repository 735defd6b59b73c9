import assert from "node:assert/strict";
import { readDeployment } from "../../src/log/deployment.ts";
import { ConfigError } from "../../src/errors.ts";

Deno.test('readDeployment() is AIRQ_DEPLOYMENT, or "default" when unset or empty', () => {
  assert.equal(readDeployment({ AIRQ_DEPLOYMENT: "ana" }), "ana");
  assert.equal(readDeployment({ AIRQ_DEPLOYMENT: "prod.eu-west_1" }), "prod.eu-west_1");
  assert.equal(readDeployment({}), "default");
  assert.equal(readDeployment({ AIRQ_DEPLOYMENT: "" }), "default");
});

Deno.test("readDeployment() refuses a value the alarms could not select", () => {
  for (const bad of ["-ana", "a b", "x".repeat(65), "é"]) {
    assert.throws(() => readDeployment({ AIRQ_DEPLOYMENT: bad }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(
        e.message,
        'Invalid configuration: AIRQ_DEPLOYMENT: expected 1-64 letters, digits, ".", "_" or "-" ' +
          `starting with a letter or digit, got ${JSON.stringify(bad)}`,
      );
      return true;
    });
  }
});
