import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;
const dockerfile = await Deno.readTextFile(`${root}Dockerfile`);
/** Dockerfile instructions with continuation lines joined and comments dropped. */
const instructions = dockerfile.replace(/\\\n/g, " ").split("\n")
  .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"))
  .map((line) => line.trim().replace(/\s+/g, " "));

Deno.test("Dockerfile starts FROM the denoland/deno tag of the Deno that runs the tests, by digest", () => {
  const tag = `denoland/deno:debian-${Deno.version.deno}`.replaceAll(".", "\\.");
  assert.match(instructions[0]!, new RegExp(`^FROM ${tag}@sha256:[0-9a-f]{64}$`));
  assert.equal(instructions.filter((i) => i.startsWith("FROM ")).length, 1);
});

Deno.test("Dockerfile installs the production config's packages, lock frozen, as uid 1993", () => {
  const runs = instructions.filter((i) => i.startsWith("RUN "));
  assert.ok(runs.some((r) => r.includes("tasks/image_config.ts /tmp/image")));
  assert.ok(runs.some((r) => r.includes("mv /tmp/image/deno.json /tmp/image/deno.lock /app/")));
  assert.ok(
    runs.some((r) => r.endsWith("&& xargs deno install --frozen --entrypoint </app/.entrypoints")),
  );
  const users = instructions.filter((i) => i.startsWith("USER "));
  assert.deepEqual(users, ["USER 1993:1993"]);
  // Dependencies are installed as that user, after the USER line.
  assert.ok(
    instructions.indexOf("USER 1993:1993") <
      instructions.findIndex((i) => i.includes("deno install")),
  );
});

Deno.test("Dockerfile ENTRYPOINT is `deno task --quiet` under tini so Batch passes the step and its flags", () => {
  assert.ok(instructions.includes('ENTRYPOINT ["/tini", "--", "deno", "task", "--quiet"]'));
  assert.ok(instructions.includes('CMD ["ingest", "--help"]'));
});

Deno.test(".dockerignore lets in only the Deno config, the lock and the pipeline's code", async () => {
  const lines = (await Deno.readTextFile(`${root}.dockerignore`)).split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  assert.deepEqual(lines, [
    "*",
    "!deno.json",
    "!deno.lock",
    "!src/",
    "!tasks/",
    "tasks/demo.ts",
    "tasks/docs.ts",
  ]);
  const copied = instructions.filter((i) => i.startsWith("COPY "));
  assert.deepEqual(copied, [
    "COPY deno.json deno.lock ./",
    "COPY src/ ./src/",
    "COPY tasks/ ./tasks/",
  ]);
});
