/** Parses the project's Terraform (every terraform/*.tf) into one JSON tree with @cdktf/hcl2json. */
import { parse } from "@cdktf/hcl2json";

/** A parsed HCL value: literals stay JSON, expressions become "${…}" strings. */
// deno-lint-ignore no-explicit-any
export type Hcl = any;

/** Folder of the Terraform configuration. */
export const TERRAFORM_DIR: string = new URL("../../../terraform/", import.meta.url).pathname;

/** Parses one HCL file (a .tf or the .tfvars example). */
export async function parseHclFile(path: string): Promise<Hcl> {
  return await parse(path, await Deno.readTextFile(path));
}

/** Parses every .tf file of terraform/ and merges them as Terraform does (blocks by type and name). */
export async function loadTerraform(): Promise<Hcl> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(TERRAFORM_DIR)) {
    if (entry.isFile && entry.name.endsWith(".tf")) files.push(entry.name);
  }
  files.sort();
  const merged: Hcl = {};
  for (const name of files) mergeInto(merged, await parseHclFile(TERRAFORM_DIR + name));
  return merged;
}

function mergeInto(target: Hcl, source: Hcl): void {
  for (const [key, value] of Object.entries(source)) {
    if (Array.isArray(value)) {
      target[key] = [...(target[key] ?? []), ...value];
    } else if (value !== null && typeof value === "object") {
      target[key] ??= {};
      mergeInto(target[key], value);
    } else {
      target[key] = value;
    }
  }
}

/** All `locals` blocks of the configuration as one object. */
export function locals(tf: Hcl): Record<string, Hcl> {
  return Object.assign({}, ...(tf.locals ?? []));
}

/** The single block `<kind> "<type>" "<name>"` (kind: resource or data); throws when absent. */
export function block(tf: Hcl, kind: "resource" | "data", type: string, name: string): Hcl {
  const found = tf[kind]?.[type]?.[name];
  if (!Array.isArray(found) || found.length !== 1) {
    throw new Error(`Cannot find ${kind} "${type}" "${name}" exactly once in terraform/`);
  }
  return found[0];
}

/** A policy document's statements, the `dynamic "statement"` ones (their content) included. */
export function statements(doc: Hcl): Hcl[] {
  const dynamic: Hcl[] = doc.dynamic?.statement ?? [];
  return [...(doc.statement ?? []), ...dynamic.flatMap((d) => d.content)];
}

/** Removes all whitespace, so an expression string can be compared independent of alignment. */
export function squash(expression: string): string {
  return expression.replace(/\s+/g, "");
}
