import { networkAddress } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/** Address ranges (ipaddr.js names) that no DirectAccess client is addressed from, and why. */
const NOT_A_CLIENT_RANGE: Record<string, string> = {
  unspecified: "the unspecified prefix ::",
  linkLocal: "a link-local prefix (fe80::/10), which never leaves its link",
  multicast: "a multicast prefix (ff00::/8)",
  loopback: "the loopback address",
  ipv4Mapped: "an IPv4-mapped prefix (::ffff:0:0/96)",
  rfc6052: "the NAT64 prefix 64:ff9b::/96",
  rfc6145: "an IPv4-translated prefix (::ffff:0:0:0/96)",
};

/** A client prefix is one that IP-HTTPS clients get routable addresses from. */
export const clientPrefixGlobal: InventoryRule = {
  id: "client-prefix-global",
  summary: "no client prefix is unspecified, link-local, multicast, loopback, IPv4-mapped or NAT64",
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) => {
      const why = entry.prefix && NOT_A_CLIENT_RANGE[networkAddress(entry.prefix).range()];
      return why
        ? [
            source.problemAt(entry.path, {
              message: `is ${why}`,
              value: entry.text,
              hint: "give the IP-HTTPS client prefix the DA server hands out (Get-DAServer ClientIPv6Prefix, or the /64 the node publishes)",
            }),
          ]
        : [];
    });
  },
};
