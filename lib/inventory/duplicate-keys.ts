/**
 * Keys given twice in one map (a JSON object): YAML 1.2 and RFC 8259 (JSON) leave the meaning
 * open, and readers disagree (JavaScript's JSON.parse and the yaml package keep the last, other
 * tools the first, some refuse the file), so an inventory may not have them. Found on the parsed
 * document, with the key path of the second occurrence and where both stand.
 */
import { isMap, isScalar, isSeq } from "yaml";
import type { KeyPath } from "./key-path";

/** A key given a second time in its map. */
export interface DuplicateKey {
  /** Key path of the key, e.g. `["bigip", "partition"]`. */
  readonly path: KeyPath;
  /** Offset in the text of the second occurrence of the key. */
  readonly offset: number;
  /** Offset in the text of the first occurrence. */
  readonly firstOffset: number;
}

/**
 * Every key given more than once in its map, in document order. Keys count as one when they
 * become one key of the plain data (`1` and `"1"`); a list or map used as a key is another
 * problem and is skipped here.
 */
export function findDuplicateKeys(root: unknown): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const walk = (node: unknown, path: KeyPath): void => {
    if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (!isMap(node)) return;
    const seen = new Map<string, number>();
    for (const { key, value } of node.items) {
      if (!isScalar(key)) continue;
      const name = String(key.value);
      const offset = key.range?.[0] ?? 0;
      const firstOffset = seen.get(name);
      if (firstOffset === undefined) seen.set(name, offset);
      else found.push({ path: [...path, name], offset, firstOffset });
      walk(value, [...path, name]);
    }
  };
  walk(root, []);
  return found;
}
