/**
 * Bad S3 settings against a real S3 server (versitygw): a wrong secret key, an unknown
 * access key and a bucket that does not exist. Each task (a subprocess) exits 1 with one
 * clear error naming the S3 error code and the fix, never the secret, and the bucket's
 * objects are exactly as before (key → sha256).
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { startVersitygw, type Versitygw } from "../_versitygw.ts";
import { SEEDED_DATE, seedLake } from "./_bad_api.ts";
import { runTask, sha256, theError, withTempDir } from "./_task_run.ts";

const BUCKET = "airq-bad-input";
const LAKE = `s3://${BUCKET}/lake`;

async function objects(gw: Versitygw): Promise<Record<string, string>> {
  const store = await openStore(`s3://${BUCKET}`, { env: gw.env, cwd: "/" });
  const out: Record<string, string> = {};
  for await (const { key } of store.list("")) out[key] = await sha256((await store.get(key))!);
  return out;
}

/** Seed the bucket, run `task` with `env`, check exit 1, the bucket and no secret shown. */
async function failingS3Run(
  task: string,
  args: string[],
  env: (gw: Versitygw) => Record<string, string>,
  secret: string,
): Promise<string> {
  const gw = await startVersitygw();
  try {
    await gw.bucket(BUCKET);
    let message = "";
    await withTempDir(async (dir) => {
      await seedLake(LAKE, { cwd: dir, env: gw.env, clean: task !== "ingest" });
      const before = await objects(gw);
      assert.ok(Object.keys(before).length > 5);
      const run = await runTask(task, args, { cwd: dir, env: env(gw) });
      assert.equal(run.code, 1, run.stderr);
      assert.ok(!run.stderr.includes(secret), "the secret must not be shown");
      message = theError(run).replace(gw.endpoint, "ENDPOINT");
      assert.deepEqual(await objects(gw), before);
    });
    return message;
  } finally {
    await gw.close();
  }
}

Deno.test("ingest with a wrong AWS secret key fails with SignatureDoesNotMatch and the fix", async () => {
  const api = await startFixtureServer();
  try {
    const wrong = "wrong-secret-0123456789abcdef";
    const message = await failingS3Run(
      "ingest",
      ["--date", SEEDED_DATE, "--force", "--lake", LAKE, "--api-url", api.url, "--retries", "0"],
      (gw) => ({ ...gw.env, AWS_SECRET_ACCESS_KEY: wrong }),
      wrong,
    );
    assert.match(
      message,
      /^Cannot get "s3:\/\/airq-bad-input\/lake\/raw\/irceline\/date=2024-11-20\/[^"]+": 403 SignatureDoesNotMatch: .*: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \(and AWS_SESSION_TOKEN\) for "ENDPOINT"$/,
    );
  } finally {
    await api.close();
  }
});

Deno.test("transform with an unknown AWS access key fails naming the credentials to fix", async () => {
  const message = await failingS3Run(
    "transform",
    ["--date", SEEDED_DATE, "--force", "--lake", LAKE],
    (gw) => ({ ...gw.env, AWS_ACCESS_KEY_ID: "AKIAUNKNOWNKEY000000" }),
    "AKIAUNKNOWNKEY000000-never",
  );
  assert.match(
    message,
    /^Cannot get "s3:\/\/airq-bad-input\/lake\/raw\/irceline\/date=2024-11-20\/_manifest\.json": (403 InvalidAccessKeyId|404 XAdminUserNotFound): .*: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \(and AWS_SESSION_TOKEN\) for "ENDPOINT"$/,
  );
});

Deno.test("transform into a bucket that does not exist fails with NoSuchBucket and the fix", async () => {
  const message = await failingS3Run(
    "transform",
    ["--date", SEEDED_DATE, "--lake", "s3://airq-no-such-bucket/lake"],
    (gw) => gw.env,
    "never-a-secret",
  );
  assert.equal(
    message,
    'Cannot get "s3://airq-no-such-bucket/lake/raw/irceline/date=2024-11-20/_manifest.json": ' +
      '404 NoSuchBucket: The specified bucket does not exist: create bucket "airq-no-such-bucket" ' +
      'at "ENDPOINT" or fix the lake URI',
  );
});
