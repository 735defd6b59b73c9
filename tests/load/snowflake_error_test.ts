import assert from "node:assert/strict";
import {
  classifySnowflakeError,
  redactSecrets,
  SnowflakeError,
  toSnowflakeError,
} from "../../src/load/snowflake_error.ts";

const OPTS = { action: 'run "INSERT"', secrets: ["hunter2-pw"] };

Deno.test("classifySnowflakeError() recognises what to fix from code, name and message", () => {
  const cases: [Record<string, unknown>, string][] = [
    [
      { code: "390100", message: "Incorrect username or password was specified." },
      "authentication",
    ],
    [{ code: 390144, message: "JWT token is invalid." }, "authentication"],
    [{
      code: "390189",
      message: "Role 'X' specified in the connect string is not granted to this user.",
    }, "role"],
    [
      { code: "000606", message: "No active warehouse selected in the current session." },
      "warehouse",
    ],
    [{
      code: "003001",
      message: "SQL access control error: Insufficient privileges to operate on schema 'CLEAN'",
    }, "permission"],
    [
      { code: "002003", message: "Schema 'AIRQ.CLEAN' does not exist or not authorized." },
      "missing_object",
    ],
    [{ code: "390114", message: "Authentication token has expired." }, "session"],
    [{ code: "401004", message: "Request to Snowflake failed. Invalid token" }, "session"],
    [
      { name: "NetworkError", code: "401001", message: "connect ECONNREFUSED 127.0.0.1:1" },
      "network",
    ],
    [{ message: "getaddrinfo ENOTFOUND x.snowflakecomputing.com" }, "network"],
    [{ code: "002043", message: "SQL compilation error: invalid identifier 'NOPE'" }, "sql"],
  ];
  for (const [e, kind] of cases) assert.equal(classifySnowflakeError(e), kind, JSON.stringify(e));
});

Deno.test("toSnowflakeError() says what failed, the driver's words and what to fix", () => {
  const e = toSnowflakeError(
    {
      code: "000606",
      sqlState: "57P03",
      message: "No active warehouse selected in the current session.",
    },
    OPTS,
  );
  assert.ok(e instanceof SnowflakeError);
  assert.equal(e.kind, "warehouse");
  assert.equal(e.code, "000606");
  assert.equal(e.sqlState, "57P03");
  assert.equal(e.retriable, false);
  assert.equal(
    e.message,
    'Cannot run "INSERT": warehouse error: 000606: No active warehouse selected in the current session.: ' +
      "check that SNOWFLAKE_WAREHOUSE is set, exists, and that the role has USAGE on it (GRANT USAGE ON WAREHOUSE … TO ROLE …)",
  );
});

Deno.test("toSnowflakeError() marks network and session errors retriable and keeps SnowflakeErrors", () => {
  const net = toSnowflakeError(
    { name: "NetworkError", code: 401001, message: "socket hang up" },
    OPTS,
  );
  assert.equal(net.retriable, true);
  assert.equal(toSnowflakeError(net, OPTS), net);
  const plain = toSnowflakeError("boom", OPTS);
  assert.equal(plain.kind, "sql");
  assert.equal(plain.code, undefined);
});

Deno.test("toSnowflakeError() never echoes a configured secret", () => {
  const e = toSnowflakeError(
    { code: "390100", message: 'login failed for password "hunter2-pw" (escaped: hunter2-pw)' },
    OPTS,
  );
  assert.ok(!e.message.includes("hunter2-pw"), e.message);
  assert.match(e.message, /password "\*\*\*" \(escaped: \*\*\*\)/);
});

Deno.test("redactSecrets() replaces raw and JSON-escaped secrets and ignores short or empty ones", () => {
  const key = "-----BEGIN PRIVATE KEY-----\nABC\n-----END PRIVATE KEY-----";
  assert.equal(
    redactSecrets(`a ${JSON.stringify(key)} b ${key} c`, [key, undefined, "", "ab"]),
    'a "***" b *** c',
  );
});
