/** plan(): the narrowed flags and environment of each task, from its parsed config. */
import assert from "node:assert/strict";
import { declaredEnv } from "../../src/config/declaration.ts";
import { helpText } from "../../src/config/help_text.ts";
import { ConfigError } from "../../src/errors.ts";
import { readReportConfig } from "../../src/report/report_config.ts";
import { loadAllTasks, loadTask, TASKS } from "../../src/launch/registry.ts";
import { planLaunch, type PlanLaunchOptions } from "../../src/launch/task_permissions.ts";

const NOW = Temporal.Instant.from("2024-11-25T12:00:00Z");
const OPTIONS = { cwd: "/work", root: "/app", tmpDir: "/tmp", now: NOW };
const LOADED = await loadAllTasks();
const TASK_NAMES = LOADED.map((t) => t.declaration.name);

/** plan() of the task named `name`. */
function planOf(
  name: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: PlanLaunchOptions,
) {
  return planLaunch(LOADED.find((t) => t.declaration.name === name)!, args, env, options);
}

const SNOWFLAKE = { SNOWFLAKE_ACCOUNT: "myorg-acct", SNOWFLAKE_USER: "LOADER" };
/** Arguments and variables each task accepts without a configuration error. */
const VALID: Record<string, { args: string[]; env: Record<string, string> }> = {
  ingest: { args: [], env: {} },
  transform: { args: [], env: {} },
  compliance: { args: [], env: {} },
  load: { args: [], env: { ...SNOWFLAKE, SNOWFLAKE_PASSWORD: "pw" } },
  report: { args: [], env: {} },
  "publish-dag": { args: ["--bucket", "my-dags"], env: {} },
  demo: { args: [], env: {} },
  "fixture-server": { args: [], env: {} },
};
const SECRETS = {
  AWS_ACCESS_KEY_ID: "AKIA1",
  AWS_SECRET_ACCESS_KEY: "s3-secret",
  SNOWFLAKE_PASSWORD: "snow-secret",
  GITHUB_TOKEN: "unrelated",
  HOME: "/home/u",
};

Deno.test("planLaunch() grants ingest the API host and its file:// lake only", () => {
  const plan = planOf("ingest", ["--date", "2024-11-20", "--lake", "file://./lk"], {
    ...SECRETS,
    AIRQ_API_URL: "http://127.0.0.1:8080/sos/api/v1/",
  }, OPTIONS);
  assert.deepEqual(plan, {
    script: "/app/tasks/ingest.ts",
    flags: [
      "--allow-net=127.0.0.1:8080",
      "--allow-env",
      "--allow-read=/app,/tmp,/work/lk",
      "--allow-write=/tmp,/work/lk",
    ],
    env: {
      HOME: "/home/u",
      AWS_ACCESS_KEY_ID: "AKIA1",
      AWS_SECRET_ACCESS_KEY: "s3-secret",
      AIRQ_API_URL: "http://127.0.0.1:8080/sos/api/v1/",
      TMPDIR: "/tmp",
    },
  });
});

Deno.test("planLaunch() grants a lake path that crosses a symbolic link as written and resolved", () => {
  const realPath = (p: string) => (p === "/data/link" ? "/mnt/disk/lake" : undefined);
  const plan = planOf("ingest", ["--lake", "file:///data/link"], {}, { ...OPTIONS, realPath });
  assert.deepEqual(plan.flags.slice(2), [
    "--allow-read=/app,/tmp,/data/link,/mnt/disk/lake",
    "--allow-write=/tmp,/data/link,/mnt/disk/lake",
  ]);
});

Deno.test("planLaunch() grants the default API host and ./lake when nothing is set", () => {
  const plan = planOf("ingest", [], {}, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-net=geo.irceline.be",
    "--allow-env",
    "--allow-read=/app,/tmp,/work/lake",
    "--allow-write=/tmp,/work/lake",
  ]);
});

Deno.test("planLaunch() grants an s3:// transform the endpoint and credentials hosts, no lake write", () => {
  const plan = planOf("transform", ["--lake=s3://my-lake/airq"], {
    AWS_REGION: "eu-west-1",
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/x",
  }, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-net=s3.eu-west-1.amazonaws.com,169.254.170.2",
    "--allow-env",
    "--allow-read=/app,/tmp",
    "--allow-write=/tmp",
    "--allow-sys=cpus",
  ]);
});

Deno.test("planLaunch() grants load the Snowflake host, its key file and the driver's cache", () => {
  const { SNOWFLAKE_PASSWORD: _password, ...secrets } = SECRETS;
  const plan = planOf("load", ["--date", "2024-11-20"], {
    ...secrets,
    ...SNOWFLAKE,
    AIRQ_LAKE: "s3://my-lake/airq",
    AWS_ENDPOINT_URL_S3: "http://127.0.0.1:7070",
    SNOWFLAKE_PRIVATE_KEY_PATH: "/run/secrets/key.p8",
    AIRQ_ALLOW_NET: "ocsp.snowflakecomputing.com",
  }, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-net=ocsp.snowflakecomputing.com,127.0.0.1:7070,myorg-acct.snowflakecomputing.com",
    "--allow-env",
    "--allow-read=/app,/tmp,/run/secrets/key.p8,/home/u/.cache/snowflake",
    "--allow-write=/tmp,/home/u/.cache/snowflake",
    "--allow-sys",
    "--allow-ffi",
  ]);
  assert.equal(plan.env.SNOWFLAKE_PRIVATE_KEY_PATH, "/run/secrets/key.p8");
  assert.equal(plan.env.GITHUB_TOKEN, undefined);
});

Deno.test("planLaunch() grants load the SNOWFLAKE_HOST:SNOWFLAKE_PORT it parsed", () => {
  const plan = planOf("load", [], {
    ...SECRETS,
    ...SNOWFLAKE,
    SNOWFLAKE_HOST: "127.0.0.1",
    SNOWFLAKE_PORT: "8099",
    SNOWFLAKE_PROTOCOL: "http",
  }, OPTIONS);
  assert.equal(plan.flags[0], "--allow-net=127.0.0.1:8099");
});

Deno.test("planLaunch() passes each task only the variables it reads", () => {
  for (const task of TASK_NAMES) {
    const { args, env: valid } = VALID[task]!;
    const env = planOf(task, args, { ...SECRETS, ...valid }, OPTIONS).env;
    assert.equal(env.GITHUB_TOKEN, undefined, task);
    assert.equal(env.SNOWFLAKE_PASSWORD === undefined, task !== "load", task);
    assert.equal(env.AWS_SECRET_ACCESS_KEY === undefined, task === "fixture-server", task);
  }
});

Deno.test("planLaunch() throws the task's own ConfigError for a bad configuration", () => {
  const args = ["--lake", "ftp://x"];
  let own: unknown;
  try {
    readReportConfig(args, {}, { now: NOW, cwd: OPTIONS.cwd });
  } catch (e) {
    own = e;
  }
  assert.ok(own instanceof ConfigError);
  assert.throws(() => planOf("report", args, {}, OPTIONS), {
    name: "ConfigError",
    message: own.message,
  });
  assert.throws(() => planOf("ingest", ["--concurrency", "0"], {}, OPTIONS), {
    name: "ConfigError",
    message: 'Invalid configuration: --concurrency: "0" must be an integer from 1 to 64',
  });
  assert.throws(() => planOf("load", [], {}, OPTIONS), {
    name: "ConfigError",
    message: /SNOWFLAKE_ACCOUNT must be set/,
  });
});

Deno.test("planLaunch() answers --help with the declared help and no net or write", () => {
  for (const { declaration } of LOADED) {
    const planned = planOf(declaration.name, ["--help"], SECRETS, OPTIONS);
    assert.equal(planned.help, helpText(declaration));
    assert.deepEqual(planned.flags, [
      "--allow-env",
      "--allow-read=/app,/tmp",
      "--allow-write=/tmp",
    ], declaration.name);
  }
  assert.equal(planOf("ingest", [], {}, OPTIONS).help, undefined);
});

Deno.test("loadTask() refuses a task whose script is not installed", async () => {
  const installed = (script: string) => !["tasks/demo.ts", "fixture_api/main.ts"].includes(script);
  assert.equal((await loadTask("ingest", { installed })).declaration.script, "tasks/ingest.ts");
  await assert.rejects(() => loadTask("demo", { installed }), {
    name: "ConfigError",
    message:
      'Invalid configuration: Cannot launch "demo": tasks/demo.ts is not part of this installation ' +
      "(the production image ships only the pipeline tasks; run it from a source checkout)",
  });
});

Deno.test("planLaunch() grants the demo 127.0.0.1, its lake and the working folder", () => {
  assert.deepEqual(planOf("demo", ["--lake", "file:///data/demo"], {}, OPTIONS).flags, [
    "--allow-net=127.0.0.1",
    "--allow-env",
    "--allow-read=/app,/tmp,/data/demo,/work",
    "--allow-write=/tmp,/data/demo",
    "--allow-sys=cpus",
  ]);
});

Deno.test("planLaunch() grants the fixture server 127.0.0.1 and its FIXTURE_ variables only", () => {
  const plan = planOf("fixture-server", ["--port", "8080"], {
    ...SECRETS,
    FIXTURE_SEED: "7",
  }, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-net=127.0.0.1",
    "--allow-env",
    "--allow-read=/app,/tmp",
    "--allow-write=/tmp",
  ]);
  assert.deepEqual(plan.env, { HOME: "/home/u", FIXTURE_SEED: "7", TMPDIR: "/tmp" });
});

Deno.test("planLaunch() grants publish-dag the S3 endpoint and the DAG folder", () => {
  const plan = planOf("publish-dag", ["--dags-dir", "/app/dags"], {
    AWS_ENDPOINT_URL_S3: "https://s3.example.test",
    AIRQ_DAG_BUCKET: "my-dags",
  }, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-net=s3.example.test",
    "--allow-env",
    "--allow-read=/app,/tmp,/app/dags",
    "--allow-write=/tmp",
  ]);
});

Deno.test("loadTask() refuses an unknown task", async () => {
  await assert.rejects(() => loadTask("fetch"), {
    name: "ConfigError",
    message:
      'Invalid configuration: Cannot launch "fetch": not one of ingest, transform, compliance, load, report, publish-dag, demo, fixture-server',
  });
});

Deno.test("planLaunch() refuses a path with a comma", () => {
  assert.throws(() => planOf("ingest", ["--lake", "file:///a,b"], {}, OPTIONS), {
    name: "ConfigError",
    message:
      'Invalid configuration: Cannot grant --allow-read to a path with a comma: ["/app","/tmp","/a,b"]',
  });
});

Deno.test("planLaunch() refuses an AIRQ_ALLOW_NET entry Deno could not grant", () => {
  const env = { AIRQ_ALLOW_NET: "ocsp.example.com, a..b,h:99999,[::1]:443" };
  assert.throws(() => planOf("ingest", [], env, OPTIONS), {
    name: "ConfigError",
    message: "Invalid configuration:\n" +
      "  - AIRQ_ALLOW_NET entry \"a..b\" is not a valid host name (letters, digits, '-', '_' " +
      "and single dots): use host[:port],…\n" +
      '  - AIRQ_ALLOW_NET entry "h:99999" has a port that is not an integer from 0 to 65535: ' +
      "use host[:port],…",
  });
});

Deno.test("the declarations list every AIRQ_, AWS_ and SNOWFLAKE_ variable that src/ and tasks/ read", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const names = new Set<string>();
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(`${root}${dir}`)) {
      if (e.isDirectory) await walk(`${dir}/${e.name}`);
      if (!e.isFile || !e.name.endsWith(".ts")) continue;
      const text = await Deno.readTextFile(`${root}${dir}/${e.name}`);
      const re = /(?:env\.|")((?:AIRQ|AWS|SNOWFLAKE)_[A-Z0-9_]+)\b/g;
      for (const m of text.matchAll(re)) names.add(m[1]!);
    }
  };
  await walk("src");
  await walk("tasks");
  const granted = new Set(LOADED.flatMap((t) => declaredEnv(t.declaration)));
  // Not variables: a Snowflake table, an authenticator name; launcher-only switches.
  const notRead = ["AIRQ_LOAD_STATE", "SNOWFLAKE_JWT", "AIRQ_LAUNCH_PRINT", "AIRQ_ALLOW_NET"];
  const missing = [...names].filter((n) => !granted.has(n) && !notRead.includes(n)).sort();
  assert.deepEqual(missing, []);
});

Deno.test("planLaunch() caps V8's heaps for a multi-day transform only", () => {
  const flag = "--v8-flags=--max-semi-space-size=4,--max-old-space-size=512";
  const day = planOf("transform", ["--date", "2024-11-20"], {}, OPTIONS);
  const range = planOf(
    "transform",
    ["--date", "2024-01-01", "--to", "2024-12-31"],
    {},
    OPTIONS,
  );
  const lookback = planOf("transform", ["--lookback-days=2"], {}, OPTIONS);
  const ingest = planOf("ingest", ["--date", "2024-01-01", "--to", "2024-10-31"], {}, OPTIONS);
  // An array job's child runs one day of the range.
  const child = planOf("transform", ["--date", "2024-01-01", "--to", "2024-12-31"], {
    AWS_BATCH_JOB_ARRAY_INDEX: "3",
  }, OPTIONS);
  assert.equal(day.flags.includes(flag), false);
  assert.equal(child.flags.includes(flag), false);
  assert.equal(range.flags.at(-1), flag);
  assert.equal(lookback.flags.at(-1), flag);
  assert.equal(ingest.flags.includes(flag), false);
});

Deno.test("the registry's names and scripts are those of the loaded declarations", () => {
  assert.deepEqual(
    TASKS.map((t) => [t.name, t.script]),
    LOADED.map((t) => [t.declaration.name, t.declaration.script]),
  );
});

Deno.test("planLaunch() reports a bad flag of every task with the task's own message", () => {
  for (const task of TASK_NAMES) {
    const { args, env } = VALID[task]!;
    assert.throws(() => planOf(task, [...args, "--no-such-flag"], env, OPTIONS), {
      name: "ConfigError",
      message: "Invalid configuration: Unknown option '--no-such-flag'; see --help",
    }, task);
  }
});

Deno.test("planLaunch() grants every lake task the --lake it parsed, and AIRQ_LAKE when no flag", () => {
  for (const task of ["ingest", "transform", "compliance", "load", "report", "demo"]) {
    const { args, env } = VALID[task]!;
    const flagged = planOf(task, [...args, "--lake", "file:///data/l1"], env, OPTIONS).flags;
    assert.ok(flagged.some((f) => f.startsWith("--allow-write=") && f.endsWith(",/data/l1")), task);
    const fromEnv = planOf(task, args, { ...env, AIRQ_LAKE: "file://./l2" }, OPTIONS).flags;
    assert.ok(fromEnv.some((f) => f.startsWith("--allow-read=") && f.includes("/work/l2")), task);
    const s3 = planOf(task, [...args, "--lake", "s3://my-lake/p"], env, OPTIONS).flags;
    assert.ok(s3.some((f) => f.startsWith("--allow-net=") && f.includes("amazonaws.com")), task);
    assert.ok(!s3.some((f) => f.includes("/data/l1")), task);
  }
});

Deno.test("planLaunch() grants ingest the --api-url host it parsed, flag over AIRQ_API_URL", () => {
  const plan = planOf("ingest", ["--api-url", "https://api.example.test:8443/sos/api/v1"], {
    AIRQ_API_URL: "https://ignored.example.test/",
  }, OPTIONS);
  assert.equal(plan.flags[0], "--allow-net=api.example.test:8443");
});

Deno.test("planLaunch() grants read on Deno's npm cache, where the packages' .wasm files are", () => {
  const plan = planOf("transform", ["--lake", "file:///lk"], {}, {
    ...OPTIONS,
    npmCache: "/deno-dir/npm",
  });
  assert.deepEqual(plan.flags.filter((f) => f.startsWith("--allow-read")), [
    "--allow-read=/app,/tmp,/deno-dir/npm,/lk",
  ]);
});
