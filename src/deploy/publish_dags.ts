/**
 * Publish Airflow DAG files to an object store (MWAA's `s3://<bucket>/dags/`): upload what
 * changed, skip what is byte-identical, report .py objects that exist only remotely.
 */
import type { ObjectStore } from "../lake/object_store.ts";
import { sha256Hex } from "../sha256_hex.ts";

/** One local DAG file. */
export interface DagFile {
  /** File name, e.g. "airq_dag.py" (no folders). */
  name: string;
  bytes: Uint8Array;
}

/** What happened to one file. */
export interface PublishedFile {
  key: string;
  status: "uploaded" | "unchanged" | "would-upload";
  bytes: number;
  sha256: string;
}

/** Result of publishDags(). */
export interface PublishResult {
  files: PublishedFile[];
  /** .py objects in the store that no local file matches (left in place). */
  remoteOnly: string[];
}

/** Options of publishDags(). */
export interface PublishOptions {
  /** Compare only; upload nothing. */
  dryRun?: boolean;
}

const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.py$/;

/**
 * Upload every file whose bytes differ from the stored object (keys = file names in the
 * store's root). Throws RangeError for no files, a bad name or a duplicate name.
 */
export async function publishDags(
  store: ObjectStore,
  files: DagFile[],
  options: PublishOptions = {},
): Promise<PublishResult> {
  if (files.length === 0) {
    throw new RangeError(`Cannot publish DAGs to "${store.location}": no .py files were given`);
  }
  const names = new Set<string>();
  for (const { name } of files) {
    if (!NAME_RE.test(name)) {
      throw new RangeError(
        `Cannot publish DAG file "${name}": the name must be letters, digits, "_", "-" or "." ending in .py`,
      );
    }
    if (names.has(name)) throw new RangeError(`Cannot publish DAG file "${name}": given twice`);
    names.add(name);
  }
  const published: PublishedFile[] = [];
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const current = await store.get(file.name);
    const same = current !== undefined && equalBytes(current, file.bytes);
    const status = same ? "unchanged" : options.dryRun ? "would-upload" : "uploaded";
    if (status === "uploaded") {
      await store.put(file.name, file.bytes, { contentType: "text/x-python" });
    }
    published.push({
      key: file.name,
      status,
      bytes: file.bytes.byteLength,
      sha256: await sha256Hex(file.bytes),
    });
  }
  const remoteOnly: string[] = [];
  for await (const { key } of store.list("")) {
    if (key.endsWith(".py") && !key.includes("/") && !names.has(key)) remoteOnly.push(key);
  }
  return { files: published, remoteOnly };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
