import assert from "node:assert/strict";
import { arrow, openDuckDb } from "../src/duckdb.ts";

Deno.test("openDuckDb() returns one instance per process", async () => {
  assert.equal(await openDuckDb(), await openDuckDb());
});

Deno.test("openDuckDb() fails fast instead of downloading the json extension", async () => {
  const db = await openDuckDb();
  assert.throws(() => db.query("SELECT * FROM read_json('x.json')"), (e: Error) => {
    assert.match(e.message, /^Catalog Error: .*"read_json".* exists in the json extension/);
    return true;
  });
});

Deno.test("openDuckDb() fails fast instead of downloading icu for time zones", async () => {
  const db = await openDuckDb();
  assert.throws(() => db.query("SELECT timezone('Europe/Brussels', now())"), (e: Error) => {
    assert.match(e.message, /Loading external extensions is disabled through configuration/);
    return true;
  });
});

Deno.test("DuckDb.insertArrow() replaces a table with the Arrow rows", async () => {
  const db = await openDuckDb();
  const table = (ids: bigint[]) =>
    new arrow.Table({
      id: arrow.makeVector(BigInt64Array.from(ids)),
      label: arrow.vectorFromArray(ids.map((i) => (i === 2n ? null : `s${i}`)), new arrow.Utf8()),
    });
  db.insertArrow("t_insert", table([1n, 2n, 3n]));
  db.insertArrow("t_insert", table([5n, 2n]));
  assert.deepEqual(db.rows("SELECT id, label FROM t_insert ORDER BY id"), [
    { id: 2n, label: null },
    { id: 5n, label: "s5" },
  ]);
  db.query("DROP TABLE t_insert");
});

Deno.test("DuckDb.insertArrow() rejects a table name that is not an identifier", async () => {
  const db = await openDuckDb();
  assert.throws(
    () => db.insertArrow("x; DROP TABLE y", new arrow.Table({})),
    new TypeError('Invalid table name: "x; DROP TABLE y"'),
  );
});
