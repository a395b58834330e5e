import { whyNotRoutableUnicast } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/** an internal address is a routable unicast address. */
export const internalAddressUnicast: InventoryRule = {
  id: "internal-address-unicast",
  summary: "an internal address is unicast: not link-local, multicast, loopback or unspecified",
  check({ source, addresses }) {
    return addresses.internalAddresses.flatMap((entry) => {
      const why = entry.address && whyNotRoutableUnicast(entry.address);
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
