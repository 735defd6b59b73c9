import assert from "node:assert/strict";
import { checkKey, checkPrefix } from "../../src/lake/_key.ts";

Deno.test("checkKey() returns a valid key unchanged", () => {
  for (
    const key of ["a", "raw/irceline/date=2024-01-01/stations.json", "x/with space/a b=c.json"]
  ) {
    assert.equal(checkKey(key), key);
  }
});

Deno.test("checkKey() throws a RangeError naming the key when it is unsafe", () => {
  const cases: [string, string][] = [
    ["", 'Invalid object key "": empty'],
    ["../etc/passwd", 'Invalid object key "../etc/passwd": "." or ".." segment'],
    ["raw/../x", 'Invalid object key "raw/../x": "." or ".." segment'],
    ["raw/./x", 'Invalid object key "raw/./x": "." or ".." segment'],
    ["/abs/x", 'Invalid object key "/abs/x": absolute path (starts with "/")'],
    ["a\0b", 'Invalid object key "a\\u0000b": control character'],
    ["a\nb", 'Invalid object key "a\\nb": control character'],
    ["a//b", 'Invalid object key "a//b": empty path segment ("//", or a trailing "/")'],
    ["a/", 'Invalid object key "a/": empty path segment ("//", or a trailing "/")'],
    ["a\\b", 'Invalid object key "a\\\\b": backslash'],
    ["a/.tmp-x", 'Invalid object key "a/.tmp-x": segment starts with ".tmp-" (reserved)'],
    ["é".repeat(513), `Invalid object key "${"é".repeat(513)}": longer than 1024 bytes`],
  ];
  for (const [key, message] of cases) {
    assert.throws(() => checkKey(key), { name: "RangeError", message });
  }
});

Deno.test("checkPrefix() accepts an empty prefix, a folder and a partial name", () => {
  for (const prefix of ["", "raw/", "raw/irceline/date=2024-", "clean/x/.."]) {
    assert.equal(checkPrefix(prefix), prefix);
  }
});

Deno.test("checkPrefix() throws a RangeError when a whole segment is unsafe", () => {
  assert.throws(() => checkPrefix("../x"), {
    name: "RangeError",
    message: 'Invalid list prefix "../x": "." or ".." segment',
  });
  assert.throws(() => checkPrefix("/raw/"), {
    name: "RangeError",
    message: 'Invalid list prefix "/raw/": absolute path (starts with "/")',
  });
});
