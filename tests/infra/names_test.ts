/**
 * The repository speaks to its readers: no tracked file points to an issue number, or to
 * "the seed" or "the exercise's" documents, which a reader cannot look up. Say what is meant
 * ("the reference PySpark job", "the clean tables' contract"). A random-number seed keeps its
 * name ("the seed is in the test name" is fine).
 */
import assert from "node:assert/strict";
import { readTracked, trackedFiles } from "./_repository.ts";

/** Phrases that point to documents outside the repository. */
const UNREADABLE = [
  /\bissues? ?#?\d+\b/i,
  /\bissue-\d+\b/i,
  /\bseed's\b/i,
  /\bthe seed (job|pyspark|documents?|repository|exercise|project)\b/i,
  /\bexercise's\b/i,
  /\boriginal exercise\b/i,
];

/** The lock and pinned third-party lists (not our text), and this file's own examples. */
const SKIP = new Set(["deno.lock", ".ci/airflow-constraints.txt", "tests/infra/names_test.ts"]);

Deno.test("UNREADABLE matches the phrases it exists for, and not a random seed", () => {
  const hits = (s: string) => UNREADABLE.some((re) => re.test(s));
  for (const bad of ["see issue 7", "Issue #3", "issue-3 types", "the seed's job", "exercise's"]) {
    assert.ok(hits(bad), bad);
  }
  for (const fine of ["the seed is in the test name", "seed: 7", "integrated-exercise-job-queue"]) {
    assert.ok(!hits(fine), fine);
  }
});

Deno.test("no tracked file names an issue number, the seed or the exercise's documents", async () => {
  const paths = await trackedFiles();
  const found: string[] = [];
  for (const path of paths) {
    if (SKIP.has(path)) continue;
    const lines = (await readTracked(path)).split("\n");
    lines.forEach((line, i) => {
      if (UNREADABLE.some((re) => re.test(line))) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});
