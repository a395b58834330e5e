import { formatKeyPath } from "../key-path";
import type { ClientPrefixEntry } from "../inventory-addresses";
import type { InventoryRule } from "./rule";

const SAME_PREFIX_ON_NODES_HINT =
  "in a load-balanced DA cluster Get-DAServer returns the cluster's prefix on every node; give each node its own /64, the IP-HTTPS route it publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)";

/**
 * no two client prefixes of an inventory are equal or overlap, except a server's prefix
 * inside its own entry point's prefix.
 */
export const prefixOverlap: InventoryRule = {
  id: "prefix-overlap",
  summary:
    "no two client prefixes are equal or overlap, across all entry points and servers (a server's prefix inside its own entry point's is fine)",
  check({ source, addresses }) {
    return addresses.nestings.flatMap(({ outer, inner }) => {
      if (outer.owner.kind !== "clientPrefix" || inner.owner.kind !== "clientPrefix") return [];
      const [wide, narrow] = [outer.owner, inner.owner];
      if (isOwnEntryPoint(wide, narrow)) return [];
      const same = outer.start === inner.start && outer.end === inner.end;
      const bothServers = wide.server !== undefined && narrow.server !== undefined;
      return [
        source.problemAt(narrow.path, {
          message: `${same ? "is the same prefix as" : "overlaps"} ${formatKeyPath(wide.path)} (${wide.text})`,
          value: narrow.text,
          hint:
            same && bothServers
              ? SAME_PREFIX_ON_NODES_HINT
              : "every DA server needs its own IP-HTTPS prefix",
        }),
      ];
    });
  },
};

/** True when `wide` is the entry point prefix of the server that `narrow` belongs to. */
function isOwnEntryPoint(wide: ClientPrefixEntry, narrow: ClientPrefixEntry): boolean {
  return (
    wide.server === undefined &&
    narrow.server !== undefined &&
    wide.entryPoint === narrow.entryPoint
  );
}
