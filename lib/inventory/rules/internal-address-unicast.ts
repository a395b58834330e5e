import { unroutableAddressProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";
import { valueProblems } from "./rule";

/** an internal address is a routable unicast address. */
export const internalAddressUnicast: InventoryRule = {
  id: "internal-address-unicast",
  summary: "an internal address is unicast: not link-local, multicast, loopback or unspecified",
  check: ({ source, addresses }) =>
    valueProblems(
      source,
      addresses.internalAddresses,
      (entry) => entry.address && unroutableAddressProblem(entry.address),
    ),
};
