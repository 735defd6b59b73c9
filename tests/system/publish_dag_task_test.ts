// Real-server tier: `deno task publish-dag` as a subprocess against versitygw (strict SigV4),
// started by each test on 127.0.0.1. Install it with `bash .ci/setup/20-versitygw.sh`.
import assert from "node:assert/strict";
import { openStore } from "../../src/lake/open_store.ts";
import { startVersitygw, type Versitygw } from "../_versitygw.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const enc = (s: string) => new TextEncoder().encode(s);

interface Run {
  code: number;
  events: Record<string, unknown>[];
  stderr: string;
}

async function publishDag(args: string[], env: Record<string, string>): Promise<Run> {
  const passEnv: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) passEnv[name] = value;
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "publish-dag", ...args],
    cwd: ROOT,
    env: { ...passEnv, NO_COLOR: "1", ...env },
    clearEnv: true,
    stdin: "null",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  const events = stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  return { code: out.code, events, stderr };
}

async function withGateway(fn: (gw: Versitygw) => Promise<void>): Promise<void> {
  const gw = await startVersitygw();
  try {
    await fn(gw);
  } finally {
    await gw.close();
  }
}

async function localDags(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(`${ROOT}dags`)) {
    if (e.isFile && e.name.endsWith(".py")) names.push(e.name);
  }
  return names.sort();
}

Deno.test("publish-dag uploads dags/*.py to s3://bucket/dags/ once, then skips them", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("mwaa-bucket");
    const names = await localDags();
    assert.ok(names.includes("airq_dag.py"));

    const first = await publishDag(["--bucket", "mwaa-bucket"], gw.env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(
      first.events.filter((e) => e.event === "uploaded").map((e) => e.key),
      names.map((n) => `s3://mwaa-bucket/dags/${n}`),
    );
    const done = first.events.find((e) => e.event === "done");
    assert.deepEqual(
      { ...done, ts: undefined },
      {
        ts: undefined,
        level: "info",
        task: "publish-dag",
        event: "done",
        target: "s3://mwaa-bucket/dags/",
        uploaded: names.length,
        unchanged: 0,
        would_upload: 0,
        remote_only: 0,
      },
    );
    const store = await openStore("s3://mwaa-bucket/dags/", { env: gw.env, cwd: "/" });
    for (const name of names) {
      assert.deepEqual(await store.get(name), await Deno.readFile(`${ROOT}dags/${name}`));
    }

    const second = await publishDag(["--lake", "s3://mwaa-bucket/ana/lake"], gw.env);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(second.events.filter((e) => e.event === "uploaded"), []);
    assert.deepEqual(
      second.events.filter((e) => e.event === "unchanged").map((e) => e.key),
      names.map((n) => `s3://mwaa-bucket/dags/${n}`),
    );
  });
});

Deno.test("publish-dag replaces a changed file and warns about remote-only files", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("mwaa-bucket");
    const store = await openStore("s3://mwaa-bucket/mwaa/dags/", { env: gw.env, cwd: "/" });
    await store.put("one.py", enc("old = 1\n"));
    await store.put("retired.py", enc("gone = 1\n"));
    const dir = await Deno.makeTempDir({ prefix: "airq-dags-" });
    try {
      await Deno.writeTextFile(`${dir}/one.py`, "new = 1\n");
      await Deno.writeTextFile(`${dir}/notes.txt`, "not a dag\n");
      const run = await publishDag(
        ["--bucket", "mwaa-bucket", "--prefix", "mwaa/dags", "--dags-dir", dir],
        gw.env,
      );
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        run.events.filter((e) => e.event !== "done").map((e) => [e.event, e.key, e.level]),
        [
          ["uploaded", "s3://mwaa-bucket/mwaa/dags/one.py", "info"],
          ["remote-only", "s3://mwaa-bucket/mwaa/dags/retired.py", "warn"],
        ],
      );
      assert.deepEqual(await store.get("one.py"), enc("new = 1\n"));
      assert.deepEqual(await store.get("retired.py"), enc("gone = 1\n"));
      assert.equal(await store.get("notes.txt"), undefined);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("publish-dag fails with exit 1 and no secret in its output on a wrong key", async () => {
  await withGateway(async (gw) => {
    await gw.bucket("mwaa-bucket");
    const secret = "wrong-secret-sentinel-1234567890";
    const run = await publishDag(["--bucket", "mwaa-bucket"], {
      ...gw.env,
      AWS_SECRET_ACCESS_KEY: secret,
    });
    assert.equal(run.code, 1);
    const failed = run.events.filter((e) => e.event === "failed");
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.error, "S3Error");
    assert.match(
      String(failed[0]!.message),
      /^Cannot get "s3:\/\/mwaa-bucket\/dags\/airq_dag\.py": 403 SignatureDoesNotMatch/,
    );
    assert.equal(run.stderr.includes(secret), false);
  });
});

Deno.test("publish-dag fails with exit 1 naming a bucket that does not exist", async () => {
  await withGateway(async (gw) => {
    const run = await publishDag(["--bucket", "no-such-bucket"], gw.env);
    assert.equal(run.code, 1);
    const failed = run.events.filter((e) => e.event === "failed");
    assert.equal(failed.length, 1);
    assert.match(
      String(failed[0]!.message),
      /^Cannot get "s3:\/\/no-such-bucket\/dags\/airq_dag\.py": 404 NoSuchBucket/,
    );
  });
});

Deno.test("publish-dag exits 2 with one clear line when no bucket is configured", async () => {
  const run = await publishDag([], { AIRQ_LAKE: "file://./lake" });
  assert.equal(run.code, 2);
  assert.deepEqual(run.events.map((e) => [e.event, e.error, e.message]), [[
    "failed",
    "ConfigError",
    "Invalid configuration: no target bucket: pass --bucket B or --lake s3://bucket/prefix (or set AIRQ_DAG_BUCKET)",
  ]]);
});
