import { translatedAddressProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";
import { valueProblems } from "./rule";

/**
 * Rule: an internal address is the DA server's own native IPv6 address, not one a translator or a
 * tunnel answers for: the BIG-IP sends Manage Out traffic to it as the next hop, so the DA server
 * must own it on its corporate interface.
 */
export const internalAddressTranslated: InventoryRule = {
  id: "internal-address-translated",
  summary:
    "an internal address is no NAT64, IPv4-mapped, IPv4-translated, IPv4-compatible or Teredo address (6to4 addresses, which DirectAccess setup derives for IPv4-only intranets, are fine)",
  check: ({ source, addresses }) =>
    valueProblems(
      source,
      addresses.internalAddresses,
      (entry) => entry.address && translatedAddressProblem(entry.address),
    ),
};
