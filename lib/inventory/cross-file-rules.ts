/**
 * Rule 9, across inventory files: stack names are valid and unique, and two files do not
 * configure overlapping client prefixes in the same BIG-IP partition.
 */
import { prefixRange } from "../address/ipv6";
import { findNestings, type AddressRange } from "../address/prefix-nesting";
import type { Inventory } from "./inventory";
import type { ClientPrefixEntry, InventoryAddresses } from "./inventory-addresses";
import type { InventorySource } from "./inventory-source";
import { formatKeyPath } from "./key-path";
import type { Problem } from "./problem";
import { OBJECT_NAME } from "./rules/object-names";

/** One inventory file that passed its own checks. */
export interface CheckedInventoryFile {
  readonly inventory: Inventory;
  readonly source: InventorySource;
  readonly addresses: InventoryAddresses;
}

/** Every cross-file problem of a set of inventory files. */
export function crossFileProblems(files: readonly CheckedInventoryFile[]): Problem[] {
  return [
    ...stackNameProblems(files).map((problem) => ({ ...problem, rule: "stack-names" })),
    ...crossFilePrefixOverlaps(files).map((problem) => ({
      ...problem,
      rule: "cross-file-prefix-overlap",
    })),
  ];
}

/** Stack names are valid construct and directory names, and unique across files. */
function stackNameProblems(files: readonly CheckedInventoryFile[]): Problem[] {
  const problems: Problem[] = [];
  const firstFile = new Map<string, string>();
  for (const { inventory, source } of files) {
    const fromFileName = source.data !== null && !(source.data as { name?: unknown }).name;
    const where = fromFileName ? [] : ["name"];
    if (fromFileName && !OBJECT_NAME.test(inventory.stackName)) {
      problems.push(
        source.problemAt(where, {
          message: `gives the stack name '${inventory.stackName}' through its file name, which is not a valid name`,
          hint: "add a key name: with letters, digits, '_', '-' and '.', starting with a letter",
        }),
      );
    }
    const other = firstFile.get(inventory.stackName);
    if (other) {
      problems.push(
        source.problemAt(where, {
          message: `${fromFileName ? "the file name gives" : "gives"} the stack name '${inventory.stackName}', which ${other} also has`,
          hint: "stack names must be unique across inventory files; change name: in one of them",
        }),
      );
    } else {
      firstFile.set(inventory.stackName, inventory.file);
    }
  }
  return problems;
}

interface OwnedPrefix {
  readonly file: CheckedInventoryFile;
  readonly entry: ClientPrefixEntry;
}

/** Client prefixes of different files must not overlap within one partition. */
function crossFilePrefixOverlaps(files: readonly CheckedInventoryFile[]): Problem[] {
  const byPartition = new Map<string, AddressRange<OwnedPrefix>[]>();
  for (const file of files) {
    const ranges = byPartition.get(file.inventory.bigip.partition) ?? [];
    // Entry point prefixes suffice: each file's own rules put its servers' prefixes inside them.
    for (const entry of file.addresses.clientPrefixes) {
      if (entry.prefix && entry.server === undefined) {
        ranges.push({ ...prefixRange(entry.prefix), owner: { file, entry } });
      }
    }
    byPartition.set(file.inventory.bigip.partition, ranges);
  }
  return [...byPartition.entries()].flatMap(([partition, ranges]) =>
    findNestings(ranges)
      .filter(({ outer, inner }) => outer.owner.file !== inner.owner.file)
      .map(({ outer, inner }) =>
        inner.owner.file.source.problemAt(inner.owner.entry.path, {
          message: `overlaps ${formatKeyPath(outer.owner.entry.path)} (${outer.owner.entry.text}) of ${outer.owner.file.inventory.file}, in the same partition ${partition}`,
          value: inner.owner.entry.text,
          hint: "a client prefix belongs to one DA server; remove it from one of the files, or give the files different bigip.partition values if they configure different BIG-IPs",
        }),
      ),
  );
}
