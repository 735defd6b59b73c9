/**
 * Fault injection for the fixture server, chosen by a seeded hash of (seed, request key,
 * attempt number), so runs are reproducible whatever the request order or concurrency.
 * Attempt number k = how many times the same request (method, path, query, body) was seen
 * before. Attempts at or beyond `maxFailuresPerRequest` always succeed, so a client that
 * retries enough completes.
 */
import { hashInts, hashString, unit } from "./_hash.ts";

/** How a failing request fails. */
export type FailureMode = "429" | "503" | "drop" | "slow" | "truncate";

/** Every failure mode, in a fixed order. */
export const FAILURE_MODES: readonly FailureMode[] = ["429", "503", "drop", "slow", "truncate"];

/** Settings of fault injection. */
export interface FaultPlan {
  /** Probability 0..1 that an attempt below the cap fails. */
  failureRate: number;
  failureModes: readonly FailureMode[];
  seed: number;
  /** Attempts 0..cap-1 of a request may fail; attempt cap and later always succeed. */
  maxFailuresPerRequest: number;
}

/** The fault for attempt `attempt` (0-based) of the request `key`, or undefined. */
export function decideFault(
  plan: FaultPlan,
  key: string,
  attempt: number,
): FailureMode | undefined {
  if (plan.failureRate <= 0 || plan.failureModes.length === 0) return undefined;
  if (attempt >= plan.maxFailuresPerRequest) return undefined;
  const h = hashString(key);
  if (unit(hashInts(plan.seed, h, attempt)) >= plan.failureRate) return undefined;
  return plan.failureModes[hashInts(plan.seed, h, attempt, 1) % plan.failureModes.length];
}

/** Parse "429,503,drop" into modes; TypeError naming an unknown mode. */
export function parseFailureModes(text: string): FailureMode[] {
  const modes = text.split(",").map((m) => m.trim()).filter((m) => m !== "");
  for (const mode of modes) {
    if (!FAILURE_MODES.includes(mode as FailureMode)) {
      throw new TypeError(
        `Cannot parse failure modes "${text}": unknown mode "${mode}" (use ${
          FAILURE_MODES.join(",")
        })`,
      );
    }
  }
  return modes as FailureMode[];
}

/** The key identifying "the same request" across retries. */
export function requestKey(method: string, path: string, query: string, body: string): string {
  const params = new URLSearchParams(query);
  params.sort();
  return `${method} ${path}?${params.toString()} ${body}`;
}
