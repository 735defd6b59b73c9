/**
 * Run by permissions_test.ts in place of a task, with exactly the task's launcher flags:
 * tries each operation named on the command line and prints one JSON object of outcomes
 * ("ok" or the error class). Args: <write path>… as `write:<path>`, `read:<path>`,
 * `net:<url>`, `env:<NAME>`.
 */
const outcomes: Record<string, string> = {};
for (const arg of Deno.args) {
  const [op, target] = [arg.slice(0, arg.indexOf(":")), arg.slice(arg.indexOf(":") + 1)];
  try {
    if (op === "write") await Deno.writeTextFile(target, "probe");
    else if (op === "read") await Deno.readFile(target);
    else if (op === "net") await (await fetch(target)).body?.cancel();
    else if (op === "env") outcomes[arg] = Deno.env.get(target) === undefined ? "unset" : "set";
    outcomes[arg] ??= "ok";
  } catch (error) {
    outcomes[arg] = (error as Error).name;
  }
}
await Deno.stdout.write(new TextEncoder().encode(JSON.stringify(outcomes)));
