/**
 * tasks/launch.ts end to end: a bad configuration is reported by the launcher with the same
 * JSON line and exit code the task prints itself, and `--help` prints the declared help. A
 * host Deno could not grant is a configuration error (exit 2, the task's message), never
 * Deno's own CLI error; a runtime RangeError is a failure (exit 1).
 */
import assert from "node:assert/strict";
import { denoChildEnv } from "../support/deno_env.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

async function run(args: string[], env: Record<string, string> = {}) {
  const dir = await Deno.makeTempDir({ prefix: "airq-launch-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--config", `${ROOT}/deno.json`, ...args],
      cwd: dir,
      clearEnv: true,
      // The test's own Deno cache, so the children load the same npm packages offline.
      env: { ...denoChildEnv(), HOME: dir, ...env },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    const line = stderr.split("\n").find((l) => l.startsWith("{"));
    const event = line === undefined ? undefined : JSON.parse(line) as Record<string, unknown>;
    // The time of the line (and of its metrics block) is the only part that may differ.
    if (event) delete event.ts;
    const aws = event?._aws as Record<string, unknown> | undefined;
    if (aws) delete aws.Timestamp;
    return { code: out.code, stdout: new TextDecoder().decode(out.stdout), stderr, event };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const LAUNCHER = [
  "--allow-env",
  "--allow-read",
  "--allow-write",
  "--allow-run",
  `${ROOT}/tasks/launch.ts`,
];

for (
  const [task, script, args] of [
    ["ingest", "ingest.ts", ["--concurrency", "0", "--lake", "ftp://x"]],
    ["transform", "transform.ts", ["--workers", "99"]],
    ["report", "report.ts", ["--dat", "2024-11-20"]],
  ] as const
) {
  Deno.test(`the launcher reports a bad ${task} configuration as the task does (exit 2)`, async () => {
    const launched = await run([...LAUNCHER, task, ...args]);
    const direct = await run(["-A", `${ROOT}/tasks/${script}`, ...args]);
    assert.equal(direct.code, 2, direct.stderr);
    assert.equal(launched.code, 2, launched.stderr);
    assert.equal(direct.event?.task, task);
    assert.equal(direct.event?.error, "ConfigError");
    assert.deepEqual(launched.event, direct.event);
  });
}

Deno.test("the launcher runs `demo --help` as help: it prints the declaration and starts nothing", async () => {
  const r = await run([...LAUNCHER, "demo", "--help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith("Usage: deno task demo [--lake URI]\n"), r.stdout);
  assert.ok(r.stdout.includes("  --lake URI"));
  assert.equal(r.stderr.includes("listening"), false);
});

/** The one JSON line of a run (throws when there are more). */
function only(r: { stderr: string; event: Record<string, unknown> | undefined }) {
  assert.equal(r.stderr.split("\n").filter((l) => l.startsWith("{")).length, 1, r.stderr);
  return r.event!;
}

Deno.test("a SNOWFLAKE_ACCOUNT that makes no host is exit 2 with load's message", async () => {
  const r = await run([...LAUNCHER, "load"], {
    SNOWFLAKE_ACCOUNT: "myorg..acct",
    SNOWFLAKE_USER: "u",
    SNOWFLAKE_PASSWORD: "pw",
  });
  assert.equal(r.code, 2, r.stderr);
  const event = only(r);
  assert.equal(event.task, "load");
  assert.equal(event.error, "ConfigError");
  assert.match(String(event.message), /SNOWFLAKE_ACCOUNT "myorg\.\.acct" must be/);
});

Deno.test("a malformed AIRQ_ALLOW_NET is exit 2 with the task's message", async () => {
  const r = await run([...LAUNCHER, "report", "--help"], {
    AIRQ_ALLOW_NET: "ocsp.example.com,bad host",
  });
  assert.equal(r.code, 2, r.stderr);
  const event = only(r);
  assert.equal(event.task, "report");
  assert.equal(
    event.message,
    'Invalid configuration: AIRQ_ALLOW_NET entry "bad host" is not a valid host name ' +
      "(letters, digits, '-', '_' and single dots): use host[:port],…",
  );
});

Deno.test("a garbage private key says the key cannot be read and how to fix it (exit 2)", async () => {
  const r = await run([...LAUNCHER, "load"], {
    SNOWFLAKE_ACCOUNT: "myorg-acct",
    SNOWFLAKE_USER: "u",
    SNOWFLAKE_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nZ2FyYmFnZQ==\n-----END PRIVATE KEY-----",
  });
  assert.equal(r.code, 2, r.stderr);
  const message = String(only(r).message);
  assert.match(message, /Cannot read the private key of SNOWFLAKE_PRIVATE_KEY: .*openssl/);
  assert.ok(!message.includes("Z2FyYmFnZQ"));
});

Deno.test("runMain() exits 1 for a RangeError at run time and 2 only for a ConfigError", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-runmain-" });
  try {
    const script = `${dir}/main.ts`;
    await Deno.writeTextFile(
      script,
      `import { runMain } from "${ROOT}/tasks/cli.ts";
import { ConfigError } from "${ROOT}/src/errors.ts";
runMain("probe", () => {
  if (Deno.args[0] === "config") throw new ConfigError(["--x must be set"]);
  throw new RangeError("Invalid array length");
});
`,
    );
    const range = await run(["-A", script, "range"]);
    assert.equal(range.code, 1, range.stderr);
    assert.equal(only(range).error, "RangeError");
    const config = await run(["-A", script, "config"]);
    assert.equal(config.code, 2, config.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
