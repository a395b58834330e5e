import type { InventoryRule } from "./rule";
import { reportShape } from "./rule";

/** a prefix is written as its network address, with no host bits set. */
export const prefixHostBits: InventoryRule = {
  id: "prefix-host-bits",
  summary: "a client prefix has no host bits set (2131:0:0:1001::/59 is 2131:0:0:1000::/59)",
  check: (context) => reportShape("prefix-host-bits", context),
};
