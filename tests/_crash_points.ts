/**
 * Crash points enumerated, not sampled: a store wrapper that records every put and delete and
 * stops the run before operation k, and crashPoints(), which runs one operation once per
 * k = 1..n (n = the puts and deletes of an uninterrupted run) from the same starting lake.
 * Puts are atomic (ObjectStore's contract), so "stopped before operation k" for every k covers
 * every state a crash can leave behind.
 */
import type { ObjectInfo, ObjectStore, PutOptions } from "../src/lake/object_store.ts";
import { MemoryStore } from "./_fakes.ts";

/** The error of the stopped operation, and of every call after it. */
export class StoppedError extends Error {
  override name = "StoppedError";
}

/** An ObjectStore over `inner` that records puts and deletes and stops before one of them. */
export class StoppingStore implements ObjectStore {
  /** The puts and deletes that happened, in order: `"put <key>"`, `"delete <key>"`. */
  readonly ops: string[] = [];
  #stopped = false;

  /** `stopAt`: the 1-based put or delete that does not happen (undefined: never stop). */
  constructor(readonly inner: ObjectStore, readonly stopAt?: number) {}

  get location(): string {
    return this.inner.location;
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<void> {
    this.#step(`put ${key}`);
    await this.inner.put(key, body, options);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    this.#alive();
    return await this.inner.get(key);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    this.#alive();
    for await (const info of this.inner.list(prefix)) yield info;
  }

  async delete(key: string): Promise<void> {
    this.#step(`delete ${key}`);
    await this.inner.delete(key);
  }

  #alive(): void {
    if (this.#stopped) throw new StoppedError(`Stopped: the run ended at operation ${this.stopAt}`);
  }

  #step(op: string): void {
    this.#alive();
    if (this.ops.length + 1 === this.stopAt) {
      this.#stopped = true;
      throw new StoppedError(`Stopped before operation ${this.stopAt}: ${op}`);
    }
    this.ops.push(op);
  }
}

/** A copy of a memory store's objects (nothing shared). */
export function copyStore(store: MemoryStore): MemoryStore {
  const copy = new MemoryStore();
  for (const [key, body] of store.objects) copy.objects.set(key, body.slice());
  return copy;
}

/** The lake after one stopped (or, last, uninterrupted) run. */
export interface CrashPoint {
  /** The operation that did not happen (1-based); n + 1 for the uninterrupted run. */
  k: number;
  /** That operation, or "none" for the uninterrupted run. */
  op: string;
  lake: MemoryStore;
}

/**
 * Run `operation` on a copy of `before` once uninterrupted (to learn its n puts and deletes),
 * then once per k = 1..n stopped before operation k. Each stopped run must reject with
 * StoppedError. Returns the n stopped lakes, then the uninterrupted one.
 */
export async function crashPoints(
  before: MemoryStore,
  operation: (store: ObjectStore) => Promise<unknown>,
): Promise<CrashPoint[]> {
  const full = new StoppingStore(copyStore(before));
  await operation(full);
  const points: CrashPoint[] = [];
  for (let k = 1; k <= full.ops.length; k++) {
    const lake = copyStore(before);
    const stopping = new StoppingStore(lake, k);
    let stoppedBy: unknown;
    try {
      await operation(stopping);
    } catch (error) {
      stoppedBy = error;
    }
    if (!(stoppedBy instanceof StoppedError)) {
      throw new Error(`Cannot enumerate crash point ${k}: the run did not stop (${stoppedBy})`);
    }
    points.push({ k, op: full.ops[k - 1]!, lake });
  }
  points.push({ k: full.ops.length + 1, op: "none", lake: full.inner as MemoryStore });
  return points;
}
