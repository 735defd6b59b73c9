// deno-lint-ignore-file no-console
/**
 * Run the hand-made rule and order mutants (rule_mutants.ts) in a sandbox copy of the
 * project (src, tasks, tests, deno.json, deno.lock; node_modules linked), one at a time,
 * each judged by its own test files with `deno test --fail-fast`.
 */
import { applyMutant, RULE_MUTANTS } from "./rule_mutants.ts";

/** The score of one mutated module (or of the hand-made mutants). */
export interface Score {
  file: string;
  killed: number;
  total: number;
  survivors: string[];
  seconds: number;
}

const COPIED = ["src", "tasks", "tests", "deno.json", "deno.lock"];

/** Run every rule mutant from `root` in a sandbox under `out`. */
export async function runRuleMutants(
  root: string,
  out: string,
): Promise<Score> {
  const started = performance.now();
  const sandbox = `${out}/rule-sandbox`;
  await Deno.remove(sandbox, { recursive: true }).catch(() => {});
  await Deno.mkdir(sandbox, { recursive: true });
  for (const entry of COPIED) {
    const cp = await new Deno.Command("cp", {
      args: ["-a", `${root}${entry}`, sandbox],
    }).output();
    if (!cp.success) throw new Error(`Cannot copy ${entry} into ${sandbox}`);
  }
  await Deno.symlink(`${root}node_modules`, `${sandbox}/node_modules`);
  const test = (files: string[]) =>
    new Deno.Command(`${root}.tools/bin/deno`, {
      args: ["test", "-A", "--no-check", "--fail-fast", ...files],
      cwd: sandbox,
      env: { TZ: "UTC", NO_COLOR: "1" },
      stdout: "null",
      stderr: "null",
    }).output();
  // Unmutated, every test file must pass, or a "killed" mutant would prove nothing.
  const all = [...new Set(RULE_MUTANTS.flatMap((m) => m.tests))];
  if (!(await test(all)).success) {
    throw new Error(
      `Cannot run the rule mutants: ${all.join(" ")} fail before any mutation`,
    );
  }
  const survivors: string[] = [];
  for (const mutant of RULE_MUTANTS) {
    const path = `${sandbox}/${mutant.file}`;
    const original = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, applyMutant(original, mutant));
    const run = await test(mutant.tests);
    await Deno.writeTextFile(path, original);
    const verdict = run.success ? "SURVIVED" : "killed";
    console.error(`rule mutant ${verdict}: ${mutant.name} (${mutant.file})`);
    if (run.success) survivors.push(`${mutant.file}: ${mutant.name}`);
  }
  await Deno.remove(sandbox, { recursive: true });
  return {
    file: "rule and order mutants (by hand)",
    killed: RULE_MUTANTS.length - survivors.length,
    total: RULE_MUTANTS.length,
    survivors,
    seconds: Math.round((performance.now() - started) / 1000),
  };
}
