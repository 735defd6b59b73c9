/** The generated flag tables of docs/tasks.md, and the check that they are not stale. */
import assert from "node:assert/strict";
import { DOCS_COMMAND, DOCS_PAGE, rewriteTables } from "../../src/launch/docs_tables.ts";
import { loadAllTasks } from "../../src/launch/registry.ts";

const TASKS = await loadAllTasks();
const DECLARATIONS = TASKS.map((t) => t.declaration);

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test(`${DOCS_PAGE} has the flag tables of the current declarations`, async () => {
  const page = await Deno.readTextFile(`${ROOT}${DOCS_PAGE}`);
  assert.ok(
    rewriteTables(page, DECLARATIONS) === page,
    `The flag tables of ${DOCS_PAGE} are stale: run \`${DOCS_COMMAND}\` and commit the page`,
  );
  for (const { declaration } of TASKS) {
    assert.ok(page.includes(`<!-- BEGIN GENERATED: flags ${declaration.name} -->`));
  }
});

Deno.test("rewriteTables() replaces only what is between the markers and adds missing ones", () => {
  const page = [
    "# Tasks",
    "",
    "Prose before.",
    "<!-- BEGIN GENERATED: flags ingest -->",
    "| old | table |",
    "<!-- END GENERATED: flags ingest -->",
    "Prose after.",
    "",
  ].join("\n");
  const out = rewriteTables(page, DECLARATIONS);
  assert.ok(out.startsWith("# Tasks\n\nProse before.\n<!-- BEGIN GENERATED: flags ingest -->\n"));
  assert.ok(out.includes("<!-- END GENERATED: flags ingest -->\nProse after.\n"));
  assert.ok(!out.includes("| old | table |"));
  assert.ok(out.includes("| `--api-url URL`"));
  assert.ok(out.includes("## fixture-server\n\n<!-- BEGIN GENERATED: flags fixture-server -->"));
  assert.equal(rewriteTables(out, DECLARATIONS), out);
});

Deno.test("rewriteTables() refuses a begin marker without its end", () => {
  assert.throws(
    () => rewriteTables("<!-- BEGIN GENERATED: flags load -->\n| x |\n", DECLARATIONS),
    {
      name: "SyntaxError",
      message: `Cannot rewrite the flags of "load" in ${DOCS_PAGE}: ` +
        '"<!-- BEGIN GENERATED: flags load -->" has no "<!-- END GENERATED: flags load -->"',
    },
  );
});
