import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { ConfigError } from "../../src/errors.ts";
import { readLoadConfig } from "../../src/load/config.ts";

const NOW = Temporal.Instant.from("2024-04-01T08:00:00Z");
const OPTS = { now: NOW, cwd: "/work" };
const PAIR = { modulusLength: 1024, publicKeyEncoding: { type: "spki", format: "pem" } } as const;
const PEM = generateKeyPairSync("rsa", {
  ...PAIR,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
}).privateKey;
const ENCRYPTED_PEM = generateKeyPairSync("rsa", {
  ...PAIR,
  privateKeyEncoding: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pp" },
}).privateKey;
const BASE = {
  SNOWFLAKE_ACCOUNT: "myorg-acct",
  SNOWFLAKE_USER: "LOADER",
  SNOWFLAKE_PASSWORD: "pw-secret",
};

function config(
  args: string[],
  env: Record<string, string | undefined>,
  privateKeyFile?: string | Error,
) {
  const r = readLoadConfig(args, env, { ...OPTS, privateKeyFile });
  if (r.help) throw new Error("unexpected help");
  return r.config;
}

function problems(
  args: string[],
  env: Record<string, string | undefined>,
  privateKeyFile?: string | Error,
) {
  try {
    readLoadConfig(args, env, { ...OPTS, privateKeyFile });
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
  throw new Error("expected a ConfigError");
}

Deno.test("readLoadConfig() applies the defaults", () => {
  assert.deepEqual(config([], BASE), {
    dates: ["2024-03-31"],
    lake: "file://./lake",
    cleanTable: "aggregate_station_by_day",
    table: { database: "AIRQ", schema: "CLEAN", table: "AGGREGATE_STATION_BY_DAY" },
    compliance: {
      table: { database: "AIRQ", schema: "CLEAN", table: "COMPLIANCE_STATION_BY_YEAR" },
      years: ["2024"],
    },
    batchSize: 1000,
    createSchema: false,
    force: false,
    dryRun: false,
    connection: {
      account: "myorg-acct",
      username: "LOADER",
      auth: { kind: "password", password: "pw-secret" },
    },
  });
});

Deno.test("readLoadConfig() reads flags, env and the connection overrides", () => {
  const c = config(
    [
      "--date",
      "2024-03-30",
      "--to",
      "2024-04-01",
      "--lake",
      "s3://bucket/p",
      "--batch-size",
      "500",
      "--create-schema",
    ],
    {
      ...BASE,
      SNOWFLAKE_ROLE: "LOADER_ROLE",
      SNOWFLAKE_WAREHOUSE: "LOAD_WH",
      SNOWFLAKE_DATABASE: "analytics",
      SNOWFLAKE_SCHEMA: "air",
      AIRQ_SNOWFLAKE_TABLE: "daily",
      SNOWFLAKE_HOST: "127.0.0.1",
      SNOWFLAKE_PORT: "8080",
      SNOWFLAKE_PROTOCOL: "http",
    },
  );
  assert.deepEqual(c.dates, ["2024-03-30", "2024-03-31", "2024-04-01"]);
  assert.equal(c.lake, "s3://bucket/p");
  assert.deepEqual(c.table, { database: "ANALYTICS", schema: "AIR", table: "DAILY" });
  assert.equal(c.batchSize, 500);
  assert.equal(c.createSchema, true);
  assert.deepEqual(c.connection, {
    account: "myorg-acct",
    username: "LOADER",
    role: "LOADER_ROLE",
    warehouse: "LOAD_WH",
    database: "analytics",
    schema: "air",
    auth: { kind: "password", password: "pw-secret" },
    host: "127.0.0.1",
    port: 8080,
    protocol: "http",
  });
});

Deno.test("readLoadConfig() lets --table win over AIRQ_SNOWFLAKE_TABLE", () => {
  const c = config(["--table", "db.s.t"], { ...BASE, AIRQ_SNOWFLAKE_TABLE: "other" });
  assert.deepEqual(c.table, { database: "DB", schema: "S", table: "T" });
});

Deno.test("readLoadConfig() reads a key pair from the env or from the key file", () => {
  const env = { SNOWFLAKE_ACCOUNT: "a", SNOWFLAKE_USER: "u" };
  assert.deepEqual(
    config([], { ...env, SNOWFLAKE_PRIVATE_KEY: PEM.replaceAll("\n", "\\n") }).connection.auth,
    {
      kind: "keypair",
      privateKey: PEM,
    },
  );
  const encrypted = ENCRYPTED_PEM;
  assert.deepEqual(
    config([], {
      ...env,
      SNOWFLAKE_PRIVATE_KEY_PATH: "/k.p8",
      SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: "pp",
    }, encrypted)
      .connection.auth,
    { kind: "keypair", privateKey: encrypted, passphrase: "pp" },
  );
});

Deno.test("readLoadConfig() lists every problem at once", () => {
  assert.deepEqual(
    problems([
      "--date",
      "2024-02-30",
      "--to",
      "x",
      "--table",
      "a.b;c.t",
      "--batch-size",
      "5000",
      "--lake",
      "ftp://x",
    ], {
      SNOWFLAKE_PORT: "99999",
      SNOWFLAKE_PROTOCOL: "gopher",
      SNOWFLAKE_WAREHOUSE: "wh-1",
      AIRQ_TIMEZONE: "Mars/Base",
    }),
    [
      'AIRQ_TIMEZONE: Unknown time zone "Mars/Base": use an IANA name such as Europe/Brussels',
      '--date: Invalid date "2024-02-30": no such calendar day',
      '--to: Invalid date "x": expected YYYY-MM-DD',
      '--lake: Invalid lake URI "ftp://x": unknown scheme; use file:///abs/path, file://./rel/path or s3://bucket/prefix',
      '--table schema "b;c" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"',
      '--batch-size: "5000" must be an integer from 1 to 3000',
      "SNOWFLAKE_ACCOUNT must be set",
      "SNOWFLAKE_USER must be set",
      'SNOWFLAKE_WAREHOUSE "wh-1" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"',
      'SNOWFLAKE_PORT "99999" must be an integer from 1 to 65535',
      'SNOWFLAKE_PROTOCOL "gopher" must be "https" or "http"',
      "SNOWFLAKE_PORT and SNOWFLAKE_PROTOCOL need SNOWFLAKE_HOST",
      "SNOWFLAKE_PRIVATE_KEY, SNOWFLAKE_PRIVATE_KEY_PATH or SNOWFLAKE_PASSWORD must be set",
    ],
  );
});

Deno.test("readLoadConfig() refuses contradictory or unusable credentials without echoing them", () => {
  const env = { SNOWFLAKE_ACCOUNT: "a", SNOWFLAKE_USER: "u" };
  const cases: [Record<string, string>, string | Error | undefined, string][] = [
    [
      { SNOWFLAKE_PASSWORD: "pw-secret", SNOWFLAKE_PRIVATE_KEY: PEM },
      undefined,
      "SNOWFLAKE_PASSWORD and SNOWFLAKE_PRIVATE_KEY are both set: set exactly one way to authenticate",
    ],
    [
      { SNOWFLAKE_PRIVATE_KEY: PEM, SNOWFLAKE_PRIVATE_KEY_PATH: "/k.p8" },
      PEM,
      "SNOWFLAKE_PRIVATE_KEY and SNOWFLAKE_PRIVATE_KEY_PATH are both set: set exactly one way to authenticate",
    ],
    [
      { SNOWFLAKE_PASSWORD: "pw-secret", SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: "pp-secret" },
      undefined,
      "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE is set but no private key is configured",
    ],
    [
      { SNOWFLAKE_PRIVATE_KEY: "not-a-key-secret" },
      undefined,
      'SNOWFLAKE_PRIVATE_KEY is not a PEM PKCS#8 private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN ENCRYPTED PRIVATE KEY-----")',
    ],
    [
      { SNOWFLAKE_PRIVATE_KEY_PATH: "/nope.p8" },
      new Error("No such file or directory (os error 2)"),
      'SNOWFLAKE_PRIVATE_KEY_PATH: cannot read "/nope.p8": No such file or directory (os error 2)',
    ],
    [
      { SNOWFLAKE_PRIVATE_KEY_PATH: "/k.p8" },
      ENCRYPTED_PEM,
      'SNOWFLAKE_PRIVATE_KEY_PATH "/k.p8" is encrypted: set SNOWFLAKE_PRIVATE_KEY_PASSPHRASE',
    ],
    [
      {
        SNOWFLAKE_PRIVATE_KEY:
          "-----BEGIN PRIVATE KEY-----\nsecret+garbage\n-----END PRIVATE KEY-----",
      },
      undefined,
      "Cannot read the private key of SNOWFLAKE_PRIVATE_KEY: the PEM block does not decode to a " +
      'private key: set it to the key made by "openssl genrsa 2048 | openssl pkcs8 -topk8 ' +
      '-nocrypt" (whole, with its BEGIN/END lines)',
    ],
    [
      { SNOWFLAKE_PRIVATE_KEY_PATH: "/k.p8", SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: "wrong-secret" },
      ENCRYPTED_PEM,
      'Cannot read the private key of SNOWFLAKE_PRIVATE_KEY_PATH "/k.p8": the PEM block does not ' +
      "decode to a private key with SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: set it to the key made by " +
      '"openssl genrsa 2048 | openssl pkcs8 -topk8 -nocrypt" (whole, with its BEGIN/END lines) ' +
      "or check the passphrase",
    ],
  ];
  for (const [extra, file, message] of cases) {
    const p = problems([], { ...env, ...extra }, file);
    assert.deepEqual(p, [message]);
    assert.ok(!p.join().includes("secret"));
  }
});

Deno.test("readLoadConfig() refuses an account given as a URL and a host with a scheme", () => {
  assert.deepEqual(
    problems([], {
      ...BASE,
      SNOWFLAKE_ACCOUNT: "https://x.snowflakecomputing.com",
      SNOWFLAKE_HOST: "http://h:1",
    }),
    [
      'SNOWFLAKE_ACCOUNT "https://x.snowflakecomputing.com" must be an account identifier like "myorg-myaccount" (no scheme, no ".snowflakecomputing.com")',
      'SNOWFLAKE_HOST "http://h:1" must be a host name only (no scheme, port or path)',
    ],
  );
});

Deno.test("readLoadConfig() refuses an account or host Deno could not grant network access to", () => {
  assert.deepEqual(problems([], { ...BASE, SNOWFLAKE_ACCOUNT: "a..b", SNOWFLAKE_HOST: "h..x" }), [
    'SNOWFLAKE_ACCOUNT "a..b" must be an account identifier like "myorg-myaccount" (no scheme, no ".snowflakecomputing.com")',
    'SNOWFLAKE_HOST "h..x" must be a host name only (no scheme, port or path)',
  ]);
});

Deno.test("readLoadConfig() reports a bad SNOWFLAKE_DATABASE once and a too-long range", () => {
  assert.deepEqual(
    problems(["--date", "2023-01-01", "--to", "2024-03-01"], {
      ...BASE,
      SNOWFLAKE_DATABASE: "my-db",
    }),
    [
      '--date "2023-01-01" to --to "2024-03-01" spans 426 days: load at most 366 per run',
      'SNOWFLAKE_DATABASE "my-db" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"',
    ],
  );
});

Deno.test("readLoadConfig() rejects unknown flags and answers --help", () => {
  assert.deepEqual(problems(["--tabel", "x"], BASE).length, 1);
  assert.match(
    problems(["--tabel", "x"], BASE)[0]!,
    /^Unknown option '--tabel'; did you mean --table\?$/,
  );
  assert.deepEqual(readLoadConfig(["--help"], {}, OPTS), { help: true });
});

Deno.test("readLoadConfig() reports a bad --date once, not again as --to", () => {
  assert.deepEqual(problems(["--date", "2024-13-01"], BASE), [
    '--date: Invalid date "2024-13-01": no such calendar day',
  ]);
});

Deno.test("readLoadConfig() rejects --to before --date", () => {
  assert.deepEqual(problems(["--date", "2024-03-02", "--to", "2024-03-01"], BASE), [
    'Invalid range: --to "2024-03-01" is before --date "2024-03-02"',
  ]);
});

Deno.test("readLoadConfig() adds --lookback-days, reads --force and takes the array job's day", () => {
  const c = config([
    "--date",
    "2024-03-01",
    "--to",
    "2024-03-31",
    "--lookback-days",
    "2",
    "--force",
  ], {
    ...BASE,
    AWS_BATCH_JOB_ARRAY_INDEX: "1",
  });
  assert.deepEqual([c.dates, c.force], [["2024-02-29", "2024-03-01", "2024-03-02"], true]);
});

Deno.test("readLoadConfig() loads the compliance years of the dates into --compliance-table", () => {
  const c = config(["--date", "2023-12-30", "--to", "2024-01-02", "--compliance-table", "m.c"], {
    ...BASE,
    SNOWFLAKE_DATABASE: "lake_db",
  });
  assert.deepEqual(c.compliance, {
    table: { database: "LAKE_DB", schema: "M", table: "C" },
    years: ["2023", "2024"],
  });
  assert.throws(() => config(["--compliance-table", "a.b.c.d"], BASE), {
    name: "ConfigError",
    message: 'Invalid configuration: --compliance-table "a.b.c.d" has more than 3 parts: use ' +
      "DB.SCHEMA.TABLE",
  });
});

Deno.test("readLoadConfig() loads the hourly table into MEASUREMENTS_HOURLY unless --table", () => {
  const hourly = config(["--clean-table", "measurements_hourly", "--dry-run"], BASE);
  assert.equal(hourly.cleanTable, "measurements_hourly");
  assert.equal(hourly.dryRun, true);
  assert.deepEqual(hourly.compliance.years, [], "the compliance years go with the daily table");
  assert.deepEqual(hourly.table, {
    database: "AIRQ",
    schema: "CLEAN",
    table: "MEASUREMENTS_HOURLY",
  });
  const named = config(["--clean-table", "measurements_hourly", "--table", "raw.hourly"], BASE);
  assert.deepEqual(named.table, { database: "AIRQ", schema: "RAW", table: "HOURLY" });
});

Deno.test("readLoadConfig() refuses an unknown --clean-table", () => {
  assert.throws(
    () => config(["--clean-table", "hourly"], BASE),
    (e: Error) =>
      e.message.includes(
        '--clean-table: "hourly" must be aggregate_station_by_day or measurements_hourly',
      ),
  );
});
