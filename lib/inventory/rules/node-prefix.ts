import { formatPrefix, prefixContains } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/** The prefix length of one cluster node's IP-HTTPS route. */
export const NODE_PREFIX_LENGTH = 64;

const PUBLISHED_ROUTE_HINT =
  "use the /64 IP-HTTPS route the node publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)";

/**
 * a server's own prefix lies inside its entry point's prefix; in a cluster (more than one
 * server) it is a /64.
 */
export const nodePrefix: InventoryRule = {
  id: "node-prefix",
  summary:
    "a server's prefix lies inside its entry point's prefix, is a /64 in a cluster and no longer than /64 for a single server",
  check({ source, document, addresses }) {
    const entryPointPrefixes = addresses.clientPrefixes.filter(
      (entry) => entry.server === undefined,
    );
    return addresses.clientPrefixes.flatMap((entry) => {
      if (entry.server === undefined || !entry.prefix) return [];
      const inCluster = document.entryPoints[entry.entryPoint].servers.length > 1;
      if (inCluster && entry.prefix.length !== NODE_PREFIX_LENGTH) {
        return [
          source.problemAt(entry.path, {
            message: `must be a /${NODE_PREFIX_LENGTH}: the entry point is a cluster of ${document.entryPoints[entry.entryPoint].servers.length} servers`,
            value: entry.text,
            hint: PUBLISHED_ROUTE_HINT,
          }),
        ];
      }
      if (!inCluster && entry.prefix.length > NODE_PREFIX_LENGTH) {
        // IP-HTTPS clients get addresses from a /64: a longer prefix misses most of them.
        return [
          source.problemAt(entry.path, {
            message: `is longer than /${NODE_PREFIX_LENGTH}: IP-HTTPS clients get their addresses from a whole /64`,
            value: entry.text,
            hint: "leave clientPrefix out for a single server (it owns its entry point's prefix), or give its /64",
          }),
        ];
      }
      const outer = entryPointPrefixes[entry.entryPoint].prefix;
      if (outer && !prefixContains(outer, entry.prefix)) {
        return [
          source.problemAt(entry.path, {
            message: `lies outside its entry point's prefix ${formatPrefix(outer)}`,
            value: entry.text,
            hint: `a node's prefix is carved from the entry point's prefix; ${PUBLISHED_ROUTE_HINT}`,
          }),
        ];
      }
      return [];
    });
  },
};
