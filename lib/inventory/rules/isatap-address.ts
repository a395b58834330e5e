import { hasIsatapInterfaceId } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/**
 * an ISATAP internal address is a warning, never an error: Microsoft's own setup makes the DA
 * server an ISATAP router of an intranet without native IPv6 ("Choose an Intranet IPv6
 * Connectivity Design"), so the address can be real. Behind external load balancers ISATAP for
 * Manage Out is not supported (Progress LoadMaster DirectAccess deployment guide, Prerequisites:
 * "ISATAP for outbound DirectAccess client management is not supported when using external load
 * balancers"), which the cluster warning says.
 */
export const isatapAddress: InventoryRule = {
  id: "isatap-address",
  summary:
    "an ISATAP internal address (interface id 0:5efe:a.b.c.d or 200:5efe:a.b.c.d) is a warning: ISATAP Manage Out is not supported behind external load balancers",
  check({ source, document, addresses }) {
    return addresses.internalAddresses.flatMap((entry) => {
      if (!entry.address || !hasIsatapInterfaceId(entry.address)) return [];
      const servers = document.entryPoints[entry.entryPoint].servers.length;
      return [
        source.problemAt(entry.path, {
          severity: "warning",
          message:
            servers > 1
              ? `is an ISATAP address, and entry point '${document.entryPoints[entry.entryPoint].name}' is a cluster of ${servers} servers`
              : "is an ISATAP address",
          value: entry.text,
          hint:
            servers > 1
              ? "ISATAP Manage Out is not supported behind external load balancers; if the node has a native IPv6 address on the corporate network, give that one"
              : "it works for a single DA server, but native IPv6 on the corporate network is the supported design",
        }),
      ];
    });
  },
};
