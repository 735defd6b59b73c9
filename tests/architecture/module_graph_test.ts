/**
 * The architecture rules, checked on the real module graph (`deno info --json` from every
 * entry point): no import cycle among project files; the stages (src/ingest, src/transform,
 * src/load, src/report, src/deploy) import none of each other and meet only in the lake and
 * in shared modules; the report's model never imports its renderer.
 */
import assert from "node:assert/strict";
import {
  type Boundary,
  boundaryViolations,
  type Edge,
  findCycles,
  importsOf,
} from "./_module_graph.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The stages: each a folder src/<stage>/ of its own. */
const STAGES = ["ingest", "transform", "compliance", "load", "report", "deploy"];

/** Import directions forbidden inside a stage. */
const BOUNDARIES: Boundary[] = [{
  from: "src/report/model/",
  to: "src/report/render/",
  why: "the report model (what the page says) never imports the renderer (SVG, HTML, CSS)",
}];

async function entries(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const e of Deno.readDir(`${ROOT}/${dir}`)) {
    if (e.isFile && e.name.endsWith(".ts")) found.push(`${dir}/${e.name}`);
  }
  return found.sort();
}

/** Every .ts file under `dir`, except test folders. */
async function codeFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const e of Deno.readDir(`${ROOT}/${dir}`)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory && e.name !== "tests") found.push(...await codeFiles(path));
    else if (e.isFile && e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) found.push(path);
  }
  return found.sort();
}

/** Top-level folders with a `main.ts` entry point (bench/, the fake API's folder). */
async function mainFolders(): Promise<string[]> {
  const found: string[] = [];
  for await (const e of Deno.readDir(ROOT)) {
    if (!e.isDirectory || e.name.startsWith(".") || e.name === "node_modules") continue;
    if (await Deno.stat(`${ROOT}/${e.name}/main.ts`).then(() => true, () => false)) {
      found.push(e.name);
    }
  }
  return found.sort();
}

/**
 * The graph from every entry point (tasks/*.ts, each top-level `main.ts`), then from every
 * code file of src/ and of those folders that no entry reached (Worker scripts, loaded by
 * URL, are not imports).
 */
async function projectGraph(): Promise<{ roots: string[]; edges: Edge[]; files: Set<string> }> {
  const folders = await mainFolders();
  const roots = [...await entries("tasks"), ...folders.map((f) => `${f}/main.ts`)];
  const edges: Edge[] = [];
  const files = new Set<string>();
  const add = async (entry: string) => {
    files.add(entry);
    for (const e of await importsOf(ROOT, entry)) {
      edges.push(e);
      files.add(e.from).add(e.to);
    }
  };
  for (const entry of roots) await add(entry);
  for (const dir of ["src", ...folders]) {
    for (const file of await codeFiles(dir)) {
      if (!files.has(file)) {
        roots.push(file);
        await add(file);
      }
    }
  }
  return { roots, edges, files };
}

let cached: ReturnType<typeof projectGraph> | undefined;
const graph = () => cached ??= projectGraph();

Deno.test("the module graph covers every task and every file of src/", async () => {
  const { roots, files } = await graph();
  for (const task of await entries("tasks")) assert.ok(roots.includes(task), task);
  for (const file of await codeFiles("src")) assert.ok(files.has(file), file);
  for (const stage of STAGES) {
    const stat = await Deno.stat(`${ROOT}/src/${stage}`);
    assert.ok(stat.isDirectory, `src/${stage}/ is a stage folder`);
  }
  for (const b of BOUNDARIES) {
    assert.ok([...files].some((f) => f.startsWith(b.from)), `${b.from} has files`);
    assert.ok([...files].some((f) => f.startsWith(b.to)), `${b.to} has files`);
  }
});

Deno.test("no import cycle among project files", async () => {
  const cycles = findCycles((await graph()).edges).map((c) => c.join(" → "));
  assert.equal(
    cycles.length,
    0,
    `Import cycles (give the shared types a module of their own):\n  ${cycles.join("\n  ")}`,
  );
});

Deno.test("no stage imports another stage, and the report model never imports the renderer", async () => {
  const found = boundaryViolations((await graph()).edges, STAGES, BOUNDARIES);
  assert.equal(
    found.length,
    0,
    `Imports across a boundary (what two stages share belongs in a shared module such as ` +
      `src/lake/ or src/config/):\n  ${found.join("\n  ")}`,
  );
});

const edge = (from: string, to: string, line = 1): Edge => ({ from, to, line });

Deno.test("findCycles() names each cycle as a path and ignores a diamond", () => {
  assert.deepEqual(
    findCycles([
      edge("src/a.ts", "src/b.ts"),
      edge("src/b.ts", "src/c.ts"),
      edge("src/c.ts", "src/a.ts"),
      edge("src/d.ts", "src/d.ts"),
      edge("src/x.ts", "src/y.ts"),
      edge("src/x.ts", "src/z.ts"),
      edge("src/y.ts", "src/w.ts"),
      edge("src/z.ts", "src/w.ts"),
    ]),
    [["src/a.ts", "src/b.ts", "src/c.ts", "src/a.ts"], ["src/d.ts", "src/d.ts"]],
  );
});

Deno.test("boundaryViolations() names the file, line and rule of each crossing import", () => {
  assert.deepEqual(
    boundaryViolations(
      [
        edge("src/load/a.ts", "src/transform/b.ts", 9),
        edge("src/load/a.ts", "src/lake/c.ts", 10),
        edge("src/report/model/m.ts", "src/report/render/r.ts", 3),
        edge("src/report/render/r.ts", "src/report/model/m.ts", 4),
        edge("tasks/demo.ts", "src/ingest/d.ts", 5),
      ],
      STAGES,
      BOUNDARIES,
    ),
    [
      `src/load/a.ts:9 imports src/transform/b.ts: stage "load" imports stage "transform"`,
      `src/report/model/m.ts:3 imports src/report/render/r.ts: ${BOUNDARIES[0]!.why}`,
    ],
  );
});
