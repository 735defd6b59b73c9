import assert from "node:assert/strict";
import { createFileStore } from "../../src/lake/file_store.ts";
import { LakeError } from "../../src/errors.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (
  b: Uint8Array | undefined,
) => (b === undefined ? undefined : new TextDecoder().decode(b));

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "airq-file-store-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function collect(iter: AsyncIterable<{ key: string; size: number }>) {
  const out: { key: string; size: number }[] = [];
  for await (const item of iter) out.push(item);
  return out;
}

Deno.test("createFileStore() puts, gets, lists and deletes objects under the root", async () => {
  await withDir(async (dir) => {
    const store = createFileStore(`${dir}/lake`);
    assert.equal(store.location, `file://${dir}/lake`);
    await store.put("raw/irceline/date=2024-01-02/stations.json", enc("[1]"));
    await store.put("raw/irceline/date=2024-01-01/values/bulk_1_2.json", enc("{}"));
    await store.put("raw/irceline/date=2024-01-01/_manifest.json", enc('{"a":1}'));
    await store.put("clean/t/date=2024-01-01/part-0.parquet", enc("PAR1"));
    await store.put("raw/x y/a=b.json", enc("sp"));

    assert.equal(dec(await Deno.readFile(`${dir}/lake/raw/x y/a=b.json`)), "sp");
    assert.equal(dec(await store.get("raw/irceline/date=2024-01-02/stations.json")), "[1]");
    assert.equal(await store.get("raw/irceline/date=2024-01-03/stations.json"), undefined);
    assert.equal(await store.get("raw/irceline/date=2024-01-02/stations.json/x"), undefined);

    assert.deepEqual(await collect(store.list("raw/")), [
      { key: "raw/irceline/date=2024-01-01/_manifest.json", size: 7 },
      { key: "raw/irceline/date=2024-01-01/values/bulk_1_2.json", size: 2 },
      { key: "raw/irceline/date=2024-01-02/stations.json", size: 3 },
      { key: "raw/x y/a=b.json", size: 2 },
    ]);
    assert.deepEqual(
      (await collect(store.list("raw/irceline/date=2024-01-0"))).map((o) => o.key),
      [
        "raw/irceline/date=2024-01-01/_manifest.json",
        "raw/irceline/date=2024-01-01/values/bulk_1_2.json",
        "raw/irceline/date=2024-01-02/stations.json",
      ],
    );
    assert.equal((await collect(store.list(""))).length, 5);
    assert.deepEqual(await collect(store.list("nothing/here/")), []);

    await store.delete("raw/x y/a=b.json");
    await store.delete("raw/x y/a=b.json");
    assert.equal(await store.get("raw/x y/a=b.json"), undefined);
    assert.equal((await collect(store.list(""))).length, 4);
  });
});

Deno.test("createFileStore() list() returns nothing when the root does not exist", async () => {
  await withDir(async (dir) => {
    assert.deepEqual(await collect(createFileStore(`${dir}/missing`).list("")), []);
  });
});

Deno.test("createFileStore() put() replaces atomically: readers see old or new bytes only", async () => {
  await withDir(async (dir) => {
    const store = createFileStore(dir);
    const oldBytes = new Uint8Array(2 << 20).fill(1);
    const newBytes = new Uint8Array(4 << 20).fill(2);
    await store.put("big.bin", oldBytes);
    const seen = new Set<string>();
    let done = false;
    const writing = store.put("big.bin", newBytes).finally(() => (done = true));
    while (!done) {
      const got = (await store.get("big.bin"))!;
      const kind = got.byteLength === oldBytes.byteLength && got.every((b) => b === 1)
        ? "old"
        : got.byteLength === newBytes.byteLength && got.every((b) => b === 2)
        ? "new"
        : `partial:${got.byteLength}`;
      seen.add(kind);
    }
    await writing;
    assert.deepEqual([...seen].filter((k) => k.startsWith("partial")), []);
    assert.deepEqual(await store.get("big.bin"), newBytes);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["big.bin"]);
  });
});

Deno.test("createFileStore() list() skips .tmp- files left by a crashed writer", async () => {
  await withDir(async (dir) => {
    const store = createFileStore(dir);
    await store.put("a/b.json", enc("1"));
    await Deno.writeFile(`${dir}/a/.tmp-0f3c`, enc("partial"));
    assert.deepEqual(await collect(store.list("")), [{ key: "a/b.json", size: 1 }]);
  });
});

Deno.test("createFileStore() list() follows symlinks but skips a link back to an ancestor folder", async () => {
  await withDir(async (dir) => {
    const store = createFileStore(`${dir}/lake`);
    await store.put("a/b.json", enc("12"));
    await Deno.writeFile(`${dir}/outside.json`, enc("123"));
    await Deno.symlink(`${dir}/outside.json`, `${dir}/lake/a/linked.json`);
    await Deno.symlink(`${dir}/lake/a`, `${dir}/lake/a/loop`);
    assert.deepEqual(await collect(store.list("")), [
      { key: "a/b.json", size: 2 },
      { key: "a/linked.json", size: 3 },
    ]);
  });
});

Deno.test("createFileStore() put() removes its temp file and names the key when rename fails", async () => {
  await withDir(async (dir) => {
    const store = createFileStore(dir);
    await Deno.mkdir(`${dir}/a/b.json`, { recursive: true });
    await assert.rejects(() => store.put("a/b.json", enc("1")), (error: unknown) => {
      assert.ok(error instanceof LakeError);
      assert.match(error.message, new RegExp(`^Cannot write "file://${dir}/a/b\\.json": `));
      return true;
    });
    assert.deepEqual([...Deno.readDirSync(`${dir}/a`)].map((e) => e.name), ["b.json"]);
  });
});

Deno.test("createFileStore() refuses keys that escape the root or hold control characters", async () => {
  await withDir(async (dir) => {
    const store = createFileStore(`${dir}/lake`);
    await assert.rejects(() => store.put("../escape.json", enc("x")), {
      name: "RangeError",
      message: 'Invalid object key "../escape.json": "." or ".." segment',
    });
    await assert.rejects(() => store.get("/etc/passwd"), {
      name: "RangeError",
      message: 'Invalid object key "/etc/passwd": absolute path (starts with "/")',
    });
    await assert.rejects(() => store.delete("a\0b"), {
      name: "RangeError",
      message: 'Invalid object key "a\\u0000b": control character',
    });
    await assert.rejects(() => collect(store.list("../")), {
      name: "RangeError",
      message: 'Invalid list prefix "../": "." or ".." segment',
    });
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  });
});

Deno.test("createFileStore() throws a TypeError when the root is relative", () => {
  assert.throws(() => createFileStore("lake"), {
    name: "TypeError",
    message: 'Invalid file store root "lake": not absolute',
  });
});

/**
 * Run a put() in a child Deno (as user "nobody" when we are root, since root ignores folder
 * modes) and return the error message it printed.
 */
async function putInChild(dir: string, root: string, denoFlags: string[]): Promise<string> {
  const script = `${dir}/put.ts`;
  const storeUrl = new URL("../../src/lake/file_store.ts", import.meta.url).href;
  await Deno.writeTextFile(
    script,
    `import { createFileStore } from ${JSON.stringify(storeUrl)};\n` +
      `try { await createFileStore(${
        JSON.stringify(root)
      }).put("raw/a.json", new Uint8Array([1])); ` +
      `console.log("no error"); } catch (e) { console.log(e.name + ": " + e.message); }\n`,
  );
  await Deno.chmod(dir, 0o777);
  const denoDir = await Deno.makeTempDir({ dir, prefix: "deno-dir-" });
  await Deno.chmod(denoDir, 0o777);
  const args = ["run", "--no-config", "--no-lock", ...denoFlags, script];
  const asRoot = Deno.uid() === 0;
  const command = asRoot
    ? new Deno.Command("setpriv", {
      args: ["--reuid=65534", "--regid=65534", "--clear-groups", Deno.execPath(), ...args],
      env: { DENO_DIR: denoDir, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    })
    : new Deno.Command(Deno.execPath(), {
      args,
      env: { DENO_DIR: denoDir, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    });
  const out = await command.output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("createFileStore() put() says which folder is not writable and how to fix it", async () => {
  await withDir(async (dir) => {
    const root = `${dir}/lake`;
    await Deno.mkdir(root, { mode: 0o555 });
    await Deno.chmod(root, 0o555);
    const message = await putInChild(dir, root, ["--allow-read", "--allow-write"]);
    assert.equal(
      message,
      `LakeError: Cannot write "file://${root}/raw/a.json": permission denied on "${root}/raw": ` +
        `make the folder writable by this user (chown/chmod) or choose another lake URI`,
    );
  });
});

Deno.test("createFileStore() put() names the Deno permission to grant when --allow-write is missing", async () => {
  await withDir(async (dir) => {
    const root = `${dir}/lake`;
    const message = await putInChild(dir, root, ["--allow-read"]);
    assert.equal(
      message,
      `LakeError: Cannot write "file://${root}/raw/a.json": Deno has no permission for ` +
        `"${root}/raw": run with --allow-read and --allow-write for the lake folder`,
    );
  });
});
