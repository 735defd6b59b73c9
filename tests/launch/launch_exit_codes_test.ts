/**
 * Exit codes of hostile settings through tasks/launch.ts: a host Deno could not grant is a
 * configuration error (exit 2, the task's message), never Deno's own CLI error; a runtime
 * RangeError is a failure (exit 1), not a configuration error.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const LAUNCHER = ["--allow-env", "--allow-read", "--allow-write", "--allow-run"];

async function run(args: string[], env: Record<string, string> = {}) {
  const dir = await Deno.makeTempDir({ prefix: "airq-launch-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--config", `${ROOT}/deno.json`, ...args],
      cwd: dir,
      clearEnv: true,
      env: {
        PATH: Deno.env.get("PATH") ?? "",
        HOME: dir,
        DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`,
        ...env,
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    const lines = stderr.split("\n").filter((l) => l.startsWith("{"));
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    return { code: out.code, stderr, events };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a SNOWFLAKE_ACCOUNT that makes no host is exit 2 with load's message", async () => {
  const r = await run([...LAUNCHER, `${ROOT}/tasks/launch.ts`, "load"], {
    SNOWFLAKE_ACCOUNT: "myorg..acct",
    SNOWFLAKE_USER: "u",
    SNOWFLAKE_PASSWORD: "pw",
  });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.events.length, 1, r.stderr);
  assert.equal(r.events[0]!.task, "load");
  assert.equal(r.events[0]!.error, "ConfigError");
  assert.match(String(r.events[0]!.message), /SNOWFLAKE_ACCOUNT "myorg\.\.acct" must be/);
});

Deno.test("a malformed AIRQ_ALLOW_NET is exit 2 with the task's message", async () => {
  const r = await run([...LAUNCHER, `${ROOT}/tasks/launch.ts`, "report", "--help"], {
    AIRQ_ALLOW_NET: "ocsp.example.com,bad host",
  });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.events.length, 1, r.stderr);
  assert.equal(r.events[0]!.task, "report");
  assert.equal(
    r.events[0]!.message,
    'Invalid configuration: AIRQ_ALLOW_NET entry "bad host" is not a valid host name ' +
      "(letters, digits, '-', '_' and single dots): use host[:port],…",
  );
});

Deno.test("runMain() exits 1 for a RangeError at run time and 2 only for a ConfigError", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-runmain-" });
  try {
    const script = `${dir}/main.ts`;
    await Deno.writeTextFile(
      script,
      `import { runMain } from "${ROOT}/tasks/_cli.ts";
import { ConfigError } from "${ROOT}/src/errors.ts";
runMain("probe", () => {
  if (Deno.args[0] === "config") throw new ConfigError(["--x must be set"]);
  throw new RangeError("Invalid array length");
});
`,
    );
    const range = await run(["-A", script, "range"]);
    assert.equal(range.code, 1, range.stderr);
    assert.equal(range.events[0]!.error, "RangeError");
    const config = await run(["-A", script, "config"]);
    assert.equal(config.code, 2, config.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a garbage private key says the key cannot be read and how to fix it (exit 2)", async () => {
  const r = await run([...LAUNCHER, `${ROOT}/tasks/launch.ts`, "load"], {
    SNOWFLAKE_ACCOUNT: "myorg-acct",
    SNOWFLAKE_USER: "u",
    SNOWFLAKE_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nZ2FyYmFnZQ==\n-----END PRIVATE KEY-----",
  });
  assert.equal(r.code, 2, r.stderr);
  const message = String(r.events[0]!.message);
  assert.match(message, /Cannot read the private key of SNOWFLAKE_PRIVATE_KEY: .*openssl/);
  assert.ok(!message.includes("Z2FyYmFnZQ"));
});
