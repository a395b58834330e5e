import { parseIpv6Prefix, prefixContains } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/** The Teredo prefix (RFC 4380). */
const TEREDO = parseIpv6Prefix("2001::/32")!;

/** no client prefix lies in the Teredo prefix 2001::/32. */
export const teredoPrefix: InventoryRule = {
  id: "teredo-prefix",
  summary: "no client prefix lies in 2001::/32: Teredo is not supported, IP-HTTPS is",
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) =>
      entry.prefix && (prefixContains(TEREDO, entry.prefix) || prefixContains(entry.prefix, TEREDO))
        ? [
            source.problemAt(entry.path, {
              message: "lies in 2001::/32, the Teredo prefix",
              value: entry.text,
              hint: "Teredo clients cannot be reached by Manage Out behind load balancers; give the IP-HTTPS prefix instead",
            }),
          ]
        : [],
    );
  },
};
