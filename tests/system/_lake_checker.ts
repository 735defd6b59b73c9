/**
 * What a reader may trust in a lake, checked the way readers check it: a raw day is trusted
 * only through its `_manifest.json` (every listed file present with its sha256 and size), a
 * clean partition only through its `_SUCCESS` (every listed file present with its sha256 and
 * size). Used by the fault and crash tests to prove "previous or new complete state, never a
 * trusted half".
 */
import { RAW_SOURCE_PREFIX, rawDayPrefix } from "../../src/lake/layout.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { parseManifest } from "../../src/lake/raw_manifest.ts";
import { parseSuccessMarker } from "../../src/lake/success_marker.ts";

/**
 * State of one raw day or clean partition:
 * - `trusted`: marker present and every listed file verified; `fingerprint` identifies the
 *   content (listed paths and sha256s; run metadata left out);
 * - `untrusted`: data files but no marker (readers refuse it; a rerun repairs it);
 * - `absent`: nothing at all;
 * - `corrupt`: a marker whose files are missing or differ — readers would trust a half state.
 */
export interface UnitState {
  status: "trusted" | "untrusted" | "absent" | "corrupt";
  fingerprint?: string;
  problem?: string;
}

/** States keyed `raw/<date>` and `clean/<table>/<date>`. */
export type LakeState = Record<string, UnitState>;

const decoder = new TextDecoder();

/** sha256 of bytes, lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function verify(
  store: ObjectStore,
  files: { key: string; sha256: string; bytes: number }[],
): Promise<string | undefined> {
  for (const f of files) {
    const body = await store.get(f.key);
    if (body === undefined) return `"${f.key}" is listed but missing`;
    if (body.byteLength !== f.bytes) {
      return `"${f.key}" has ${body.byteLength} bytes, not ${f.bytes}`;
    }
    if ((await sha256Hex(body)) !== f.sha256) return `"${f.key}" differs from its sha256`;
  }
  return undefined;
}

async function rawDayState(store: ObjectStore, date: string, keys: string[]): Promise<UnitState> {
  const prefix = rawDayPrefix(date);
  const manifestBytes = await store.get(`${prefix}_manifest.json`);
  if (manifestBytes === undefined) return { status: keys.length > 0 ? "untrusted" : "absent" };
  let manifest;
  try {
    manifest = parseManifest(decoder.decode(manifestBytes), `${prefix}_manifest.json`);
  } catch (error) {
    return { status: "corrupt", problem: (error as Error).message };
  }
  const files = manifest.files.map((f) => ({ key: `${prefix}${f.path}`, ...f }));
  const problem = await verify(store, files);
  if (problem) return { status: "corrupt", problem };
  const fingerprint = manifest.files.map((f) => `${f.path}=${f.sha256}`).join(",");
  return { status: "trusted", fingerprint };
}

async function partitionState(store: ObjectStore, prefix: string): Promise<UnitState> {
  const markerBytes = await store.get(`${prefix}_SUCCESS`);
  if (markerBytes === undefined) return { status: "untrusted" };
  let marker;
  try {
    marker = parseSuccessMarker(decoder.decode(markerBytes), `${prefix}_SUCCESS`);
  } catch (error) {
    return { status: "corrupt", problem: (error as Error).message };
  }
  const problem = await verify(store, marker.files);
  if (problem) return { status: "corrupt", problem };
  // The Parquet bytes identify the content (not the key: a publish in progress lists a staged
  // copy); source_manifest_sha256 also covers the raw manifest's run metadata (times), which
  // differs between otherwise identical runs.
  const fingerprint = marker.files.map((f) => `.parquet=${f.sha256}`).join(",");
  return { status: "trusted", fingerprint };
}

/** Check every raw day and clean partition of the lake. */
export async function checkLake(store: ObjectStore): Promise<LakeState> {
  const rawKeys = new Map<string, string[]>();
  for await (const { key } of store.list(RAW_SOURCE_PREFIX)) {
    const date = /^raw\/irceline\/date=(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1];
    if (!date) throw new Error(`Unexpected raw key "${key}"`);
    if (!rawKeys.has(date)) rawKeys.set(date, []);
    if (!key.endsWith("/_manifest.json")) rawKeys.get(date)!.push(key);
  }
  const partitions = new Set<string>();
  for await (const { key } of store.list("clean/")) {
    const m = /^(clean\/[a-z_]+\/date=\d{4}-\d{2}-\d{2}\/)/.exec(key);
    if (!m) throw new Error(`Unexpected clean key "${key}"`);
    partitions.add(m[1]!);
  }
  const state: LakeState = {};
  for (const [date, keys] of rawKeys) state[`raw/${date}`] = await rawDayState(store, date, keys);
  for (const prefix of partitions) {
    const [, table, date] = /^clean\/([a-z_]+)\/date=(.+)\/$/.exec(prefix)!;
    state[`clean/${table}/${date}`] = await partitionState(store, prefix);
  }
  return state;
}

/** The trusted units only (key → fingerprint), i.e. what a reader would accept. */
export function trustedView(state: LakeState): Record<string, string> {
  const view: Record<string, string> = {};
  for (const [unit, s] of Object.entries(state)) {
    if (s.status === "trusted") view[unit] = s.fingerprint!;
  }
  return view;
}

/** Units that are corrupt (a trusted marker over missing or different files). */
export function corruptUnits(state: LakeState): string[] {
  return Object.entries(state).filter(([, s]) => s.status === "corrupt").map(([u, s]) =>
    `${u}: ${s.problem}`
  );
}
