import type { InventoryRule } from "./rule";
import { serverPath } from "./rule";

/** A server may omit its client prefix only when it is its entry point's only server. */
export const serverPrefixRequired: InventoryRule = {
  id: "server-prefix-required",
  summary:
    "every server of a cluster (entry point with more than one server) has its own clientPrefix",
  check({ source, document }) {
    return document.entryPoints.flatMap((entryPoint, e) =>
      entryPoint.servers.length === 1
        ? []
        : entryPoint.servers.flatMap((server, s) =>
            server.clientPrefix !== undefined
              ? []
              : [
                  source.problemAt([...serverPath(e, s), "clientPrefix"], {
                    message: `is missing, and entry point '${entryPoint.name}' has ${entryPoint.servers.length} servers`,
                    hint: "give each node of a load-balanced cluster its own /64 IP-HTTPS prefix from inside the entry point's prefix",
                  }),
                ],
          ),
    );
  },
};
