import assert from "node:assert/strict";
import {
  identifierProblem,
  parseTableName,
  quoteIdentifier,
  quoteTableName,
} from "../../src/load/identifiers.ts";

const DEFAULTS = { database: "AIRQ", schema: "CLEAN" };

Deno.test("quoteIdentifier() quotes the upper-case form of a valid unquoted identifier", () => {
  assert.equal(quoteIdentifier("station_id"), '"STATION_ID"');
  assert.equal(quoteIdentifier("_x$1"), '"_X$1"');
  assert.equal(quoteIdentifier("a".repeat(255)), `"${"A".repeat(255)}"`);
});

Deno.test("quoteIdentifier() throws TypeError for hostile or invalid names", () => {
  for (
    const bad of ['t"; DROP TABLE x; --', "1abc", "", "a b", "a.b", "a".repeat(256), "é", "a-b"]
  ) {
    assert.throws(() => quoteIdentifier(bad), TypeError, bad);
  }
  assert.throws(
    () => quoteIdentifier('x"y'),
    {
      name: "TypeError",
      message:
        'Identifier "x\\"y" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"',
    },
  );
});

Deno.test("identifierProblem() cuts long values in the message", () => {
  const problem = identifierProblem("-".repeat(300), "table");
  assert.equal(
    problem,
    `table "${
      "-".repeat(80)
    }…" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"`,
  );
});

Deno.test("parseTableName() fills missing leading parts from the defaults", () => {
  assert.deepEqual(parseTableName("agg", DEFAULTS).name, {
    database: "AIRQ",
    schema: "CLEAN",
    table: "AGG",
  });
  assert.deepEqual(parseTableName("raw.agg", DEFAULTS).name, {
    database: "AIRQ",
    schema: "RAW",
    table: "AGG",
  });
  assert.deepEqual(parseTableName("db1.s1.t1", DEFAULTS).name, {
    database: "DB1",
    schema: "S1",
    table: "T1",
  });
});

Deno.test("parseTableName() lists every bad part and refuses more than 3 parts", () => {
  assert.deepEqual(parseTableName('db.s;x."t"', DEFAULTS, "--table").problems, [
    '--table schema "s;x" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"',
    '--table table "\\"t\\"" is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"',
  ]);
  assert.deepEqual(parseTableName("a.b.c.d", DEFAULTS, "--table").problems, [
    '--table "a.b.c.d" has more than 3 parts: use DB.SCHEMA.TABLE',
  ]);
});

Deno.test("quoteTableName() joins the three quoted parts", () => {
  assert.equal(
    quoteTableName({ database: "airq", schema: "clean", table: "agg" }),
    '"AIRQ"."CLEAN"."AGG"',
  );
});
