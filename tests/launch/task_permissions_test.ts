/** planLaunch(): the narrowed flags and environment of each task. */
import assert from "node:assert/strict";
import { LAUNCH_TASKS, planLaunch, TASK_ENV } from "../../src/launch/task_permissions.ts";

const OPTIONS = { cwd: "/work", root: "/app", tmpDir: "/tmp" };
const SECRETS = {
  AWS_ACCESS_KEY_ID: "AKIA1",
  AWS_SECRET_ACCESS_KEY: "s3-secret",
  SNOWFLAKE_PASSWORD: "snow-secret",
  GITHUB_TOKEN: "unrelated",
  HOME: "/home/u",
};

Deno.test("planLaunch() grants ingest the API host and its file:// lake only", () => {
  const plan = planLaunch("ingest", ["--date", "2024-11-20", "--lake", "file://./lk"], {
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
    },
  });
});

Deno.test("planLaunch() grants the default API host and ./lake when nothing is set", () => {
  const plan = planLaunch("ingest", [], {}, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-net=geo.irceline.be",
    "--allow-env",
    "--allow-read=/app,/tmp,/work/lake",
    "--allow-write=/tmp,/work/lake",
  ]);
});

Deno.test("planLaunch() grants an s3:// transform the endpoint and credentials hosts, no lake write", () => {
  const plan = planLaunch("transform", ["--lake=s3://my-lake/airq"], {
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
  const plan = planLaunch("load", ["--date", "2024-11-20"], {
    ...SECRETS,
    AIRQ_LAKE: "s3://my-lake/airq",
    AWS_ENDPOINT_URL_S3: "http://127.0.0.1:7070",
    SNOWFLAKE_ACCOUNT: "myorg-acct",
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
  assert.equal(plan.env.SNOWFLAKE_PASSWORD, "snow-secret");
  assert.equal(plan.env.GITHUB_TOKEN, undefined);
});

Deno.test("planLaunch() passes each task only the variables it reads", () => {
  for (const task of LAUNCH_TASKS) {
    const env = planLaunch(task, [], SECRETS, OPTIONS).env;
    assert.equal(env.GITHUB_TOKEN, undefined, task);
    assert.equal(env.SNOWFLAKE_PASSWORD === undefined, task !== "load", task);
    assert.equal(env.AWS_SECRET_ACCESS_KEY, "s3-secret", task);
  }
});

Deno.test("planLaunch() grants no net and no lake when the lake URI is invalid", () => {
  const plan = planLaunch("report", ["--lake", "ftp://x"], {}, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-env",
    "--allow-read=/app,/tmp",
    "--allow-write=/tmp",
    "--allow-sys=cpus",
  ]);
});

Deno.test("planLaunch() grants publish-dag the S3 endpoint and the DAG folder", () => {
  const plan = planLaunch("publish-dag", ["--dags-dir", "/app/dags"], {
    AWS_ENDPOINT_URL_S3: "https://s3.example.test",
  }, OPTIONS);
  assert.deepEqual(plan.flags, [
    "--allow-net=s3.example.test",
    "--allow-env",
    "--allow-read=/app,/tmp,/app/dags",
    "--allow-write=/tmp",
  ]);
});

Deno.test("planLaunch() refuses an unknown task and a path with a comma", () => {
  assert.throws(() => planLaunch("fetch", [], {}, OPTIONS), {
    name: "RangeError",
    message: 'Cannot launch "fetch": not one of ingest, transform, load, report, publish-dag, demo',
  });
  assert.throws(() => planLaunch("ingest", ["--lake", "file:///a,b"], {}, OPTIONS), {
    name: "RangeError",
    message: 'Cannot grant --allow-read to a path with a comma: ["/app","/tmp","/a,b"]',
  });
});

Deno.test("TASK_ENV lists every AIRQ_, AWS_ and SNOWFLAKE_ variable that src/ and tasks/ read", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const names = new Set<string>();
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(`${root}${dir}`)) {
      if (e.isDirectory && e.name !== "fixture_api") await walk(`${dir}/${e.name}`);
      if (!e.isFile || !e.name.endsWith(".ts") || e.name === "fixture_server.ts") continue;
      const text = await Deno.readTextFile(`${root}${dir}/${e.name}`);
      const re = /(?:env\.|")((?:AIRQ|AWS|SNOWFLAKE)_[A-Z0-9_]+)\b/g;
      for (const m of text.matchAll(re)) names.add(m[1]!);
    }
  };
  await walk("src");
  await walk("tasks");
  const granted = new Set(Object.values(TASK_ENV).flat());
  // Not variables: a Snowflake table, an authenticator name; launcher-only switches.
  const notRead = ["AIRQ_LOAD_STATE", "SNOWFLAKE_JWT", "AIRQ_LAUNCH_PRINT", "AIRQ_ALLOW_NET"];
  const missing = [...names].filter((n) => !granted.has(n) && !notRead.includes(n)).sort();
  assert.deepEqual(missing, []);
});

Deno.test("planLaunch() keeps V8's young generation small for a multi-day transform only", () => {
  const flag = "--v8-flags=--max-semi-space-size=4";
  const day = planLaunch("transform", ["--date", "2024-11-20"], {}, OPTIONS);
  const range = planLaunch(
    "transform",
    ["--date", "2024-01-01", "--to", "2024-12-31"],
    {},
    OPTIONS,
  );
  const lookback = planLaunch("transform", ["--lookback-days=2"], {}, OPTIONS);
  const ingest = planLaunch("ingest", ["--date", "2024-01-01", "--to", "2024-12-31"], {}, OPTIONS);
  assert.equal(day.flags.includes(flag), false);
  assert.equal(range.flags.at(-1), flag);
  assert.equal(lookback.flags.at(-1), flag);
  assert.equal(ingest.flags.includes(flag), false);
});

Deno.test("planLaunch() grants read on Deno's npm cache, where the packages' .wasm files are", () => {
  const plan = planLaunch("transform", ["--lake", "file:///lk"], {}, {
    ...OPTIONS,
    npmCache: "/deno-dir/npm",
  });
  assert.deepEqual(plan.flags.filter((f) => f.startsWith("--allow-read")), [
    "--allow-read=/app,/tmp,/deno-dir/npm,/lk",
  ]);
});
