/**
 * ObjectStore on the local filesystem. A key maps to the file `<root>/<key>`. `put` writes a
 * `.tmp-…` file in the target folder, fsyncs it and renames it over the target, so a reader
 * sees the old or the new bytes, never a partial file. Temporary files are never listed.
 * `put` and `delete` refuse a key whose folder is reached through a symbolic link inside the
 * lake (a link there could send writes outside the folders the task was granted).
 */
import { LakeError } from "../errors.ts";
import { fsError } from "./_fs_error.ts";
import { checkKey, checkPrefix, TEMP_PREFIX } from "./_key.ts";
import type { ObjectInfo, ObjectStore, PutOptions } from "./object_store.ts";

/** Create an ObjectStore rooted at the absolute folder `root` (created on first put). */
export function createFileStore(root: string): ObjectStore {
  if (!root.startsWith("/")) throw new TypeError(`Invalid file store root "${root}": not absolute`);
  const base = root === "/" ? "" : root.replace(/\/+$/, "");
  const location = `file://${base === "" ? "/" : base}`;
  const pathOf = (key: string) => `${base}/${checkKey(key)}`;
  const uriOf = (key: string) => `${location.replace(/\/$/, "")}/${key}`;
  const noLink = (key: string, action: string) =>
    checkNoLink(
      base,
      pathOf(key).slice(0, pathOf(key).lastIndexOf("/")),
      () => `Cannot ${action} "${uriOf(key)}"`,
    );

  return {
    location,
    async put(key: string, body: Uint8Array, _options?: PutOptions): Promise<void> {
      const path = pathOf(key);
      const dir = path.slice(0, path.lastIndexOf("/")) || "/";
      const tmp = `${dir}/${TEMP_PREFIX}${crypto.randomUUID()}`;
      await noLink(key, "write");
      try {
        await Deno.mkdir(dir, { recursive: true });
        await writeSynced(tmp, body);
        await Deno.rename(tmp, path);
      } catch (error) {
        await Deno.remove(tmp).catch(() => {});
        throw fsError(error, { action: "write", uri: uriOf(key), path: dir });
      }
      await syncDir(dir);
    },
    async get(key: string): Promise<Uint8Array | undefined> {
      const path = pathOf(key);
      try {
        return await Deno.readFile(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        if (error instanceof Deno.errors.NotADirectory) return undefined;
        throw fsError(error, { action: "read", uri: uriOf(key), path });
      }
    },
    async *list(prefix: string): AsyncIterable<ObjectInfo> {
      checkPrefix(prefix);
      const start = prefix.slice(0, prefix.lastIndexOf("/") + 1);
      const found: ObjectInfo[] = [];
      try {
        await walk(base, start, prefix, found);
      } catch (error) {
        throw fsError(error, { action: "list", uri: uriOf(prefix), path: `${base}/${start}` });
      }
      found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      yield* found;
    },
    async delete(key: string): Promise<void> {
      const path = pathOf(key);
      await noLink(key, "delete");
      try {
        await Deno.remove(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return;
        throw fsError(error, { action: "delete", uri: uriOf(key), path });
      }
    },
  };
}

async function writeSynced(path: string, body: Uint8Array): Promise<void> {
  const file = await Deno.open(path, { write: true, createNew: true, mode: 0o644 });
  try {
    let written = 0;
    while (written < body.byteLength) {
      written += await file.write(body.subarray(written));
    }
    await file.sync();
  } finally {
    file.close();
  }
}

/** The deepest existing folder of `dir` and its real path; undefined when none exists. */
async function existingReal(dir: string): Promise<[string, string] | undefined> {
  for (let d = dir; d !== ""; d = d.slice(0, d.lastIndexOf("/"))) {
    try {
      return [d, await Deno.realPath(d)];
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) return undefined;
    }
  }
  return undefined;
}

/** LakeError when the folders from `base` down to `dir` cross a symbolic link. */
async function checkNoLink(base: string, dir: string, what: () => string): Promise<void> {
  if (dir.length <= base.length) return;
  const found = await existingReal(dir);
  if (found === undefined || found[0].length <= base.length) return;
  const realBase = await Deno.realPath(base || "/");
  const [path, real] = found;
  const expected = `${realBase === "/" ? "" : realBase}${path.slice(base.length)}`;
  if (real !== expected) {
    throw new LakeError(
      `${what()}: "${path}" is a symbolic link (to "${real}") inside the lake: replace it ` +
        "by a folder, or point --lake at the folder itself",
    );
  }
}

/** Best effort: fsync the folder so the rename itself survives a crash. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await Deno.open(dir, { read: true });
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  } catch {
    // Some filesystems refuse to fsync a folder; the file itself is already synced.
  }
}

/**
 * Collect files under `<base>/<dirKey>` whose key starts with `prefix`. Symlinks are followed;
 * `seen` holds the real paths of the folders on the current branch, so a link loop ends.
 */
async function walk(
  base: string,
  dirKey: string,
  prefix: string,
  out: ObjectInfo[],
  seen = new Set<string>(),
): Promise<void> {
  const dir = `${base}/${dirKey}`;
  const entries: Deno.DirEntry[] = [];
  let real: string;
  try {
    real = await Deno.realPath(dir);
    if (seen.has(real)) return;
    for await (const entry of Deno.readDir(dir)) entries.push(entry);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return;
    }
    throw error;
  }
  const branch = new Set(seen).add(real);
  const wanted = entries.filter((entry) => {
    if (entry.name.startsWith(TEMP_PREFIX)) return false;
    const key = `${dirKey}${entry.name}`;
    return key.startsWith(prefix) || prefix.startsWith(key);
  });
  // stat follows symlinks; a file deleted meanwhile is simply not listed.
  const infos = await Promise.all(
    wanted.map((entry) =>
      Deno.stat(`${dir}${entry.name}`).catch((error) => {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw error;
      })
    ),
  );
  for (const [i, entry] of wanted.entries()) {
    const key = `${dirKey}${entry.name}`;
    const info = infos[i];
    if (info?.isDirectory) await walk(base, `${key}/`, prefix, out, branch);
    else if (info?.isFile && key.startsWith(prefix)) out.push({ key, size: info.size });
  }
}
