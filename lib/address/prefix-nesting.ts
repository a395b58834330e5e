/**
 * Which prefixes lie inside which, for many prefixes at once in O(n log n): sort by first address
 * (wider first on ties) and sweep with a stack of the prefixes still open. Two CIDR blocks are
 * either disjoint or one contains the other, so "overlap" and "nesting" are the same question.
 */

/** A range of addresses (a prefix, or a single address as its /128) with what it belongs to. */
export interface AddressRange<T> {
  readonly start: bigint;
  readonly end: bigint;
  readonly owner: T;
}

/** `inner` lies inside `outer` (or is the same range); `outer` is the narrowest such range. */
export interface Nesting<T> {
  readonly outer: AddressRange<T>;
  readonly inner: AddressRange<T>;
}

/**
 * For every range that lies inside another, the pair with the narrowest range around it. Equal
 * ranges pair up in input order (the later one is the inner one).
 */
export function findNestings<T>(ranges: readonly AddressRange<T>[]): Nesting<T>[] {
  const sorted = ranges
    .map((range, index) => ({ range, index }))
    .sort(
      (a, b) =>
        compare(a.range.start, b.range.start) ||
        compare(b.range.end, a.range.end) ||
        a.index - b.index,
    )
    .map(({ range }) => range);
  const open: AddressRange<T>[] = [];
  const nestings: Nesting<T>[] = [];
  for (const range of sorted) {
    while (open.length > 0 && open[open.length - 1].end < range.start) open.pop();
    const outer = open[open.length - 1];
    if (outer && outer.end >= range.end) nestings.push({ outer, inner: range });
    open.push(range);
  }
  return nestings;
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
