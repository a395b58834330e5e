import { formatPrefix, isNetworkAddress } from "../../address/ipv6";
import type { InventoryRule } from "./rule";

/** a prefix is written as its network address, with no host bits set. */
export const prefixHostBits: InventoryRule = {
  id: "prefix-host-bits",
  summary: "a client prefix has no host bits set (2131:0:0:1001::/59 is 2131:0:0:1000::/59)",
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) =>
      entry.prefix && !isNetworkAddress(entry.prefix)
        ? [
            source.problemAt(entry.path, {
              message: "has host bits set",
              value: entry.text,
              hint: `did you mean ${formatPrefix(entry.prefix)}?`,
            }),
          ]
        : [],
    );
  },
};
