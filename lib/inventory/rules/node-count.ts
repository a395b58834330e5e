import type { InventoryRule } from "./rule";

/** Most nodes a load-balanced DA cluster can have: a /59 holds 32 /64s. */
export const MAX_NODES_PER_ENTRY_POINT = 32;

/** an entry point has at most 32 servers. */
export const nodeCount: InventoryRule = {
  id: "node-count",
  summary: `an entry point has at most ${MAX_NODES_PER_ENTRY_POINT} servers`,
  check({ source, document }) {
    return document.entryPoints.flatMap((entryPoint, e) =>
      entryPoint.servers.length > MAX_NODES_PER_ENTRY_POINT
        ? [
            source.problemAt(["entryPoints", e, "servers"], {
              message: `lists more than ${MAX_NODES_PER_ENTRY_POINT} servers`,
              value: String(entryPoint.servers.length),
              hint: `a load-balanced DA cluster has at most ${MAX_NODES_PER_ENTRY_POINT} nodes (a /59 holds ${MAX_NODES_PER_ENTRY_POINT} /64s); split it into entry points`,
            }),
          ]
        : [],
    );
  },
};
