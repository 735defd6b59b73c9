/**
 * Integration: key-pair (JWT) authentication through the real snowflake-sdk. The bridge checks
 * the RS256 signature against the public key it was given, as Snowflake checks the user's
 * RSA_PUBLIC_KEY (it does not check the fingerprint claims).
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { SnowflakeError } from "../../src/load/snowflake_error.ts";
import { connectSnowflake, type SnowflakeAuth } from "../../src/snowflake.ts";
import { fakesnowInstalled, startFakesnow } from "../_fakesnow.ts";

function keyPair(passphrase?: string) {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: passphrase
      ? { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase }
      : { type: "pkcs8", format: "pem" },
  });
}

Deno.test({
  name: "connectSnowflake() logs in with a key pair, encrypted or not, and rejects another key",
  ignore: !fakesnowInstalled(),
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-keypair-" });
  const good = keyPair("pass-phrase-1");
  await Deno.writeTextFile(`${dir}/rsa_key.pub`, good.publicKey);
  const fs = await startFakesnow({ publicKeyPath: `${dir}/rsa_key.pub` });
  const connect = (auth: SnowflakeAuth) =>
    connectSnowflake({
      account: "airq_test",
      username: "LOADER",
      auth,
      host: fs.host,
      port: fs.port,
      protocol: "http",
    }, { loginRetries: 0, queryRetries: 0 });
  try {
    const s = await connect({
      kind: "keypair",
      privateKey: good.privateKey,
      passphrase: "pass-phrase-1",
    });
    const { rows } = await s.execute("SELECT 41 + 1 AS ANSWER");
    assert.deepEqual(rows, [{ ANSWER: 42 }]);
    await s.close();

    const other = keyPair();
    const error = await connect({ kind: "keypair", privateKey: other.privateKey }).then(
      () => undefined,
      (e) => e,
    );
    assert.ok(error instanceof SnowflakeError, String(error));
    assert.equal(error.kind, "authentication");
    assert.ok(!error.message.includes("PRIVATE KEY"), error.message);
  } finally {
    await fs.close();
    await Deno.remove(dir, { recursive: true });
  }
});
