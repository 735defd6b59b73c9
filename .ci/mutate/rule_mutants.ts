/**
 * Mutants Stryker cannot make: a rule inside SQL text (Stryker only blanks a whole template)
 * and statements moved to another place (write and publish order). Each is a textual edit of
 * one source file: `replace` changes `from` into `to`; `move` cuts the line `from` and pastes
 * it after the line `after`. Every one must be killed by the listed test files. (Ranking the
 * value column by file order alone is no mutant: DuckDB's arg_min skips NULL arguments, so
 * the first present value wins either way; raw_value is never NULL, so its rank matters.)
 */

/** One hand-made mutant. */
export interface RuleMutant {
  name: string;
  file: string;
  tests: string[];
  edit: { replace: string; to: string } | { move: string; after: string };
}

const SQL_TESTS = [
  "tests/transform/sql_test.ts",
  "tests/system/boundaries_e2e_test.ts",
];
const SQL = "src/transform/sql.ts";
const PUBLISH_TESTS = [
  "tests/lake/publish_partition_test.ts",
  "tests/system/crash_points_publish_partition_test.ts",
];
const WRITE_TESTS = [
  "tests/ingest/write_day_test.ts",
  "tests/system/crash_points_write_day_test.ts",
];
const SUCCESS_PUT =
  "  if (old === undefined || !sameBytes(old, marker)) await put(markerKey, marker, false);";
const MANIFEST_PUT =
  '    await store.put(manifestKey, encodeManifest(manifest), { contentType: "application/json" });\n  }';

/** The rule and order mutants, each a deliberate one-line bug. */
export const RULE_MUTANTS: RuleMutant[] = [
  ["share rounded down", "ceil(${VALID_SHARE}", "floor(${VALID_SHARE}"],
  ["share strict", "o.value_count >= ceil(", "o.value_count > ceil("],
  ["sentinel strict", "number <= ${SENTINEL_MAX}", "number < ${SENTINEL_MAX}"],
  [
    "window start included",
    "${column} > ${int(day.startMs)}",
    "${column} >= ${int(day.startMs)}",
  ],
  [
    "window end excluded",
    "${column} <= ${int(day.endMs)}",
    "${column} < ${int(day.endMs)}",
  ],
  [
    "dedupe raw_value by file order only",
    "arg_min(raw_value, ${rank})",
    "arg_min(raw_value, seq)",
  ],
  ["NaN kept as a value", "(isnan(number) OR number", "(false OR number"],
  [
    "aggregate of all-missing series kept",
    "HAVING count(value) >= 1",
    "HAVING count(*) >= 1",
  ],
].map(([name, from, to]): RuleMutant => ({
  name: name!,
  file: SQL,
  tests: SQL_TESTS,
  edit: { replace: from!, to: to! },
})).concat([
  {
    name: "_SUCCESS before the Parquet file",
    file: "src/lake/publish_partition.ts",
    tests: PUBLISH_TESTS,
    edit: { move: "    await put(key, parquet, true);", after: SUCCESS_PUT },
  },
  {
    name: "_SUCCESS before the staged copy",
    file: "src/lake/publish_partition.ts",
    tests: PUBLISH_TESTS,
    edit: {
      move: "      await put(staged, parquet, true);",
      after: "      await put(markerKey, markerFor(staged), false);",
    },
  },
  {
    name: "staged copy deleted before _SUCCESS lists the fixed file",
    file: "src/lake/publish_partition.ts",
    tests: PUBLISH_TESTS,
    edit: {
      move: SUCCESS_PUT,
      after: "  for (const other of deleted) await store.delete(other);",
    },
  },
  {
    name: "manifest before the overwritten files",
    file: "src/ingest/write_day.ts",
    tests: WRITE_TESTS,
    edit: {
      move: "  await mapPool(overwrite, options.concurrency, put);",
      after: MANIFEST_PUT,
    },
  },
  {
    name: "manifest before the new files",
    file: "src/ingest/write_day.ts",
    tests: WRITE_TESTS,
    edit: {
      move: "  await mapPool(fresh, options.concurrency, put);",
      after: MANIFEST_PUT,
    },
  },
  {
    name: "old manifest kept while its files are overwritten",
    file: "src/ingest/write_day.ts",
    tests: WRITE_TESTS,
    edit: { replace: "    await store.delete(manifestKey);\n", to: "" },
  },
  {
    name: "bulk fallback on any HTTP error",
    file: "src/ingest/fetch_day.ts",
    tests: ["tests/ingest/fetch_day_test.ts"],
    edit: {
      replace: "error instanceof HttpError && error.status === 404",
      to: "error instanceof HttpError",
    },
  },
]);

/** The source text with `mutant` applied; throws when its anchor is not found exactly once. */
export function applyMutant(source: string, mutant: RuleMutant): string {
  const e = mutant.edit;
  const anchor = "replace" in e ? e.replace : e.move;
  if (source.split(anchor).length !== 2) {
    throw new Error(
      `Cannot apply mutant "${mutant.name}": its text is not found once in ${mutant.file}`,
    );
  }
  if ("replace" in e) return source.replace(e.replace, e.to);
  const without = source.replace(`${e.move}\n`, "");
  const at = without.indexOf(e.after);
  if (at < 0) {
    throw new Error(`Cannot apply mutant "${mutant.name}": no "${e.after}"`);
  }
  const end = at + e.after.length + 1;
  return `${without.slice(0, end)}${e.move}\n${without.slice(end)}`;
}
