import { teredoProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

/** no client prefix lies in the Teredo prefix 2001::/32. */
export const teredoPrefix: InventoryRule = {
  id: "teredo-prefix",
  summary: "no client prefix lies in 2001::/32: Teredo is not supported, IP-HTTPS is",
  check({ source, addresses }) {
    return addresses.clientPrefixes.flatMap((entry) => {
      const problem = entry.prefix && teredoProblem(entry.prefix);
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
