import assert from "node:assert/strict";
import { closestFlag, editDistance } from "../../src/config/closest_flag.ts";

const NAMES = ["date", "to", "lake", "timezone", "lookback-days", "force", "workers", "help"];

Deno.test("editDistance() counts inserts, deletes, replacements and swapped neighbours", () => {
  assert.equal(editDistance("date", "date"), 0);
  assert.equal(editDistance("dat", "date"), 1);
  assert.equal(editDistance("dtae", "date"), 1);
  assert.equal(editDistance("lake", "late"), 1);
  assert.equal(editDistance("", "to"), 2);
  assert.equal(editDistance("kitten", "sitting"), 3);
});

Deno.test("closestFlag() picks the only flag a prefix starts, else the nearest one", () => {
  assert.equal(closestFlag("dat", NAMES), "date");
  assert.equal(closestFlag("look", NAMES), "lookback-days");
  assert.equal(closestFlag("lookback", NAMES), "lookback-days");
  assert.equal(closestFlag("timzone", NAMES), "timezone");
  assert.equal(closestFlag("worker", NAMES), "workers");
  assert.equal(closestFlag("Lake", NAMES), "lake");
});

Deno.test("closestFlag() gives nothing when no flag is close or two are as close", () => {
  assert.equal(closestFlag("verbose", NAMES), undefined);
  assert.equal(closestFlag("x", NAMES), undefined);
  assert.equal(closestFlag("", NAMES), undefined);
  assert.equal(closestFlag("ab", ["ac", "ad"]), undefined);
});
