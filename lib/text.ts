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
