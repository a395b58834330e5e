import type { InventoryRule } from "./rule";
import { reportShape } from "./rule";

/**
 * a server's own prefix lies inside its entry point's prefix; in a cluster (more than one
 * server) it is a /64.
 */
export const nodePrefix: InventoryRule = {
  id: "node-prefix",
  summary:
    "a server's prefix lies inside its entry point's prefix, is a /64 in a cluster and no longer than /64 for a single server",
  check: (context) => reportShape("node-prefix", context),
};
