/**
 * The project's module graph as `deno info --json` reports it, and the two checks run on
 * it: import cycles among project files, and imports that cross a boundary (one stage
 * importing another, the report model importing the renderer).
 */

import { denoInfo } from "../../tasks/deno_info.ts";

/** One import between two project files (paths relative to the repository root). */
export interface Edge {
  from: string;
  to: string;
  /** 1-based line of the import in `from`. */
  line: number;
}

/** A forbidden import direction: no file under `from` imports a file under `to`. */
export interface Boundary {
  from: string;
  to: string;
  why: string;
}

interface InfoDependency {
  code?: { specifier?: string; span?: { start: { line: number } } };
  type?: { specifier?: string; span?: { start: { line: number } } };
}

interface InfoModule {
  specifier: string;
  dependencies?: InfoDependency[];
}

/**
 * Every import (value, type-only and dynamic) between project files reachable from
 * `entry`, read with `deno info --json`. Files under node_modules/ and .tools/ are not
 * project files.
 */
export async function importsOf(root: string, entry: string): Promise<Edge[]> {
  const info = await denoInfo<InfoModule>(root, entry);
  const prefix = new URL(`file://${root.replace(/\/?$/, "/")}`).href;
  const local = (specifier: string | undefined) =>
    specifier?.startsWith(prefix) &&
      !/^(node_modules|\.tools)\//.test(specifier.slice(prefix.length))
      ? decodeURIComponent(specifier.slice(prefix.length))
      : undefined;
  const edges: Edge[] = [];
  for (const module of info.modules) {
    const from = local(module.specifier);
    if (!from) continue;
    for (const dep of module.dependencies ?? []) {
      for (const target of [dep.code, dep.type]) {
        const to = local(target?.specifier);
        if (to) edges.push({ from, to, line: (target?.span?.start.line ?? 0) + 1 });
      }
    }
  }
  return edges;
}

/** Each import cycle once, as a path that starts and ends at the same file. */
export function findCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...new Set([...(next.get(e.from) ?? []), e.to])]);
  // Tarjan's strongly connected components; every component of two or more files (or a
  // file importing itself) holds a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.add(w);
    } while (w !== v);
    if (component.size > 1 || next.get(v)?.includes(v)) cycles.push(pathWithin(component, next));
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The shortest import path from the component's first file back to itself. */
function pathWithin(component: Set<string>, next: Map<string, string[]>): string[] {
  const start = [...component].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of (next.get(v) ?? []).filter((x) => component.has(x)).sort()) {
      if (w === start) {
        const path = [start];
        for (let at: string | undefined = v; at !== start && at; at = cameFrom.get(at)) {
          path.splice(1, 0, at);
        }
        return [...path, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** The stage a file belongs to (`src/<stage>/…`), or undefined for shared code. */
export function stageOf(path: string, stages: readonly string[]): string | undefined {
  const [top, folder] = path.split("/");
  return top === "src" && folder !== undefined && stages.includes(folder) ? folder : undefined;
}

/** One line per import that crosses a stage or a boundary, naming the file and line. */
export function boundaryViolations(
  edges: readonly Edge[],
  stages: readonly string[],
  boundaries: readonly Boundary[],
): string[] {
  const found = new Set<string>();
  for (const e of edges) {
    const [from, to] = [stageOf(e.from, stages), stageOf(e.to, stages)];
    if (from && to && from !== to) {
      found.add(`${e.from}:${e.line} imports ${e.to}: stage "${from}" imports stage "${to}"`);
    }
    for (const b of boundaries) {
      if (e.from.startsWith(b.from) && e.to.startsWith(b.to)) {
        found.add(`${e.from}:${e.line} imports ${e.to}: ${b.why}`);
      }
    }
  }
  return [...found].sort();
}
