/** docs/operations.md's Terraform tables name every file, variable and output of terraform/. */
import assert from "node:assert/strict";
import { loadTerraform, TERRAFORM_DIR } from "./_hcl.ts";

const tf = await loadTerraform();
const docs = await Deno.readTextFile(new URL("../../../docs/operations.md", import.meta.url));
const section = docs.slice(docs.indexOf("\n## Terraform\n"), docs.indexOf("\n## AWS Batch\n"));

/** The first-column names of the table whose header row starts with `| <header> `. */
function firstColumn(header: string): string[] {
  const lines = section.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`| ${header} `));
  assert.ok(start >= 0, `no table "${header}" in docs/operations.md, "Terraform"`);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(/^\| `([^`]+)`/.exec(line)?.[1] ?? line);
  }
  return rows;
}

Deno.test("docs/operations.md lists every variable of terraform/ with its switch default", () => {
  assert.deepEqual(firstColumn("variable").sort(), Object.keys(tf.variable).sort());
  for (const name of Object.keys(tf.variable).filter((v) => v.startsWith("create_"))) {
    assert.ok(section.includes(`| \`${name}\``), name);
    const row = section.split("\n").find((line) => line.startsWith(`| \`${name}\``))!;
    assert.match(row, /\| `false` +\|/, name);
  }
});

Deno.test("docs/operations.md lists every .tf file and every output of terraform/", () => {
  const files = [...Deno.readDirSync(TERRAFORM_DIR)].map((e) => e.name)
    .filter((name) => name.endsWith(".tf"));
  assert.deepEqual(firstColumn("file").sort(), files.sort());
  const outputsRow = section.split("\n").find((line) => line.startsWith("| `outputs.tf`"))!;
  for (const name of Object.keys(tf.output)) {
    const listed = outputsRow.includes(`\`${name}\``) ||
      (name === "job_definition_arns" && outputsRow.includes("`job_definition_names`/`_arns`"));
    assert.ok(listed, `output ${name} is not in the outputs.tf row`);
  }
});
