/**
 * A real, strict S3 server for tests: versitygw (posix backend, sidecar metadata) on 127.0.0.1
 * with a random free port, a random root key pair and its own temp folder. Installed by
 * `.ci/setup/20-versitygw.sh` into .tools/bin; when it is missing, starting fails (no skip).
 */
import { signS3Request } from "../src/lake/s3_request.ts";

/** A running versitygw. */
export interface Versitygw {
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** AWS_* variables that point openStore("s3://…") at this server with its root keys. */
  env: Record<string, string>;
  /** Create a bucket (signed CreateBucket PUT). */
  bucket(name: string): Promise<void>;
  /** Stop the server and remove its folder. */
  close(): Promise<void>;
}

/** Where the setup script installs the binary. */
export const VERSITYGW_BIN = new URL("../.tools/bin/versitygw", import.meta.url).pathname;

const REGION = "us-east-1";

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function randomHex(bytes: number): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** Start versitygw (default binary: VERSITYGW_BIN) and wait until its health endpoint answers. */
export async function startVersitygw(options: { bin?: string } = {}): Promise<Versitygw> {
  const bin = options.bin ?? VERSITYGW_BIN;
  try {
    await Deno.stat(bin);
  } catch {
    throw new Error(
      `Cannot start versitygw: "${bin}" is missing; run \`bash .ci/setup/20-versitygw.sh\``,
    );
  }
  const dir = await Deno.makeTempDir({ prefix: "airq-versitygw-" });
  await Deno.mkdir(`${dir}/data`);
  await Deno.mkdir(`${dir}/meta`);
  const accessKeyId = `AKIATEST${randomHex(6).toUpperCase()}`;
  const secretAccessKey = randomHex(20);
  let lastError = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = freePort();
    const child = new Deno.Command(bin, {
      args: [
        "--port",
        `127.0.0.1:${port}`,
        "--quiet",
        "--health",
        "/health",
        "posix",
        "--sidecar",
        `${dir}/meta`,
        `${dir}/data`,
      ],
      env: { ROOT_ACCESS_KEY: accessKeyId, ROOT_SECRET_KEY: secretAccessKey },
      clearEnv: true,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    let stderr = "";
    const drained = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of child.stderr) stderr += decoder.decode(chunk, { stream: true });
    })();
    let exited = false;
    const status = child.status.then((s) => {
      exited = true;
      return s;
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const ready = await waitReady(`${endpoint}/health`, () => exited);
    if (ready) {
      const close = async () => {
        try {
          child.kill("SIGTERM");
        } catch {
          // already exited
        }
        await status;
        await drained;
        await Deno.remove(dir, { recursive: true });
      };
      return {
        endpoint,
        region: REGION,
        accessKeyId,
        secretAccessKey,
        env: {
          AWS_ENDPOINT_URL_S3: endpoint,
          AWS_REGION: REGION,
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey,
        },
        bucket: (name) => createBucket(endpoint, name, { accessKeyId, secretAccessKey }),
        close,
      };
    }
    if (!exited) child.kill("SIGKILL");
    await status;
    await drained;
    lastError = stderr.trim();
    if (!/address already in use/i.test(lastError)) break;
  }
  await Deno.remove(dir, { recursive: true });
  throw new Error(`Cannot start versitygw: ${lastError || "it never became ready"}`);
}

/** Poll GET url until 200; false when the process exited or after about 20 s. */
async function waitReady(url: string, exited: () => boolean): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (exited()) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function createBucket(
  endpoint: string,
  bucket: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<void> {
  const request = await signS3Request(
    { endpoint, region: REGION, bucket },
    { op: "CreateBucket" },
    credentials,
  );
  const res = await fetch(request);
  const text = await res.text();
  if (!res.ok) throw new Error(`Cannot create bucket "${bucket}": ${res.status} ${text}`);
}
