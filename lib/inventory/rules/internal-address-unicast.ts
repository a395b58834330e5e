import { unroutableAddressProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

/** an internal address is a routable unicast address. */
export const internalAddressUnicast: InventoryRule = {
  id: "internal-address-unicast",
  summary: "an internal address is unicast: not link-local, multicast, loopback or unspecified",
  check({ source, addresses }) {
    return addresses.internalAddresses.flatMap((entry) => {
      const problem = entry.address && unroutableAddressProblem(entry.address);
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
