/** productionConfig(): the image's deno.json and deno.lock, from the project's. */
import assert from "node:assert/strict";
import {
  type DenoLock,
  IMAGE_TASKS,
  npmPackageName,
  productionConfig,
  taskScripts,
} from "../../src/deploy/production_config.ts";

const CONFIG = {
  lock: { frozen: true },
  imports: {
    app: "npm:app@1.0.0",
    "app/": "npm:/app@1.0.0/",
    dev: "npm:dev@2.0.0",
  },
  tasks: { run: "deno run tasks/launch.ts run", test: "deno test -A tests/" },
};

const LOCK: DenoLock = {
  version: "5",
  specifiers: { "npm:app@1.0.0": "1.0.0_peer@1.0.0", "npm:dev@2.0.0": "2.0.0" },
  npm: {
    "app@1.0.0_peer@1.0.0": { integrity: "a", dependencies: ["shared", "tool@2.0.0"] },
    "peer@1.0.0": { integrity: "p" },
    "shared@3.0.0": { integrity: "s", optionalDependencies: ["opt"] },
    "opt@1.0.0": { integrity: "o" },
    "tool@1.0.0": { integrity: "t1" },
    "tool@2.0.0": { integrity: "t2", peerDependencies: ["peer"] },
    "dev@2.0.0": { integrity: "d", dependencies: ["tool@1.0.0", "shared"] },
  },
  workspace: { dependencies: ["npm:app@1.0.0", "npm:dev@2.0.0"] },
};

Deno.test("productionConfig() keeps the given tasks, their imports and what the lock reaches", () => {
  const image = productionConfig(CONFIG, LOCK, { tasks: ["run"], packages: ["app"] });
  assert.deepEqual(image.config, {
    lock: { frozen: true },
    imports: { app: "npm:app@1.0.0", "app/": "npm:/app@1.0.0/" },
    tasks: { run: "deno run tasks/launch.ts run" },
  });
  assert.deepEqual(image.lock, {
    version: "5",
    specifiers: { "npm:app@1.0.0": "1.0.0_peer@1.0.0" },
    npm: {
      "app@1.0.0_peer@1.0.0": LOCK.npm!["app@1.0.0_peer@1.0.0"],
      "peer@1.0.0": LOCK.npm!["peer@1.0.0"],
      "shared@3.0.0": LOCK.npm!["shared@3.0.0"],
      "opt@1.0.0": LOCK.npm!["opt@1.0.0"],
      "tool@2.0.0": LOCK.npm!["tool@2.0.0"],
    },
    workspace: { dependencies: ["npm:app@1.0.0"] },
  });
});

Deno.test("productionConfig() rejects an unknown task and a lock entry that is missing", () => {
  assert.throws(() => productionConfig(CONFIG, LOCK, { tasks: ["demo"], packages: [] }), {
    name: "RangeError",
    message: 'Cannot put task "demo" in the image: not in deno.json',
  });
  const npm = { ...LOCK.npm };
  delete npm["shared@3.0.0"];
  const broken = { ...LOCK, npm };
  assert.throws(() => productionConfig(CONFIG, broken, { tasks: [], packages: ["app"] }), {
    name: "SyntaxError",
    message: 'Cannot prune deno.lock: "shared" matches 0 npm entries',
  });
});

Deno.test("npmPackageName() and taskScripts() read specifiers and task commands", () => {
  assert.equal(npmPackageName("npm:/@duckdb/duckdb-wasm@1.32.0/dist/x.cjs"), "@duckdb/duckdb-wasm");
  assert.equal(npmPackageName("npm:aws4fetch@1.0.20"), "aws4fetch");
  assert.equal(npmPackageName("./local.ts"), undefined);
  assert.deepEqual(taskScripts("deno run --allow-env tasks/launch.ts ingest"), [
    "tasks/launch.ts",
  ]);
});

Deno.test("productionConfig() of this project drops the dev-only packages and keeps its tasks", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const config = JSON.parse(await Deno.readTextFile(`${root}deno.json`));
  const lock = JSON.parse(await Deno.readTextFile(`${root}deno.lock`));
  const runtime = ["aws4fetch", "@duckdb/duckdb-wasm", "apache-arrow", "parquet-wasm", "hyparquet"];
  const image = productionConfig(config, lock, {
    tasks: IMAGE_TASKS,
    packages: [...runtime, "snowflake-sdk"],
  });
  assert.deepEqual(Object.keys(image.config.tasks ?? {}), [...IMAGE_TASKS]);
  const names = Object.keys(image.lock.npm ?? {});
  assert.ok(!names.some((k) => /^(playwright-core|@cdktf\/)/.test(k)), names.join(" "));
  assert.ok(names.some((k) => k.startsWith("snowflake-sdk@")));
  assert.ok(names.length < Object.keys(lock.npm).length);
});
