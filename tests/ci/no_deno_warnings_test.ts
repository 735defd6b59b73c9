/** .ci/no_deno_warnings.sh: the CI log check fails on a line from Deno's warning printer. */
import assert from "node:assert/strict";

const SCRIPT = new URL("../../.ci/no_deno_warnings.sh", import.meta.url).pathname;

async function check(log: string): Promise<{ code: number; stdout: string }> {
  const file = await Deno.makeTempFile({ suffix: ".log" });
  try {
    await Deno.writeTextFile(file, log);
    const out = await new Deno.Command("bash", { args: [SCRIPT, file], stderr: "null" }).output();
    return { code: out.code, stdout: new TextDecoder().decode(out.stdout) };
  } finally {
    await Deno.remove(file);
  }
}

Deno.test("no_deno_warnings.sh fails on Deno's Warning lines, coloured or not", async () => {
  const coloured = "\x1b[0m\x1b[1m\x1b[33mWarning\x1b[0m Trying to set up 'arrow2csv' bin";
  const run = await check(`ok | 3 passed\n${coloured}\nWarning: something else\n`);
  assert.equal(run.code, 1);
  assert.equal(run.stdout.trim().split("\n").length, 2);
  assert.match(run.stdout, /:2:.*Trying to set up 'arrow2csv'/);
});

Deno.test("no_deno_warnings.sh passes a log whose lines only mention warnings", async () => {
  const run = await check(
    "45 passed, 8 warnings in 80.70s\nWARNING airflow: x\n  Warning inside\n",
  );
  assert.deepEqual(run, { code: 0, stdout: "" });
});
