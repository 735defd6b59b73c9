import assert from "node:assert/strict";
import { readConnectionConfig } from "../../src/load/connection_config.ts";

Deno.test("readConnectionConfig() returns the settings and no problems when complete", () => {
  assert.deepEqual(
    readConnectionConfig({
      SNOWFLAKE_ACCOUNT: " myorg-acct ",
      SNOWFLAKE_USER: "LOADER",
      SNOWFLAKE_PASSWORD: "pw-secret",
      SNOWFLAKE_ROLE: "",
    }),
    {
      connection: {
        account: "myorg-acct",
        username: "LOADER",
        auth: { kind: "password", password: "pw-secret" },
      },
      problems: [],
    },
  );
});

Deno.test("readConnectionConfig() collects problems instead of throwing", () => {
  const { problems } = readConnectionConfig({ SNOWFLAKE_ROLE: "bad role" });
  assert.deepEqual(problems, [
    "SNOWFLAKE_ACCOUNT must be set",
    "SNOWFLAKE_USER must be set",
    'SNOWFLAKE_ROLE "bad role" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"',
    "SNOWFLAKE_PRIVATE_KEY, SNOWFLAKE_PRIVATE_KEY_PATH or SNOWFLAKE_PASSWORD must be set",
  ]);
});
