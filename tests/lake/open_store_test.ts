import assert from "node:assert/strict";
import { openStore } from "../../src/lake/open_store.ts";

Deno.test("openStore() returns a file store rooted at the resolved path for file:// URIs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-open-store-" });
  try {
    const store = await openStore("file://./lake/../lake2", { env: {}, cwd: dir });
    assert.equal(store.location, `file://${dir}/lake2`);
    await store.put("a/b.json", new Uint8Array([7]));
    assert.deepEqual(await Deno.readFile(`${dir}/lake2/a/b.json`), new Uint8Array([7]));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openStore() rejects an unknown scheme with the accepted forms", async () => {
  await assert.rejects(() => openStore("gs://bucket/x", { env: {}, cwd: "/" }), {
    name: "RangeError",
    message:
      'Invalid lake URI "gs://bucket/x": unknown scheme; use file:///abs/path, file://./rel/path or s3://bucket/prefix',
  });
});

Deno.test("openStore() returns an S3 store showing s3://bucket/prefix for s3:// URIs", async () => {
  const store = await openStore("s3://my-lake/team//airq/", {
    env: { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "SECRET" },
    cwd: "/",
  });
  assert.equal(store.location, "s3://my-lake/team/airq");
});

Deno.test("openStore() throws a ConfigError for an s3:// lake without credentials", async () => {
  await assert.rejects(() => openStore("s3://my-lake/airq", { env: {}, cwd: "/" }), {
    name: "ConfigError",
    message:
      "Invalid configuration: no AWS credentials for the s3:// lake: set AWS_ACCESS_KEY_ID " +
      "and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or run on " +
      "AWS Batch/ECS where AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set",
  });
});

Deno.test("openStore() takes a plain folder path as the file:// lake of that path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-open-store-" });
  try {
    const relative = await openStore("./lake", { env: {}, cwd: dir });
    assert.equal(relative.location, `file://${dir}/lake`);
    await relative.put("a.json", new Uint8Array([1]));
    assert.deepEqual(await Deno.readFile(`${dir}/lake/a.json`), new Uint8Array([1]));
    assert.equal((await openStore("lake", { env: {}, cwd: dir })).location, `file://${dir}/lake`);
    assert.equal(
      (await openStore(`${dir}/abs`, { env: {}, cwd: "/" })).location,
      `file://${dir}/abs`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
