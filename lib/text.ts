/** Small text helpers shared by the stack and the command-line tools. */

/** `1 server`, `2 servers`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * A comparator by a text key, in code-point order (not locale order): the synthesized JSON and
 * the reports must not depend on the machine's locale.
 */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/**
 * The known name within two edits of `key` (a likely typo), if there is one: the closest, and
 * only one that keeps part of the key (two edits turn any two-letter key into any other).
 */
export function closestName(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    // Two edits turn any two-letter key into any other: a suggestion must keep part of the key.
    if (distance < bestDistance && distance < key.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, for spotting typos in short names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
