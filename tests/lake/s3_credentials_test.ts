import assert from "node:assert/strict";
import { ConfigError, HttpError } from "../../src/errors.ts";
import { credentialsFromEnv, parseContainerCredentials } from "../../src/lake/s3_credentials.ts";

/** A fake ECS credentials endpoint on 127.0.0.1 that hands out numbered keys. */
async function withEndpoint(
  answer: (n: number, req: Request) => Response,
  fn: (base: string, seen: { path: string; authorization: string | null }[]) => Promise<void>,
): Promise<void> {
  const seen: { path: string; authorization: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    seen.push({ path: new URL(req.url).pathname, authorization: req.headers.get("authorization") });
    return answer(seen.length, req);
  });
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`, seen);
  } finally {
    await server.shutdown();
  }
}

const keys = (n: number, expiration: string) =>
  Response.json({
    AccessKeyId: `ASIA${n}`,
    SecretAccessKey: `secret-${n}`,
    Token: `token-${n}`,
    Expiration: expiration,
  });

Deno.test("credentialsFromEnv() returns the static keys and session token from the environment", async () => {
  const provider = credentialsFromEnv({
    AWS_ACCESS_KEY_ID: "AKID",
    AWS_SECRET_ACCESS_KEY: "SECRET",
    AWS_SESSION_TOKEN: "TOKEN",
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/ignored",
  });
  assert.equal(provider.source, "environment");
  assert.deepEqual(await provider.get(), {
    accessKeyId: "AKID",
    secretAccessKey: "SECRET",
    sessionToken: "TOKEN",
  });
});

Deno.test("credentialsFromEnv() throws a ConfigError naming the variables when none are set", () => {
  assert.throws(() => credentialsFromEnv({}), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.message,
      "Invalid configuration: no AWS credentials for the s3:// lake: set AWS_ACCESS_KEY_ID and " +
        "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or run on AWS " +
        "Batch/ECS where AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set",
    );
    return true;
  });
});

Deno.test("credentialsFromEnv() names the missing half of a key pair without echoing the other", () => {
  assert.throws(() => credentialsFromEnv({ AWS_ACCESS_KEY_ID: "AKID-VISIBLE" }), {
    name: "ConfigError",
    message: "Invalid configuration: AWS_SECRET_ACCESS_KEY is not set but AWS_ACCESS_KEY_ID is: " +
      "set both (and AWS_SESSION_TOKEN for temporary credentials)",
  });
  assert.throws(() => credentialsFromEnv({ AWS_SECRET_ACCESS_KEY: "s3cr3t" }), {
    name: "ConfigError",
    message: "Invalid configuration: AWS_ACCESS_KEY_ID is not set but AWS_SECRET_ACCESS_KEY is: " +
      "set both (and AWS_SESSION_TOKEN for temporary credentials)",
  });
});

Deno.test("credentialsFromEnv() refuses a plain-http FULL_URI on a non-local host", () => {
  assert.throws(
    () => credentialsFromEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://evil.example/creds" }),
    {
      name: "ConfigError",
      message:
        'Invalid configuration: AWS_CONTAINER_CREDENTIALS_FULL_URI "http://evil.example/creds" ' +
        "must be https, or http on a loopback or ECS link-local host",
    },
  );
});

Deno.test("credentialsFromEnv() fetches container credentials and refreshes them before Expiration", async () => {
  let nowMs = Date.parse("2024-01-01T00:00:00Z");
  await withEndpoint(
    (n) => keys(n, n === 1 ? "2024-01-01T01:00:00Z" : "2024-01-01T02:00:00Z"),
    async (base, seen) => {
      const provider = credentialsFromEnv(
        { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/abc-123" },
        { containerBaseUrl: base, now: () => nowMs },
      );
      assert.equal(provider.source, `${base}/v2/credentials/abc-123`);
      const [a, b] = await Promise.all([provider.get(), provider.get()]);
      assert.deepEqual(a, {
        accessKeyId: "ASIA1",
        secretAccessKey: "secret-1",
        sessionToken: "token-1",
        expiresAtMs: Date.parse("2024-01-01T01:00:00Z"),
      });
      assert.deepEqual(b, a);
      nowMs = Date.parse("2024-01-01T00:54:59Z");
      assert.equal((await provider.get()).accessKeyId, "ASIA1");
      nowMs = Date.parse("2024-01-01T00:55:00Z");
      assert.equal((await provider.get()).accessKeyId, "ASIA2");
      provider.invalidate();
      assert.equal((await provider.get()).accessKeyId, "ASIA3");
      assert.deepEqual(seen, [
        { path: "/v2/credentials/abc-123", authorization: null },
        { path: "/v2/credentials/abc-123", authorization: null },
        { path: "/v2/credentials/abc-123", authorization: null },
      ]);
    },
  );
});

Deno.test("credentialsFromEnv() sends the FULL_URI authorization token from its file", async () => {
  await withEndpoint(() => keys(1, "2099-01-01T00:00:00Z"), async (base, seen) => {
    const provider = credentialsFromEnv({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${base}/get-credentials`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/run/token",
    }, { readTextFile: (path) => Promise.resolve(path === "/run/token" ? "tok-xyz\n" : "") });
    assert.equal((await provider.get()).accessKeyId, "ASIA1");
    assert.deepEqual(seen, [{ path: "/get-credentials", authorization: "tok-xyz" }]);
  });
});

Deno.test("credentialsFromEnv() retries a failing endpoint, then fails with the status", async () => {
  await withEndpoint((n) => new Response(`down ${n}`, { status: 500 }), async (base, seen) => {
    const sleeps: number[] = [];
    const provider = credentialsFromEnv(
      { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/creds" },
      {
        containerBaseUrl: base,
        retry: {
          attempts: 3,
          sleep: (ms) => (sleeps.push(ms), Promise.resolve()),
          random: () => 0,
        },
      },
    );
    await assert.rejects(() => provider.get(), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, "RetryError");
      assert.equal(
        error.message,
        `Cannot complete the request after 3 attempts: Cannot fetch container credentials from ` +
          `"${base}/creds": status 500: down 3`,
      );
      assert.ok(error.cause instanceof HttpError);
      return true;
    });
    assert.equal(seen.length, 3);
    assert.deepEqual(sleeps, [125, 250]);
  });
});

Deno.test("parseContainerCredentials() throws SyntaxError naming the missing field", () => {
  assert.throws(() => parseContainerCredentials('{"AccessKeyId":"A"}', "http://x/c"), {
    name: "SyntaxError",
    message: 'Invalid container credentials from "http://x/c": SecretAccessKey is missing',
  });
  assert.throws(() => parseContainerCredentials("<html>", "http://x/c"), {
    name: "SyntaxError",
    message: 'Invalid container credentials from "http://x/c": not JSON',
  });
  assert.throws(
    () =>
      parseContainerCredentials(
        '{"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"}',
        "http://x/c",
      ),
    {
      name: "SyntaxError",
      message: 'Invalid container credentials from "http://x/c": Expiration is not a date',
    },
  );
});
