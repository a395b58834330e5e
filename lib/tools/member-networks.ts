/**
 * Each DA server's internal address (its pool member) lies in the network of a self IP on one of
 * the stack's VLANs, in the member's route domain. The virtual server forwards with address
 * translation off: the client's packet goes to the member unchanged, as to a next hop, so the
 * BIG-IP must reach the member on a network it is on (issue 29). Whether a route to the member
 * (instead of a connected network) also serves is unconfirmed, so this warns, never fails.
 * Self IPs: self-ips.ts; route domains read as shown-address.ts reads them.
 */
import { nodeAddress } from "../address/bigip-addressing";
import { addressInPrefix, parseIpv6Address } from "../address/ipv6";
import type { Check } from "./doctor";
import type { SelfIp } from "../device/self-ips";
import { partitionDefaultOf, routeDomainIn } from "../device/shown-address";
import type { Inventory } from "../inventory";
import { showValue } from "../io/show-value";

/** Most addresses or self IPs named in one line. */
const MAX_NAMED = 5;

/** One warning per stack naming the addresses outside every self IP's network, or one ok line. */
export function checkMemberNetworks(
  inventories: readonly Inventory[],
  selfIps: readonly SelfIp[],
  partitionRouteDomains: ReadonlyMap<string, number>,
): Check[] {
  return inventories.map((inventory) => {
    const { bigip, stackName } = inventory;
    const onVlans = selfIps.filter((self) => bigip.vlans.includes(self.vlan));
    // The member is in the stack's route domain, or without one in its partition's default.
    const routeDomain = bigip.routeDomain ?? partitionRouteDomains.get(bigip.partition) ?? 0;
    const networks = onVlans.flatMap((self) =>
      self.network &&
      routeDomainIn(self.network, partitionDefaultOf(self.fullPath, partitionRouteDomains)) ===
        routeDomain
        ? [self.network]
        : [],
    );
    const outside = inventory.entryPoints.flatMap((entryPoint) =>
      entryPoint.servers
        .filter((server) => {
          const address = parseIpv6Address(server.internalAddress)!;
          return !networks.some((network) => addressInPrefix(address, network));
        })
        .map(
          (server) => `${nodeAddress(server.internalAddress)} (${entryPoint.name}/${server.name})`,
        ),
    );
    const vlans = bigip.vlans.join(", ");
    if (outside.length === 0) {
      return {
        ok: true,
        what: `${stackName}: every DA server's internal address is in the network of a self IP on ${vlans} in route domain ${routeDomain}`,
      };
    }
    const found =
      onVlans.length === 0
        ? `no self IP is on ${vlans}`
        : `self IPs there: ${named(onVlans.map((self) => `${showValue(self.address, 60)} on ${showValue(self.vlan, 60)}`))}`;
    return {
      ok: true,
      warning: true,
      what: `${stackName}: ${outside.length === 1 ? "a DA server's internal address is" : `${outside.length} DA servers' internal addresses are`} not in the network of a self IP on ${vlans} in route domain ${routeDomain}: ${named(outside)}; ${found}`,
      fix: "with address translation off the BIG-IP hands Manage Out traffic to the DA server as to a next hop, on a network it is on: add a self IP in the DA servers' network on one of bigip.vlans, or correct bigip.vlans or internalAddress (a route to the DA servers may not do)",
    };
  });
}

/** `a, b, c, d, e and 3 more`. */
function named(items: readonly string[]): string {
  const shown = items.slice(0, MAX_NAMED).join(", ");
  return items.length > MAX_NAMED ? `${shown} and ${items.length - MAX_NAMED} more` : shown;
}
