import { addressRange } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/** Ranges an internal address must not lie in, and why. */
const NOT_UNICAST: Record<string, string> = {
  linkLocal: "a link-local address is not routable from the BIG-IP",
  multicast: "a multicast address cannot be a pool member",
  loopback: "the loopback address names the BIG-IP itself",
  unspecified: "the unspecified address :: names no host",
};

/** Rule 6a: an internal address is a routable unicast address. */
export const internalAddressUnicast: InventoryRule = {
  id: "internal-address-unicast",
  summary: "an internal address is unicast: not link-local, multicast, loopback or unspecified",
  check({ source, addresses }) {
    return addresses.internalAddresses.flatMap((entry) => {
      const range = entry.address && addressRange(entry.address);
      const why = range === undefined ? undefined : NOT_UNICAST[range];
      return why
        ? [
            source.problemAt(entry.path, {
              message: "must be a routable unicast address",
              value: entry.text,
              hint: `${why}; give the DA server's corporate-facing global or unique-local IPv6 address`,
            }),
          ]
        : [];
    });
  },
};
