import { globalPrefixProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";
import { valueProblems } from "./rule";

/** A client prefix is one that IP-HTTPS clients get routable addresses from. */
export const clientPrefixGlobal: InventoryRule = {
  id: "client-prefix-global",
  summary: "no client prefix is unspecified, link-local, multicast, loopback, IPv4-mapped or NAT64",
  check: ({ source, addresses }) =>
    valueProblems(
      source,
      addresses.clientPrefixes,
      (entry) => entry.prefix && globalPrefixProblem(entry.prefix),
    ),
};
