import assert from "node:assert/strict";
import { parseFlags } from "../../src/config/parse_flags.ts";
import { ConfigError } from "../../src/errors.ts";

const FLAGS = {
  lake: { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

Deno.test("parseFlags() gives string and boolean flags when they parse", () => {
  const flags = parseFlags(["--lake", "s3://b/p", "--force"], { flags: FLAGS });
  assert.equal(flags.help, false);
  assert.equal(flags.text("lake"), "s3://b/p");
  assert.equal(flags.on("force"), true);
  assert.equal(flags.text("force"), undefined);
  assert.equal(flags.on("lake"), false);
});

Deno.test("parseFlags() reports help for -h and --help", () => {
  assert.equal(parseFlags(["-h"], { flags: FLAGS }).help, true);
  assert.equal(parseFlags(["--help"], { flags: FLAGS }).help, true);
  assert.equal(parseFlags([], { flags: FLAGS }).on("force"), false);
});

Deno.test("parseFlags() throws ConfigError ending with '; see --help' when a flag is unknown", () => {
  assert.throws(() => parseFlags(["--day", "x"], { flags: FLAGS }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.deepEqual(e.problems, ["Unknown option '--day'; see --help"]);
    return true;
  });
});

Deno.test("parseFlags() throws ConfigError when a positional or a missing value is given", () => {
  assert.throws(() => parseFlags(["extra"], { flags: FLAGS }), {
    name: "ConfigError",
    message:
      "Invalid configuration: Unexpected argument 'extra'. This command does not take positional arguments; see --help",
  });
  assert.throws(() => parseFlags(["--lake"], { flags: FLAGS }), {
    name: "ConfigError",
    message: "Invalid configuration: Option '--lake <value>' argument missing; see --help",
  });
});

Deno.test("Flags.pick() takes the flag first and names it as the source", () => {
  const flags = parseFlags(["--lake", "file:///a"], {
    flags: FLAGS,
    env: { AIRQ_LAKE: "s3://b/" },
  });
  assert.deepEqual(flags.pick("lake", "AIRQ_LAKE", "file://./lake"), {
    value: "file:///a",
    source: "--lake",
  });
});

Deno.test("Flags.pick() takes a non-empty env variable when the flag is absent", () => {
  const flags = parseFlags([], { flags: FLAGS, env: { AIRQ_LAKE: "s3://b/" } });
  assert.deepEqual(flags.pick("lake", "AIRQ_LAKE", "file://./lake"), {
    value: "s3://b/",
    source: "AIRQ_LAKE",
  });
});

Deno.test("Flags.pick() falls back to the default, named as the flag, when env is empty or unset", () => {
  const empty = parseFlags([], { flags: FLAGS, env: { AIRQ_LAKE: "" } });
  assert.deepEqual(empty.pick("lake", "AIRQ_LAKE", "file://./lake"), {
    value: "file://./lake",
    source: "--lake",
  });
  const none = parseFlags([], { flags: FLAGS });
  assert.deepEqual(none.pick("lake", "AIRQ_LAKE", "file://./lake"), {
    value: "file://./lake",
    source: "--lake",
  });
});

Deno.test("Flags.pick() keeps an empty flag value over env", () => {
  const flags = parseFlags(["--lake", ""], { flags: FLAGS, env: { AIRQ_LAKE: "s3://b/" } });
  assert.deepEqual(flags.pick("lake", "AIRQ_LAKE", "file://./lake"), {
    value: "",
    source: "--lake",
  });
});

Deno.test("parseFlags() suggests the closest declared flag for an unknown one", () => {
  const flags = { ...FLAGS, date: { type: "string" }, to: { type: "string" } } as const;
  for (
    const [args, want] of [
      [["--dat", "2024-01-01"], "Unknown option '--dat'; did you mean --date?"],
      [["--dtae=2024-01-01"], "Unknown option '--dtae'; did you mean --date?"],
      [["--forc"], "Unknown option '--forc'; did you mean --force?"],
      [["--lakes", "x"], "Unknown option '--lakes'; did you mean --lake?"],
      [["--timezone", "UTC"], "Unknown option '--timezone'; see --help"],
    ] as const
  ) {
    assert.throws(() => parseFlags([...args], { flags }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems, [want]);
      return true;
    });
  }
});
