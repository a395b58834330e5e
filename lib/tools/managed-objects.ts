/** The BIG-IP objects a stack manages for one DA server, as the tools name them. */
import { nodeAddress, routeDomainSuffix } from "../address/bigip-addressing";
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

/**
 * The name the device gives a server's pool member: `<node name>:0` when it uses an existing node
 * (`DA2:0`), else `<address>[%id].0` (tmsh and REST separate an IPv6 address's port with `.`).
 */
export function managedMemberName(bigip: BigipSettings, server: Server): string {
  const node = server.existing?.node;
  return node === undefined
    ? `${nodeAddress(server.internalAddress, routeDomainSuffix(bigip.routeDomain))}.0`
    : `${node.split("/")[2]}:0`;
}
