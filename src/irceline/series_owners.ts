/**
 * Who a series belongs to, decided once for ingest's manifest and transform's parsing.
 * Pure. `stations.json` may list a station id twice or let two stations claim the same
 * series; the rule is: **the first claim in document order wins**. A later station entry
 * with the same id never changes that station's label or coordinates, and a later claim
 * of a series never changes its station or phenomenon. Every ignored claim that disagrees
 * with the winner is returned as a conflict naming the ids, for the caller to log.
 */

/** One series as one station entry of stations.json claims it. */
export interface SeriesClaim {
  timeseriesId: number;
  stationId: number;
  phenomenonId: number;
}

/** What a station entry says about itself (only compared, never merged). */
export interface StationFacts {
  stationId: number;
  /** Label, coordinates…: any JSON-able facts; entries differ when their JSON differs. */
  facts: unknown;
}

/** The winners, and one line per ignored disagreeing claim. */
export interface SeriesOwners<T extends SeriesClaim> {
  /** Series id → its winning claim, in first-claim order. */
  owners: Map<number, T>;
  /** Station id → the index of its first entry in `stations`. */
  firstEntry: Map<number, number>;
  /** e.g. `series 6522 is claimed by station 1030 (phenomenon 5) and station 1031 (phenomenon 8): kept station 1030`. */
  conflicts: string[];
}

/** Resolve `claims` (in stations.json order) and the stations' own facts by first claim. */
export function resolveSeriesOwners<T extends SeriesClaim>(
  claims: readonly T[],
  stations: readonly StationFacts[] = [],
): SeriesOwners<T> {
  const owners = new Map<number, T>();
  const conflicts: string[] = [];
  const who = (c: SeriesClaim) => `station ${c.stationId} (phenomenon ${c.phenomenonId})`;
  for (const claim of claims) {
    const kept = owners.get(claim.timeseriesId);
    if (kept === undefined) owners.set(claim.timeseriesId, claim);
    else if (kept.stationId !== claim.stationId || kept.phenomenonId !== claim.phenomenonId) {
      conflicts.push(
        `series ${claim.timeseriesId} is claimed by ${who(kept)} and ${who(claim)}: ` +
          `kept station ${kept.stationId} (the first claim in stations.json)`,
      );
    }
  }
  const firstEntry = new Map<number, number>();
  const firstFacts = new Map<number, string>();
  const reported = new Set<number>();
  stations.forEach((s, i) => {
    const facts = JSON.stringify(s.facts) ?? "";
    const first = firstFacts.get(s.stationId);
    if (first === undefined) {
      firstEntry.set(s.stationId, i);
      firstFacts.set(s.stationId, facts);
    } else if (first !== facts && !reported.has(s.stationId)) {
      reported.add(s.stationId);
      conflicts.push(
        `station ${s.stationId} is listed more than once with different labels or ` +
          `coordinates: kept its first entry in stations.json`,
      );
    }
  });
  return { owners, firstEntry, conflicts };
}
