/**
 * The declared flag a mistyped one most likely meant, for "did you mean --date?". Pure.
 */

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
      }
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The name in `names` closest to `given` (both without dashes): the only one `given` is the
 * start of, else the nearest within a third of its length (at least 1, at most 3 edits);
 * undefined when none is close or two are equally close.
 */
export function closestFlag(given: string, names: readonly string[]): string | undefined {
  const word = given.toLowerCase();
  if (word === "") return undefined;
  const starts = names.filter((n) => n.startsWith(word));
  if (starts.length === 1) return starts[0];
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const scored = names.map((name) => ({ name, d: editDistance(word, name) }))
    .filter((s) => s.d <= limit)
    .sort((x, y) => x.d - y.d);
  const [best, next] = scored;
  if (best === undefined || (next !== undefined && next.d === best.d)) return undefined;
  return best.name;
}
