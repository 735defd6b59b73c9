// deno-lint-ignore-file no-console
/**
 * `deno task mutate [module…] [--concurrency N]`: mutation testing of the modules that hold
 * the pipeline's rules, with StrykerJS (installed by .ci/mutate/setup.sh) and its command
 * runner. Each module is mutated alone and judged only by its own test files (deno test
 * --fail-fast), so a run takes minutes on two cores. Prints the score per module and every
 * surviving mutant; reports are kept in .tools/mutation/. Not part of `npm test`.
 */
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { RULE_MUTANTS } from "./rule_mutants.ts";
import { runRuleMutants, type Score } from "./run_rule_mutants.ts";

/** A module under mutation and the test files that judge it. */
interface Module {
  file: string;
  tests: string[];
}

/** The rule modules, by name. */
const MODULES: Record<string, Module> = {
  day_window: {
    file: "src/time/day_window.ts",
    tests: ["tests/time/day_window_test.ts"],
  },
  sql: { file: "src/transform/sql.ts", tests: ["tests/transform/sql_test.ts"] },
  publish: {
    file: "src/lake/publish_partition.ts",
    tests: [
      "tests/lake/publish_partition_test.ts",
      "tests/system/crash_points_publish_partition_test.ts",
    ],
  },
  write_day: {
    file: "src/ingest/write_day.ts",
    tests: [
      "tests/ingest/write_day_test.ts",
      "tests/system/crash_points_write_day_test.ts",
    ],
  },
  retry: { file: "src/http/retry.ts", tests: ["tests/http/retry_test.ts"] },
  raw_day: {
    file: "src/transform/raw_day.ts",
    tests: [
      "tests/transform/raw_day_test.ts",
      "tests/transform/raw_day_checks_test.ts",
    ],
  },
};

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = `${ROOT}.tools/mutation`;
const STRYKER = `${ROOT}.tools/stryker/node_modules/@stryker-mutator/core/bin/stryker.js`;
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}

function strykerConfig(name: string, module: Module, concurrency: number) {
  const deno = `${ROOT}.tools/bin/deno`;
  return {
    mutate: [module.file],
    testRunner: "command",
    commandRunner: {
      command: `TZ=UTC NO_COLOR=1 ${deno} test -A --no-check --fail-fast ${module.tests.join(" ")}`,
    },
    coverageAnalysis: "off",
    // Generous: a mutant counted as "Timeout" (killed) must be a real hang, not a busy machine.
    timeoutMS: 30_000,
    timeoutFactor: 2,
    concurrency,
    reporters: ["json", "progress-append-only"],
    jsonReporter: { fileName: `.tools/mutation/${name}.json` },
    tempDirName: `.tools/stryker-tmp-${name}`,
    // Anchored: an unanchored "lake" would also drop src/lake/.
    ignorePatterns: [
      "/.tools",
      "/lake",
      "/bench/out",
      "/terraform/.terraform",
      "/docs",
    ],
    cleanTempDir: true,
  };
}

async function runModule(
  name: string,
  module: Module,
  concurrency: number,
): Promise<Score> {
  const started = performance.now();
  const config = `${OUT}/${name}.config.json`;
  await Deno.writeTextFile(
    config,
    JSON.stringify(strykerConfig(name, module, concurrency)),
  );
  const run = await new Deno.Command("node", {
    args: [STRYKER, "run", config],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!run.success) {
    throw new Error(`Cannot mutate ${module.file}: Stryker exited ${run.code}`);
  }
  const report = JSON.parse(await Deno.readTextFile(`${OUT}/${name}.json`));
  const { source, mutants } = report.files[module.file] as {
    source: string;
    mutants: Mutant[];
  };
  const lines = source.split("\n");
  const counted = mutants.filter((m) => DETECTED.has(m.status) || UNDETECTED.has(m.status));
  const survivors = counted.filter((m) => UNDETECTED.has(m.status)).map((m) => {
    const { line } = m.location.start;
    const code = lines[line - 1]!.trim();
    return `${module.file}:${line} ${m.mutatorName} → ${JSON.stringify(m.replacement)} in: ${code}`;
  });
  return {
    file: module.file,
    killed: counted.filter((m) => DETECTED.has(m.status)).length,
    total: counted.length,
    survivors,
    seconds: Math.round((performance.now() - started) / 1000),
  };
}

function table(scores: Score[]): string {
  const rows = scores.map((s) =>
    `| ${s.file} | ${s.killed} / ${s.total} | ${
      (100 * s.killed / s.total).toFixed(1)
    } % | ${s.seconds} s |`
  );
  return ["| Module | Killed | Score | Time |", "|---|---|---|---|", ...rows]
    .join("\n");
}

/** What `rules` names on the command line: the hand-made mutants of rule_mutants.ts. */
const RULES = "rules";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    options: { concurrency: { type: "string", default: "2" } },
    allowPositionals: true,
  });
  const concurrency = Number(values.concurrency);
  const names = [...Object.keys(MODULES), RULES];
  const unknown = positionals.filter((n) => !names.includes(n));
  if (!Number.isInteger(concurrency) || concurrency < 1 || unknown.length > 0) {
    console.error(
      `Cannot run mutation testing: modules are ${names.join(", ")} (got "${
        unknown.join(", ")
      }") ` +
        `and --concurrency is a positive integer (got "${values.concurrency}")`,
    );
    return 2;
  }
  const files = [...Object.values(MODULES), ...RULE_MUTANTS].flatMap((m) => [m.file, ...m.tests]);
  const missing = [...new Set(files)].filter((f) => !existsSync(`${ROOT}${f}`));
  if (missing.length > 0) {
    console.error(`Cannot run mutation testing: missing ${missing.join(", ")} (moved or renamed?)`);
    return 2;
  }
  await Deno.mkdir(OUT, { recursive: true });
  const scores: Score[] = [];
  for (const name of positionals.length > 0 ? positionals : names) {
    scores.push(
      name === RULES
        ? await runRuleMutants(ROOT, OUT)
        : await runModule(name, MODULES[name]!, concurrency),
    );
  }
  const survivors = scores.flatMap((s) => s.survivors);
  const summary = `${table(scores)}\n\nSurviving mutants (${survivors.length}):\n` +
    survivors.map((s) => `- ${s}`).join("\n") + "\n";
  await Deno.writeTextFile(`${OUT}/summary.md`, summary);
  console.log(`\n${summary}`);
  return scores.every((s) => s.killed >= 0.9 * s.total) ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
