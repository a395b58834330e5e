import {
  addressInPrefix,
  parseIpv6Address,
  whyNotRoutableUnicast,
  whyTranslated,
} from "../../address/ipv6";
import { formatKeyPath } from "../key-path";
import { describeServer, type InventoryRule } from "./rule";
import { addressSyntaxProblem } from "./ipv6-syntax";

/** Rule: `bigip.selfAddress` is a unicast IPv6 address outside every client prefix. */
export const selfAddress: InventoryRule = {
  id: "self-address",
  summary:
    "bigip.selfAddress is a plain unicast IPv6 address outside every client prefix, and no DA server's internal address",
  check({ source, document, addresses }) {
    const text = document.bigip.selfAddress;
    if (text === undefined) return [];
    const path = ["bigip", "selfAddress"];
    const address = parseIpv6Address(text);
    if (!address || address.isIPv4MappedAddress()) {
      return [source.problemAt(path, addressSyntaxProblem(text))];
    }
    const why = whyNotRoutableUnicast(address) ?? whyTranslated(address);
    if (why) {
      return [
        source.problemAt(path, {
          message: "must be a routable unicast address",
          value: text,
          hint: `${why}; give the self IP the corporate routers reach the BIG-IP at (the floating self IP on an HA pair)`,
        }),
      ];
    }
    // The self IP is the routers' next hop; a DA server's address there would route Manage Out
    // traffic to the DA server, past the BIG-IP.
    const server = addresses.internalAddresses.find(
      (entry) =>
        entry.address && entry.address.toNormalizedString() === address.toNormalizedString(),
    );
    if (server) {
      return [
        source.problemAt(path, {
          message: `is the internal address of ${describeServer(document, server.entryPoint, server.server)}`,
          value: text,
          hint: "give the BIG-IP's own self IP on the corporate network (the floating self IP on an HA pair)",
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
