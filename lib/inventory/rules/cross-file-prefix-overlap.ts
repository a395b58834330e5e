import { showValue } from "../../io/show-value";
import { prefixRange } from "../../address/ipv6";
import { findNestings, type AddressRange } from "../../address/prefix-nesting";
import type { ClientPrefixEntry } from "../inventory-addresses";
import { formatKeyPath } from "../key-path";
import type { CheckedInventoryFile, CrossFileRule } from "./rule";

interface OwnedPrefix {
  readonly file: CheckedInventoryFile;
  readonly entry: ClientPrefixEntry;
}

/** Client prefixes of different files must not overlap within one partition. */
export const crossFilePrefixOverlap: CrossFileRule = {
  id: "cross-file-prefix-overlap",
  summary: "two inventory files do not configure overlapping client prefixes in the same partition",
  check(files) {
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
            message: `overlaps ${formatKeyPath(outer.owner.entry.path)} (${outer.owner.entry.text}) of ${showValue(outer.owner.file.inventory.file)}, in the same partition ${partition}`,
            value: inner.owner.entry.text,
            hint: "a client prefix belongs to one DA server; remove it from one of the files, or give the files different bigip.partition values if they configure different BIG-IPs",
          }),
        ),
    );
  },
};
