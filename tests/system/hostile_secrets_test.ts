/**
 * User info in URLs (`http://user:PASSWORD@host/`) is a secret: the API URL's is used to
 * fetch but never logged, stored in the lake (the manifest) or printed; an S3 endpoint with
 * user info is refused without echoing it.
 */
import assert from "node:assert/strict";
import { SEEDED_DATE, startBadApi } from "./_bad_api.ts";
import { runTask, withTempDir } from "./_task_run.ts";

const PASSWORD = "Pw-s3cret-9f2";

async function filesUnder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) Object.assign(out, await filesUnder(p));
    else out[p] = await Deno.readTextFile(p);
  }
  return out;
}

Deno.test("the API URL's user info is used but never logged nor stored in the manifest", async () => {
  let authorization = "";
  const api = await startBadApi((req) => {
    authorization = req.authorization || authorization;
    return Promise.resolve(undefined);
  });
  try {
    await withTempDir(async (dir) => {
      const url = api.url.replace("http://", `http://reader:${PASSWORD}@`);
      const lake = `file://${dir}/lake`;
      const run = await runTask(
        "ingest",
        ["--date", SEEDED_DATE, "--lake", lake, "--api-url", url],
        {
          cwd: dir,
        },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.equal(authorization, `Basic ${btoa(`reader:${PASSWORD}`)}`);
      assert.ok(!run.stderr.includes(PASSWORD) && !run.stdout.includes(PASSWORD));
      const start = run.events.find((e) => e.event === "start")!;
      assert.equal(start.api_url, api.url.replace("http://", "http://***@"));
      const files = await filesUnder(`${dir}/lake`);
      for (const [path, text] of Object.entries(files)) {
        assert.ok(!text.includes(PASSWORD), `the password is in ${path}`);
      }
      const manifest = JSON.parse(
        files[`${dir}/lake/raw/irceline/date=${SEEDED_DATE}/_manifest.json`]!,
      );
      assert.equal(manifest.api_url, api.url.replace("http://", "http://***@"));
      for (const f of manifest.files) assert.match(f.request.url, /^http:\/\/\*\*\*@127\.0\.0\.1:/);
    });
  } finally {
    await api.close();
  }
});

Deno.test("an S3 endpoint with user info is refused without echoing the password", async () => {
  await withTempDir(async (dir) => {
    const run = await runTask("ingest", ["--date", SEEDED_DATE, "--lake", "s3://bucket/x"], {
      cwd: dir,
      env: {
        AWS_ENDPOINT_URL_S3: `http://admin:${PASSWORD}@127.0.0.1:9`,
        AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY: "secret-key-example",
      },
    });
    assert.equal(run.code, 2, run.stderr);
    assert.ok(!run.stderr.includes(PASSWORD), run.stderr);
    assert.match(run.stderr, /AWS_ENDPOINT_URL_S3 \\"http:\/\/\*\*\*@127\.0\.0\.1:9\\" is not/);
  });
});
