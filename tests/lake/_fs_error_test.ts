import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { fsError } from "../../src/lake/_fs_error.ts";

const where = { action: "write", uri: "file:///lake/raw/a.json", path: "/lake/raw" };

Deno.test("fsError() names the device and the fix when the disk is full", () => {
  // The shape Deno 2.9 throws for ENOSPC (measured on a 64 KiB tmpfs).
  const cause = Object.assign(new Error("No space left on device (os error 28)"), {
    code: "ENOSPC",
  });
  const error = fsError(cause, where);
  assert.ok(error instanceof LakeError);
  assert.equal(
    error.message,
    'Cannot write "file:///lake/raw/a.json": no space left on the device holding "/lake/raw": ' +
      "free disk space or choose another lake URI",
  );
  assert.equal(error.cause, cause);
});

Deno.test("fsError() names a read-only file system", () => {
  const error = fsError(new Error("Read-only file system (os error 30)"), where);
  assert.equal(
    error.message,
    'Cannot write "file:///lake/raw/a.json": "/lake/raw" is on a read-only file system: ' +
      "choose a writable lake URI",
  );
});

Deno.test("fsError() keeps the system message for other errors", () => {
  const error = fsError(new Deno.errors.IsADirectory("Is a directory (os error 21)"), where);
  assert.equal(
    error.message,
    'Cannot write "file:///lake/raw/a.json": Is a directory (os error 21)',
  );
});
