import { poolName, virtualServerName, type ManageOutObjectNameParts } from "../../bigip-names";
import type { InventoryDocument } from "../inventory-schema";
import { describeServer, serverPath, type InventoryRule } from "./rule";

/** The kinds of object a server may adopt, and the name it gets when it adopts none. */
const KINDS = [
  { key: "pool", noun: "pool", generated: poolName },
  { key: "virtualServer", noun: "virtual server", generated: virtualServerName },
] as const;

/**
 * Rule: an adopted object is not the object another server of the file creates under its
 * generated name. Both servers would then manage one pool (or virtual server): the first deploy
 * imports it for one and fails to create it for the other, and later plans fight over its member.
 */
export const adoptedNames: InventoryRule = {
  id: "adopted-names",
  summary:
    "an adopted pool or virtual server (existing) is not the one another server's generated name gives",
  check({ source, document }) {
    const problems = [];
    for (const kind of KINDS) {
      const generated = generatedNames(document, kind);
      for (const [e, entryPoint] of document.entryPoints.entries()) {
        for (const [s, server] of entryPoint.servers.entries()) {
          const adopted = server.existing?.[kind.key];
          const owner = adopted === undefined ? undefined : generated.get(adopted);
          if (!owner || (owner.entryPoint === e && owner.server === s)) continue;
          problems.push(
            source.problemAt([...serverPath(e, s), "existing", kind.key], {
              message: `is the name of the ${kind.noun} ${describeServer(document, owner.entryPoint, owner.server)} creates`,
              value: adopted,
              hint: "both servers would manage one object; check which DA server the hand-built object serves, or adopt it on that server",
            }),
          );
        }
      }
    }
    return problems;
  },
};

/** Generated full path → the server that creates it (servers that adopt this kind create none). */
function generatedNames(
  document: InventoryDocument,
  kind: (typeof KINDS)[number],
): Map<string, { entryPoint: number; server: number }> {
  const names = new Map<string, { entryPoint: number; server: number }>();
  for (const [e, entryPoint] of document.entryPoints.entries()) {
    for (const [s, server] of entryPoint.servers.entries()) {
      if (server.existing?.[kind.key] !== undefined) continue;
      const parts: ManageOutObjectNameParts = {
        ...document.bigip,
        entryPointName: entryPoint.name,
        serverName: server.name,
      };
      names.set(kind.generated(parts), { entryPoint: e, server: s });
    }
  }
  return names;
}
