import { hasIsatapInterfaceId } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/**
 * an ISATAP internal address is an error in a load-balanced cluster (ISATAP is not
 * supported there) and a warning on a single server.
 */
export const isatapAddress: InventoryRule = {
  id: "isatap-address",
  summary:
    "an ISATAP internal address (interface id 0:5efe:a.b.c.d or 200:5efe:a.b.c.d) is an error in a cluster, a warning otherwise",
  check({ source, document, addresses }) {
    return addresses.internalAddresses.flatMap((entry) => {
      if (!entry.address || !hasIsatapInterfaceId(entry.address)) return [];
      const servers = document.entryPoints[entry.entryPoint].servers.length;
      return [
        servers > 1
          ? source.problemAt(entry.path, {
              message: `is an ISATAP address, and entry point '${document.entryPoints[entry.entryPoint].name}' is a cluster of ${servers} servers`,
              value: entry.text,
              hint: "ISATAP is not supported with load-balanced DA clusters; give the node's native IPv6 address",
            })
          : source.problemAt(entry.path, {
              severity: "warning",
              message: "is an ISATAP address",
              value: entry.text,
              hint: "it works for a single DA server, but native IPv6 on the corporate network is the supported design",
            }),
      ];
    });
  },
};
