/**
 * Every task's declaration reaches its `--help` and its docs table: each declared flag and
 * variable appears in both, and the help has the same parts for every task.
 */
import assert from "node:assert/strict";
import { declaredEnv } from "../../src/config/declaration.ts";
import { flagTable } from "../../src/config/flag_table.ts";
import { helpText } from "../../src/config/help_text.ts";
import { loadAllTasks } from "../../src/launch/registry.ts";

const TASKS = await loadAllTasks();

for (const { declaration } of TASKS) {
  Deno.test(`${declaration.name}: every declared flag and variable is in --help and the docs table`, () => {
    const help = helpText(declaration);
    const table = flagTable(declaration);
    for (const flag of declaration.flags) {
      assert.match(help, new RegExp(`^  --${flag.name}\\b`, "m"), `--${flag.name} in --help`);
      assert.match(table, new RegExp(`^\\| \`--${flag.name}\\b`, "m"), `--${flag.name} in table`);
      if (flag.default !== undefined) assert.ok(help.includes(flag.default), flag.default);
    }
    for (const name of declaredEnv(declaration)) {
      assert.match(help, new RegExp(`^  ${name}\\b`, "m"), `${name} in --help`);
      assert.ok(table.includes(`\`${name}\``), `${name} in table`);
    }
  });

  Deno.test(`${declaration.name}: --help has usage, flags, environment, exit codes and an example`, () => {
    const help = helpText(declaration);
    assert.ok(help.startsWith(`Usage: deno task ${declaration.name}`));
    const whatItDoes = help.split("\n")[2] ?? "";
    assert.ok(whatItDoes !== "" && declaration.purpose.startsWith(whatItDoes), whatItDoes);
    const parts = ["Flags (", "Environment:", "Exit codes:", "Example"];
    const at = parts.map((p) => help.indexOf(`\n${p}`));
    assert.ok(at.every((i) => i > 0), `${declaration.name}: ${JSON.stringify(at)}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at);
    assert.match(help, /^ {2}2 +bad configuration/m);
    assert.match(help, /^ {2}-h, --help/m);
    for (const example of declaration.examples) {
      assert.ok(example.startsWith(`deno task ${declaration.name}`), example);
    }
  });
}

Deno.test("every task has a distinct name and script", () => {
  const names = TASKS.map((t) => t.declaration.name);
  const scripts = TASKS.map((t) => t.declaration.script);
  assert.equal(new Set(names).size, names.length);
  assert.equal(new Set(scripts).size, scripts.length);
});

Deno.test("deno.json has a `deno task` for every declared task, run through the launcher", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const { tasks } = JSON.parse(await Deno.readTextFile(`${root}deno.json`)) as {
    tasks: Record<string, string>;
  };
  for (const { declaration } of TASKS) {
    assert.match(
      tasks[declaration.name] ?? "",
      new RegExp(` tasks/launch\\.ts ${declaration.name}$`),
    );
    await Deno.stat(`${root}${declaration.script}`);
  }
});
