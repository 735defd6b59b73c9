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
