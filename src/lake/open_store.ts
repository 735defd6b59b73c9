/**
 * Open the ObjectStore for a lake URI: `file://…` → file store, `s3://bucket/prefix` → S3 store.
 */
import { parseLakeUri } from "./lake_uri.ts";
import { createFileStore } from "./file_store.ts";
import type { ObjectStore } from "./object_store.ts";

/** Options of openStore(). */
export interface OpenStoreOptions {
  /** Environment (AWS_* variables for s3://); never read from Deno.env here. */
  env: Record<string, string | undefined>;
  /** Folder that relative file:// URIs are resolved against. */
  cwd: string;
  /** fetch used for S3 and the credentials endpoint (default globalThis.fetch). */
  fetch?: typeof fetch;
}

/**
 * Open the store of a lake URI. `store.location` is `file:///abs` or `s3://bucket/prefix`.
 *
 * @example
 * const store = await openStore("file://./lake", { env: Deno.env.toObject(), cwd: Deno.cwd() });
 */
export async function openStore(uri: string, options: OpenStoreOptions): Promise<ObjectStore> {
  const parsed = parseLakeUri(uri, options.cwd);
  if (parsed.kind === "file") return await Promise.resolve(createFileStore(parsed.path));
  throw new TypeError(`Cannot open "${uri}": the S3 store is not wired yet`);
}
