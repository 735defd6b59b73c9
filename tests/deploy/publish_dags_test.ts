import assert from "node:assert/strict";
import { publishDags } from "../../src/deploy/publish_dags.ts";
import { MemoryStore } from "../_fakes.ts";

const enc = (s: string) => new TextEncoder().encode(s);

async function sha(s: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", enc(s));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("publishDags() uploads new files and skips byte-identical ones", async () => {
  const store = new MemoryStore();
  await store.put("b.py", enc("x = 2\n"));
  store.puts.length = 0;
  const result = await publishDags(store, [
    { name: "b.py", bytes: enc("x = 2\n") },
    { name: "a.py", bytes: enc("print(1)\n") },
  ]);
  assert.deepEqual(result, {
    files: [
      { key: "a.py", status: "uploaded", bytes: 9, sha256: await sha("print(1)\n") },
      { key: "b.py", status: "unchanged", bytes: 6, sha256: await sha("x = 2\n") },
    ],
    remoteOnly: [],
  });
  assert.deepEqual(store.puts, ["a.py"]);
  assert.deepEqual(store.objects.get("a.py"), enc("print(1)\n"));
});

Deno.test("publishDags() replaces a changed file and reports remote-only .py files", async () => {
  const store = new MemoryStore();
  await store.put("a.py", enc("old\n"));
  await store.put("old_dag.py", enc("gone\n"));
  await store.put("requirements.txt", enc("x\n"));
  await store.put("sub/inner.py", enc("y\n"));
  store.puts.length = 0;
  const result = await publishDags(store, [{ name: "a.py", bytes: enc("new\n") }]);
  assert.deepEqual(result.files.map((f) => [f.key, f.status]), [["a.py", "uploaded"]]);
  assert.deepEqual(result.remoteOnly, ["old_dag.py"]);
  assert.deepEqual(store.objects.get("a.py"), enc("new\n"));
  assert.deepEqual(store.objects.get("old_dag.py"), enc("gone\n"));
});

Deno.test("publishDags() writes nothing in dry-run mode", async () => {
  const store = new MemoryStore();
  await store.put("a.py", enc("same\n"));
  store.puts.length = 0;
  const result = await publishDags(store, [
    { name: "a.py", bytes: enc("same\n") },
    { name: "b.py", bytes: enc("new\n") },
  ], { dryRun: true });
  assert.deepEqual(result.files.map((f) => [f.key, f.status]), [
    ["a.py", "unchanged"],
    ["b.py", "would-upload"],
  ]);
  assert.deepEqual(store.puts, []);
  assert.equal(store.objects.has("b.py"), false);
});

Deno.test("publishDags() throws RangeError for no files, bad names and duplicates", async () => {
  const store = new MemoryStore();
  await assert.rejects(publishDags(store, []), {
    name: "RangeError",
    message: 'Cannot publish DAGs to "memory://": no .py files were given',
  });
  for (const name of ["../evil.py", "dir/a.py", "a.txt", ".hidden.py", "a b.py"]) {
    await assert.rejects(publishDags(store, [{ name, bytes: enc("") }]), {
      name: "RangeError",
      message:
        `Cannot publish DAG file "${name}": the name must be letters, digits, "_", "-" or "." ending in .py`,
    });
  }
  await assert.rejects(
    publishDags(store, [{ name: "a.py", bytes: enc("1") }, { name: "a.py", bytes: enc("2") }]),
    { name: "RangeError", message: 'Cannot publish DAG file "a.py": given twice' },
  );
  assert.deepEqual(store.puts, []);
});
