import { addressInPrefix, parseIpv6Address, whyNotRoutableUnicast } from "../../address/ipv6";
import { formatKeyPath } from "../key-path";
import type { InventoryRule } from "./rule";
import { addressSyntaxProblem } from "./ipv6-syntax";

/** Rule: `bigip.selfAddress` is a unicast IPv6 address outside every client prefix. */
export const selfAddress: InventoryRule = {
  id: "self-address",
  summary: "bigip.selfAddress is a plain unicast IPv6 address outside every client prefix",
  check({ source, document, addresses }) {
    const text = document.bigip.selfAddress;
    if (text === undefined) return [];
    const path = ["bigip", "selfAddress"];
    const address = parseIpv6Address(text);
    if (!address || address.isIPv4MappedAddress()) {
      return [source.problemAt(path, addressSyntaxProblem(text))];
    }
    const why = whyNotRoutableUnicast(address);
    if (why) {
      return [
        source.problemAt(path, {
          message: "must be a routable unicast address",
          value: text,
          hint: `${why}; give the self IP the corporate routers reach the BIG-IP at (the floating self IP on an HA pair)`,
        }),
      ];
    }
    const inside = addresses.clientPrefixes.find(
      (entry) => entry.prefix && addressInPrefix(address, entry.prefix),
    );
    return inside
      ? [
          source.problemAt(path, {
            message: `lies inside ${formatKeyPath(inside.path)} (${inside.text})`,
            value: text,
            hint: "the self IP is on the corporate network, not in a DirectAccess client prefix",
          }),
        ]
      : [];
  },
};
