/** The BIG-IP objects a stack manages for one DA server, as the tools name them. */
import { poolName, virtualServerName } from "../bigip-names";
import type { BigipSettings, EntryPoint, Server } from "../inventory";

/** Pool and virtual server names of a server: adopted names where given, composed ones otherwise. */
export function managedObjectNames(
  bigip: BigipSettings,
  entryPoint: EntryPoint,
  server: Server,
): { pool: string; virtualServer: string } {
  const parts = { ...bigip, entryPointName: entryPoint.name, serverName: server.name };
  return {
    pool: server.existing?.pool ?? poolName(parts),
    virtualServer: server.existing?.virtualServer ?? virtualServerName(parts),
  };
}
