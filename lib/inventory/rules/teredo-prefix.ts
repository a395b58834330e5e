import { teredoProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";
import { valueProblems } from "./rule";

/** no client prefix lies in the Teredo prefix 2001::/32. */
export const teredoPrefix: InventoryRule = {
  id: "teredo-prefix",
  summary: "no client prefix lies in 2001::/32: Teredo is not supported, IP-HTTPS is",
  check: ({ source, addresses }) =>
    valueProblems(
      source,
      addresses.clientPrefixes,
      (entry) => entry.prefix && teredoProblem(entry.prefix),
    ),
};
