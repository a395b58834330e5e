/**
 * The checks across entries, for library users who build `DaManageOutEntry` constructs from a
 * list of their own: what the inventory rules prefix-overlap, internal-address-unique,
 * internal-address-outside-client-prefixes and unique-names check across DA servers. No cdktf.
 */
import { parseIpv6Address, parseIpv6Prefix, prefixRange, toBigInt } from "../address/ipv6";
import { findNestings, type AddressRange } from "../address/prefix-nesting";
import { manageOutNames } from "../bigip-names";

/** What the cross-entry checks need of one entry (a subset of `DaManageOutEntryProps`). */
export interface EntryIdentity {
  readonly entryPointName: string;
  readonly serverName: string;
  readonly internalAddress: string;
  readonly clientPrefix: string;
  /** @default "Common" */
  readonly partition?: string;
  /** @default "da_mo" */
  readonly namePrefix?: string;
}

/**
 * Problems between entries, one sentence each: two client prefixes that are equal or overlap,
 * two entries with one internal address, an internal address inside another entry's client
 * prefix, two entries with one pool or virtual server name. Empty when the list is consistent.
 * Values that are not addresses are left to each entry's own checks.
 */
export function entrySetProblems(entries: readonly EntryIdentity[]): string[] {
  const label = (entry: EntryIdentity) => `${entry.entryPointName}/${entry.serverName}`;
  const problems: string[] = [];
  const ranges: AddressRange<{ entry: EntryIdentity; kind: "prefix" | "address" }>[] = [];
  for (const entry of entries) {
    const prefix = parseIpv6Prefix(entry.clientPrefix);
    if (prefix) {
      const { start, end } = prefixRange(prefix);
      ranges.push({ start, end, owner: { entry, kind: "prefix" } });
    }
    const address = parseIpv6Address(entry.internalAddress);
    if (address) {
      const value = toBigInt(address);
      ranges.push({ start: value, end: value, owner: { entry, kind: "address" } });
    }
  }
  for (const { outer, inner } of findNestings(ranges)) {
    const [wide, narrow] = [outer.owner, inner.owner];
    if (wide.kind === "prefix" && narrow.kind === "prefix") {
      problems.push(
        `${label(narrow.entry)}: clientPrefix ${narrow.entry.clientPrefix} ${outer.start === inner.start && outer.end === inner.end ? "is the same prefix as" : "overlaps"} ${label(wide.entry)}'s ${wide.entry.clientPrefix}; every DA server needs its own IP-HTTPS prefix`,
      );
    } else if (wide.kind === "address" && narrow.kind === "address") {
      problems.push(
        `${label(narrow.entry)}: internalAddress ${narrow.entry.internalAddress} is also ${label(wide.entry)}'s; each DA server has its own corporate-facing address`,
      );
    } else if (wide.kind === "prefix" && narrow.kind === "address" && wide.entry !== narrow.entry) {
      problems.push(
        `${label(narrow.entry)}: internalAddress ${narrow.entry.internalAddress} lies inside ${label(wide.entry)}'s clientPrefix ${wide.entry.clientPrefix}; the internal address is the DA server's corporate-side address`,
      );
    }
  }
  const owners = new Map<string, EntryIdentity>();
  for (const entry of entries) {
    // The composed names: an entry given as a whole `DaManageOutEntryProps` may adopt others.
    const { entryPointName, serverName, partition, namePrefix } = entry;
    const names = manageOutNames({ entryPointName, serverName, partition, namePrefix });
    for (const name of [names.pool, names.virtualServer]) {
      const other = owners.get(name);
      if (other) {
        problems.push(
          `${label(entry)}: ${name} is also ${label(other)}'s object; give entry points or servers names that compose different object names`,
        );
      } else {
        owners.set(name, entry);
      }
    }
  }
  return problems;
}
