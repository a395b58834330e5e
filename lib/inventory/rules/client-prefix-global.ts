import { globalPrefixProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

/** A client prefix is one that IP-HTTPS clients get routable addresses from. */
export const clientPrefixGlobal: InventoryRule = {
  id: "client-prefix-global",
  summary: "no client prefix is unspecified, link-local, multicast, loopback, IPv4-mapped or NAT64",
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) => {
      const problem = entry.prefix && globalPrefixProblem(entry.prefix);
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
