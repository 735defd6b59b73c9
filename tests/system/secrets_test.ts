/**
 * Secrets never leak: every task (ingest, transform, report, load, publish-dag) runs as a
 * subprocess with sentinel secrets against real local components (fixture API, versitygw,
 * fakesnow), succeeding and failing (wrong S3 secret, foreign session token, container
 * credentials, wrong Snowflake password, unknown private key). All stdout/stderr, every object
 * in the bucket and every file the tasks could write (their cwd, HOME and TMPDIR) are scanned
 * for each secret, raw, base64 (standard and URL-safe) and URL-encoded.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { fakesnowInstalled, startFakesnow } from "../_fakesnow.ts";
import { startVersitygw } from "../_versitygw.ts";
import { denoChildEnv } from "../support/deno_env.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BUCKET = "airq-secrets";
const DATE = "2024-11-20";

/** Each secret with the forms it could leak in. */
function forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const b64 = btoa(String.fromCharCode(...bytes));
  const b64url = b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return [...new Set([secret, b64.replace(/=+$/, ""), b64url, encodeURIComponent(secret)])];
}

async function pkcs8Pem(): Promise<string> {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const b64 = btoa(String.fromCharCode(...der)).match(/.{1,64}/g)!.join("\n");
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

/** A container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) on 127.0.0.1. */
function startCredentialsServer(body: Record<string, string>, token: string) {
  let calls = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    calls++;
    if (req.headers.get("authorization") !== token) return new Response("no", { status: 403 });
    return Response.json(body);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/creds`,
    calls: () => calls,
    close: () => server.shutdown(),
  };
}

interface Run {
  name: string;
  code: number;
  output: string;
}

Deno.test({
  name: "every task keeps AWS and Snowflake secrets out of logs, errors and written files",
  ignore: !fakesnowInstalled(),
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const sentinel = (what: string) => `Sentinel${what}/${crypto.randomUUID()}+x=`;
  const SNOW_PASSWORD = sentinel("SnowPass");
  const secrets: Record<string, string> = {
    SNOW_PASSWORD,
    WRONG_SNOW_PASSWORD: sentinel("WrongSnow"),
    WRONG_AWS_SECRET: sentinel("WrongAws"),
    SESSION_TOKEN: sentinel("Token"),
    CONTAINER_SECRET: sentinel("ContainerSecret"),
    CONTAINER_TOKEN: sentinel("ContainerToken"),
    CONTAINER_AUTH: sentinel("ContainerAuth"),
    KEY_PASSPHRASE: sentinel("Passphrase"),
  };
  const pem = await pkcs8Pem();
  // Any 40 characters of the key body identify it.
  secrets.PRIVATE_KEY = pem.split("\n")[5]!.slice(0, 40);

  const home = await Deno.makeTempDir({ prefix: "airq-secrets-" });
  await Deno.mkdir(`${home}/tmp`);
  const vgw = await startVersitygw();
  secrets.AWS_SECRET = vgw.secretAccessKey;
  const api = await startFixtureServer();
  const snow = await startFakesnow({ password: SNOW_PASSWORD });
  const creds = startCredentialsServer({
    AccessKeyId: vgw.accessKeyId,
    SecretAccessKey: secrets.CONTAINER_SECRET!,
    Token: secrets.CONTAINER_TOKEN!,
    Expiration: "2099-01-01T00:00:00Z",
  }, secrets.CONTAINER_AUTH!);
  const runs: Run[] = [];
  try {
    await vgw.bucket(BUCKET);
    const lake = `s3://${BUCKET}/lake`;
    const base: Record<string, string> = {
      ...denoChildEnv(),
      HOME: home,
      TMPDIR: `${home}/tmp`,
      NO_COLOR: "1",
      TZ: "UTC",
      AIRQ_LAKE: lake,
      AIRQ_API_URL: api.url,
      ...vgw.env,
    };
    const snowflake = {
      SNOWFLAKE_ACCOUNT: "airq_test",
      SNOWFLAKE_USER: "LOADER",
      SNOWFLAKE_WAREHOUSE: "LOAD_WH",
      SNOWFLAKE_DATABASE: "AIRQ",
      SNOWFLAKE_SCHEMA: "CLEAN",
      SNOWFLAKE_HOST: snow.host,
      SNOWFLAKE_PORT: String(snow.port),
      SNOWFLAKE_PROTOCOL: "http",
    };
    const run = async (
      name: string,
      task: string,
      args: string[],
      env: Record<string, string>,
      expected?: number,
    ) => {
      const out = await new Deno.Command(Deno.execPath(), {
        // Exactly what `deno task <name>` runs: the launcher with its narrowed permissions.
        args: [
          ...[
            "run",
            "--config",
            `${ROOT}deno.json`,
            "--allow-env",
            "--allow-read",
            "--allow-write",
            "--allow-run",
          ],
          ...[`${ROOT}tasks/launch.ts`, task, ...args],
        ],
        cwd: home,
        clearEnv: true,
        env,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const output = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
      runs.push({ name, code: out.code, output });
      if (expected !== undefined) assert.equal(out.code, expected, `${name}:\n${output}`);
      return out.code;
    };
    const day = ["--date", DATE];

    // Successful runs of every task.
    await run("ingest", "ingest", day, base, 0);
    await run("transform", "transform", day, base, 0);
    await run("report", "report", day, base, 0);
    await run("load", "load", day, { ...base, ...snowflake, SNOWFLAKE_PASSWORD: SNOW_PASSWORD }, 0);
    await run("publish-dag", "publish-dag", ["--dags-dir", `${ROOT}dags`], {
      ...base,
      AIRQ_DAG_BUCKET: BUCKET,
    }, 0);

    // Failing runs: wrong S3 secret, a session token S3 never issued, container credentials.
    const wrongKey = { ...base, AWS_SECRET_ACCESS_KEY: secrets.WRONG_AWS_SECRET! };
    const token = { ...base, AWS_SESSION_TOKEN: secrets.SESSION_TOKEN! };
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...noKeys } = base;
    const container = {
      ...noKeys,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: creds.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: secrets.CONTAINER_AUTH!,
    };
    for (
      const [name, env] of [["wrong key", wrongKey], ["token", token], [
        "container",
        container,
      ]] as const
    ) {
      await run(`ingest (${name})`, "ingest", [...day, "--force"], env, 1);
      await run(`transform (${name})`, "transform", [...day, "--force"], env, 1);
      await run(`report (${name})`, "report", day, env, 1);
      await run(`publish-dag (${name})`, "publish-dag", ["--dags-dir", `${ROOT}dags`], {
        ...env,
        AIRQ_DAG_BUCKET: BUCKET,
      }, 1);
    }
    assert.ok(creds.calls() >= 4, `container credentials fetched ${creds.calls()} times`);
    // Snowflake: wrong password, then a private key the user does not have (+ passphrase).
    await run("load (wrong password)", "load", [...day, "--force"], {
      ...base,
      ...snowflake,
      SNOWFLAKE_PASSWORD: secrets.WRONG_SNOW_PASSWORD!,
    }, 1);
    const keyCode = await run("load (private key)", "load", [...day, "--force"], {
      ...base,
      ...snowflake,
      SNOWFLAKE_PRIVATE_KEY: pem,
    });
    assert.ok(keyCode === 0 || keyCode === 1, `load with a private key exited ${keyCode}`);
    await run("load (passphrase, bad key)", "load", day, {
      ...base,
      ...snowflake,
      SNOWFLAKE_PRIVATE_KEY: pem,
      SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: secrets.KEY_PASSPHRASE!,
    }, keyCode);
    // The wrong-key failures say why, without the key.
    const wrong = runs.find((r) => r.name === "ingest (wrong key)")!.output;
    assert.match(wrong, /403 SignatureDoesNotMatch/);

    // Scan every output, every object in the bucket and every file under HOME/TMPDIR/cwd.
    const haystacks: [string, string][] = runs.map((r) => [`output of ${r.name}`, r.output]);
    const store = await openStore(`s3://${BUCKET}`, { env: vgw.env, cwd: "/" });
    let objects = 0;
    for await (const { key } of store.list("")) {
      haystacks.push([`s3://${BUCKET}/${key}`, new TextDecoder().decode((await store.get(key))!)]);
      objects++;
    }
    assert.ok(objects > 10, `only ${objects} objects`);
    for await (const path of walk(home)) {
      haystacks.push([path, new TextDecoder().decode(await Deno.readFile(path))]);
    }
    const leaks: string[] = [];
    for (const [name, secret] of Object.entries(secrets)) {
      for (const form of forms(secret)) {
        for (const [where, text] of haystacks) {
          if (text.includes(form)) leaks.push(`${name} (${form}) in ${where}`);
        }
      }
    }
    assert.deepEqual(leaks, []);
  } finally {
    await creds.close();
    await snow.close();
    await api.close();
    await vgw.close();
    await Deno.remove(home, { recursive: true });
  }
});

async function* walk(dir: string): AsyncIterable<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.isFile) yield path;
  }
}
