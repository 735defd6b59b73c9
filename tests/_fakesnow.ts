/**
 * Start fakesnow (Snowflake emulator on DuckDB) behind tests/fakesnow_bridge/bridge.py on
 * 127.0.0.1 with a random port, from the venv made by .ci/setup/30-fakesnow.sh. The bridge
 * turns fakesnow's Arrow results into JSON for the Node driver, checks the password or the
 * key-pair JWT, and can crash on the N-th INSERT (see bridge.py).
 */

import {
  connectSnowflake,
  type SnowflakeAuth,
  type SnowflakeConnectionConfig,
  type SnowflakeSession,
} from "../src/snowflake.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const PYTHON = `${ROOT}.tools/venv-fakesnow/bin/python`;
const BRIDGE = `${ROOT}tests/fakesnow_bridge/bridge.py`;

/** Options of startFakesnow(). */
export interface FakesnowOptions {
  /** The only password accepted (default: any password). */
  password?: string;
  /** PEM file of the public key that key-pair (JWT) logins must match. */
  publicKeyPath?: string;
  /** Keep databases as DuckDB files here (survive a crash and a restart on the same path). */
  dbPath?: string;
  /** Port to listen on (default: a random free port). */
  port?: number;
}

/** A running bridge. */
export interface Fakesnow {
  host: string;
  port: number;
  /** Make the process exit abruptly when the N-th INSERT from now arrives. */
  crashOnInsert(n: number): Promise<void>;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number>;
  close(): Promise<void>;
}

/** Whether the fakesnow venv is installed (tests are ignored otherwise). */
export function fakesnowInstalled(): boolean {
  try {
    return Deno.statSync(PYTHON).isFile;
  } catch {
    return false;
  }
}

/** Start a bridge and wait until it listens (≤ 60 s). */
export async function startFakesnow(options: FakesnowOptions = {}): Promise<Fakesnow> {
  const args = [BRIDGE, "--port", String(options.port ?? 0)];
  if (options.password !== undefined) args.push("--password", options.password);
  if (options.publicKeyPath) args.push("--public-key", options.publicKeyPath);
  if (options.dbPath) args.push("--db-path", options.dbPath);
  const child = new Deno.Command(PYTHON, {
    args,
    stdout: "piped",
    stderr: Deno.env.get("AIRQ_FAKESNOW_DEBUG") ? "inherit" : "null",
    stdin: "null",
    env: { PYTHONUNBUFFERED: "1" },
  }).spawn();
  const exited = child.status.then((s) => s.code);
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  }, 60_000);
  try {
    while (!/READY \d+\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`Cannot start fakesnow bridge: exited before READY: ${text}`);
      text += value;
    }
  } finally {
    clearTimeout(timer);
  }
  // keep draining stdout so the child never blocks on a full pipe
  (async () => {
    try {
      while (!(await reader.read()).done) { /* drain */ }
    } catch { /* closed */ }
  })();
  const port = Number(/READY (\d+)/.exec(text)![1]);
  const base = `http://127.0.0.1:${port}`;
  return {
    host: "127.0.0.1",
    port,
    exited,
    async crashOnInsert(n) {
      const res = await fetch(`${base}/bridge/faults`, {
        method: "POST",
        body: JSON.stringify({ crash_on_insert: n }),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`Cannot set bridge faults: status ${res.status}`);
    },
    async close() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const t = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* gone */ }
      }, 5_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** The password the tests start fakesnow with (never a real secret). */
export const FAKESNOW_PASSWORD = { kind: "password", password: "s3cret-Pa55" } as const;

/** The connection settings of a running fakesnow (database AIRQ, schema CLEAN). */
export function fakesnowConfig(
  fs: Fakesnow,
  auth: SnowflakeAuth = FAKESNOW_PASSWORD,
): SnowflakeConnectionConfig {
  return {
    account: "airq_test",
    username: "LOADER",
    warehouse: "LOAD_WH",
    database: "AIRQ",
    schema: "CLEAN",
    auth,
    host: fs.host,
    port: fs.port,
    protocol: "http",
  };
}

/** Connect the real snowflake-sdk to a running fakesnow, without retries. */
export function connectToFakesnow(
  fs: Fakesnow,
  auth: SnowflakeAuth = FAKESNOW_PASSWORD,
): Promise<SnowflakeSession> {
  return connectSnowflake(fakesnowConfig(fs, auth), { loginRetries: 0, queryRetries: 0 });
}
