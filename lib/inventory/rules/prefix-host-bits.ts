import { hostBitsProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

/** a prefix is written as its network address, with no host bits set. */
export const prefixHostBits: InventoryRule = {
  id: "prefix-host-bits",
  summary: "a client prefix has no host bits set (2131:0:0:1001::/59 is 2131:0:0:1000::/59)",
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) => {
      // Prefixes that do not parse are ipv6-syntax's.
      const problem = entry.prefix && hostBitsProblem(entry.prefix);
      return problem
        ? [
            source.problemAt(entry.path, {
              message: problem.reason,
              value: entry.text,
              hint: problem.hint,
            }),
          ]
        : [];
    });
  },
};
