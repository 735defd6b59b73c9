import assert from "node:assert/strict";
import type { FlagDeclaration } from "../../src/config/declaration.ts";
import { parseDeclared } from "../../src/config/declared_flags.ts";
import { ConfigError } from "../../src/errors.ts";

const FLAGS: FlagDeclaration[] = [
  { name: "lake", kind: "uri", arg: "URI", env: "X_LAKE", default: "file://./lake", help: "lake" },
  { name: "workers", kind: "int", arg: "N", default: "2", min: 1, max: 4, help: "workers" },
  { name: "force", kind: "boolean", help: "force" },
];

Deno.test("parseDeclared() lets a flag win over its variable and treats an empty variable as unset", () => {
  assert.deepEqual(
    parseDeclared(FLAGS, ["--lake", "s3://b/p"], { X_LAKE: "file:///x" }).setting("lake"),
    {
      value: "s3://b/p",
      source: "--lake",
    },
  );
  assert.deepEqual(parseDeclared(FLAGS, [], { X_LAKE: "file:///x" }).setting("lake"), {
    value: "file:///x",
    source: "X_LAKE",
  });
  assert.deepEqual(parseDeclared(FLAGS, [], { X_LAKE: "" }).setting("lake"), {
    value: "file://./lake",
    source: "--lake",
  });
});

Deno.test("parseDeclared() checks int flags against the declared range", () => {
  const problems: string[] = [];
  assert.equal(parseDeclared(FLAGS, [], {}).int("workers", problems), 2);
  assert.equal(parseDeclared(FLAGS, ["--workers=4"], {}).int("workers", problems), 4);
  assert.deepEqual(problems, []);
  assert.ok(Number.isNaN(parseDeclared(FLAGS, ["--workers", "5"], {}).int("workers", problems)));
  parseDeclared(FLAGS, ["--workers", "x"], {}).int("workers", problems);
  assert.deepEqual(problems, [
    '--workers: "5" must be an integer from 1 to 4',
    '--workers: "x" must be an integer from 1 to 4',
  ]);
});

Deno.test("parseDeclared() answers -h, reads booleans and refuses undeclared flags", () => {
  assert.equal(parseDeclared(FLAGS, ["-h"], {}).help, true);
  assert.equal(parseDeclared(FLAGS, ["--force"], {}).on("force"), true);
  assert.throws(() => parseDeclared(FLAGS, ["--forse"], {}), {
    name: "ConfigError",
    message: "Invalid configuration: Unknown option '--forse'; did you mean --force?",
  });
  assert.throws(() => parseDeclared(FLAGS, ["--quiet"], {}), {
    name: "ConfigError",
    message: "Invalid configuration: Unknown option '--quiet'; see --help",
  });
  assert.throws(() => parseDeclared(FLAGS, ["extra"], {}), ConfigError);
  assert.throws(() => parseDeclared(FLAGS, [], {}).text("bogus"), {
    name: "TypeError",
    message: 'Cannot read flag "--bogus": it is not declared',
  });
});
