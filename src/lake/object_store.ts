/**
 * The storage interface of the lake. Keys are relative to the lake root, use "/"
 * as separator and never start with "/". Implementations: file_store.ts (local
 * filesystem, atomic temp + rename) and s3_store.ts (aws4fetch, SigV4).
 */

/** One listed object. */
export interface ObjectInfo {
  key: string;
  size: number;
}

/** Options of ObjectStore.put. */
export interface PutOptions {
  contentType?: string;
}

/** A minimal object store: the only way airq touches a lake. */
export interface ObjectStore {
  /** Human-readable location of the lake root, without secrets (for logs and errors). */
  readonly location: string;
  /** Write (or replace) one object atomically: readers see the old or the new bytes. */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<void>;
  /** Read one object; `undefined` when it does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** List every object whose key starts with `prefix` (recursive), sorted by key. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Delete one object; deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
}
