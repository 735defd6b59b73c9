/** In-memory fakes shared by tests. */
import type { ObjectInfo, ObjectStore, PutOptions } from "../src/lake/object_store.ts";

/**
 * An ObjectStore in memory; `puts` records the order of writes, `ops` the order of writes and
 * deletes together (`"put <key>"`, `"delete <key>"`), `contentTypes` the last put's type.
 */
export class MemoryStore implements ObjectStore {
  readonly location = "memory://";
  readonly objects = new Map<string, Uint8Array>();
  readonly puts: string[] = [];
  readonly ops: string[] = [];
  readonly contentTypes = new Map<string, string | undefined>();
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<void> {
    this.objects.set(key, body.slice());
    this.contentTypes.set(key, options?.contentType);
    this.puts.push(key);
    this.ops.push(`put ${key}`);
    return Promise.resolve();
  }
  get(key: string): Promise<Uint8Array | undefined> {
    const v = this.objects.get(key);
    return Promise.resolve(v?.slice());
  }
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const key of keys) yield { key, size: this.objects.get(key)!.byteLength };
  }
  delete(key: string): Promise<void> {
    this.objects.delete(key);
    this.ops.push(`delete ${key}`);
    return Promise.resolve();
  }
}
