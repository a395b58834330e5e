import { CLUSTER_PREFIX_ON_NODES_HINT, shapeFindings } from "../client-prefix-shape";
import { formatKeyPath } from "../key-path";
import type { ClientPrefixEntry } from "../inventory-addresses";
import type { InventoryRule } from "./rule";

/**
 * no two client prefixes of an inventory are equal or overlap, except a server's prefix
 * inside its own entry point's prefix. A prefix of the wrong shape has its own problem, and
 * what it overlaps is not reported: the neighbours are not at fault.
 */
export const prefixOverlap: InventoryRule = {
  id: "prefix-overlap",
  summary:
    "no two client prefixes are equal or overlap, across all entry points and servers (a server's prefix inside its own entry point's is fine)",
  check({ source, document, addresses }) {
    return addresses.nestings.flatMap(({ outer, inner }) => {
      if (outer.owner.kind !== "clientPrefix" || inner.owner.kind !== "clientPrefix") return [];
      const [wide, narrow] = [outer.owner, inner.owner];
      if (isOwnEntryPoint(wide, narrow)) return [];
      const misshapen = shapeFindings(document, addresses);
      if (misshapen.has(wide) || misshapen.has(narrow)) return [];
      const same = outer.start === inner.start && outer.end === inner.end;
      const bothServers = wide.server !== undefined && narrow.server !== undefined;
      return [
        source.problemAt(narrow.path, {
          message: `${same ? "is the same prefix as" : "overlaps"} ${formatKeyPath(wide.path)} (${wide.text})`,
          value: narrow.text,
          hint:
            same && bothServers
              ? CLUSTER_PREFIX_ON_NODES_HINT
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
