import assert from "node:assert/strict";
import type { TaskDeclaration } from "../../src/config/declaration.ts";
import { flagTable } from "../../src/config/flag_table.ts";
import { helpText } from "../../src/config/help_text.ts";

const DECLARATION: TaskDeclaration = {
  name: "sample",
  script: "tasks/sample.ts",
  purpose: "Do one thing.",
  usage: "[--lake URI]",
  details: ["A detail."],
  flags: [
    {
      name: "lake",
      kind: "uri",
      arg: "URI",
      env: "X_LAKE",
      default: "file://./x",
      help: "where | the lake is",
    },
    { name: "n", kind: "int", arg: "N", default: "2", min: 1, max: 9, help: "how many" },
  ],
  env: [{ name: "X_SECRET", help: "a secret" }],
  exitCodes: { ok: "done", failed: "not done" },
  examples: ["deno task sample --n 3"],
};

Deno.test("helpText() writes usage, purpose, flags, environment, exit codes and the example", () => {
  assert.equal(
    helpText(DECLARATION),
    [
      "Usage: deno task sample [--lake URI]",
      "",
      "Do one thing.",
      "",
      "A detail.",
      "",
      "Flags (a flag wins over its environment variable; an empty variable counts as unset):",
      "  --lake URI            where | the lake is (env X_LAKE; default: file://./x)",
      "  --n N                 how many (valid: 1..9; default: 2)",
      "  -h, --help            show this text and exit",
      "",
      "Environment:",
      "  X_LAKE                same as --lake",
      "  X_SECRET              a secret",
      "",
      "Exit codes:",
      "  0                     done",
      "  1                     not done",
      "  2                     bad configuration: the message names every problem; nothing was done",
      "",
      "Example:",
      "  deno task sample --n 3",
      "",
      "Logs: one JSON line per event on stderr when stderr is not a terminal.",
    ].join("\n"),
  );
});

Deno.test("helpText() never breaks a default across lines", () => {
  const long: TaskDeclaration = {
    ...DECLARATION,
    flags: [{ ...DECLARATION.flags[0]!, help: "word ".repeat(14).trim(), default: "a b c d" }],
  };
  assert.ok(helpText(long).includes("default: a b c d)"));
});

Deno.test("flagTable() pads columns as deno fmt does and escapes pipes", () => {
  assert.equal(
    flagTable(DECLARATION),
    [
      "| Flag         | Variable | Default      | Valid values | What it does            |",
      "| ------------ | -------- | ------------ | ------------ | ----------------------- |",
      "| `--lake URI` | `X_LAKE` | `file://./x` | –            | where \\| the lake is    |",
      "| `--n N`      | –        | `2`          | 1..9         | how many                |",
      "| `-h, --help` | –        | –            | –            | show this text and exit |",
      "",
      "| Other variable | What it is for |",
      "| -------------- | -------------- |",
      "| `X_SECRET`     | a secret       |",
    ].join("\n"),
  );
});
