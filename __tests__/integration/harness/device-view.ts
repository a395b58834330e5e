/**
 * What the fake device holds, in the words a network engineer checks with tmsh: per virtual
 * server its destination network with route domain and prefix length, its pool's members, and
 * how it forwards.
 */
import { formatDeviceAddress } from "../fake-bigip/addresses";
import type { DeviceState } from "../fake-bigip/device-state";

/** One virtual server as `tmsh list ltm virtual` and `tmsh list ltm pool` would show it. */
export interface VirtualServerView {
  /** `<network>[%<route domain>]/<prefix length>`, e.g. `2001:db8:8000:3000::%2/64`. */
  readonly destination: string;
  readonly pool: string;
  /** The pool's members, `<address>[%<id>].<port>`. */
  readonly members: readonly string[];
  readonly vlans: readonly string[];
  readonly vlansEnabled: boolean;
  readonly translateAddress: string;
  readonly translatePort: string;
  readonly snat: string;
  readonly ipProtocol: string;
  readonly profiles: readonly string[];
}

/** Every virtual server on the device, by full path. */
export function virtualServers(device: DeviceState): Record<string, VirtualServerView> {
  return Object.fromEntries(
    [...device.virtualServers.values()]
      .sort((a, b) => (a.fullPath < b.fullPath ? -1 : 1))
      .map((vs) => [
        vs.fullPath,
        {
          destination: `${formatDeviceAddress(vs.destination)}/${vs.maskLength}`,
          pool: vs.pool,
          members: [...(device.pools.get(vs.pool)?.members.keys() ?? [])],
          vlans: [...vs.vlans].sort(),
          vlansEnabled: vs.vlansEnabled,
          translateAddress: vs.translateAddress,
          translatePort: vs.translatePort,
          snat: vs.sourceAddressTranslation.type,
          ipProtocol: vs.ipProtocol,
          profiles: vs.profiles,
        },
      ]),
  );
}

/** The destinations only: `{ <virtual server>: <network>[%id]/<length> }`. */
export function destinations(device: DeviceState): Record<string, string> {
  return Object.fromEntries(
    Object.entries(virtualServers(device)).map(([name, view]) => [name, view.destination]),
  );
}

/** Full paths of every pool and virtual server on the device, sorted. */
export function objectNames(device: DeviceState): { pools: string[]; virtualServers: string[] } {
  return {
    pools: [...device.pools.keys()].sort(),
    virtualServers: [...device.virtualServers.keys()].sort(),
  };
}

/** The forwarding settings every Manage Out virtual server must have. */
export const MANAGE_OUT_FORWARDING = {
  vlansEnabled: true,
  translateAddress: "disabled",
  translatePort: "disabled",
  snat: "none",
  ipProtocol: "any",
} as const;
