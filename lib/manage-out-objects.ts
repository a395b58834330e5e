/**
 * What one DA server needs on the BIG-IP, described once: its pool, the pool member and the node
 * it uses, and the network virtual server with every setting this project writes, in the forms
 * the device itself shows them. No cdktf: the construct builds its resources from this
 * description, the tmsh settings line renders it, and audit, doctor, adopt and recover compare the
 * device with it (`__tests__/manage-out-objects.test.ts` proves each field reaches them).
 *
 * A new setting is a prop of `ManageOutServerSettings` and the line of `describeManageOut` that
 * uses it (CONTRIBUTING.md, "Adding a setting of what a DA server deploys").
 */
import {
  anySource,
  namedNodeMember,
  networkVirtualServerAddressing,
  nodeAddress,
  poolMemberNode,
  routeDomainSuffix,
} from "./address/bigip-addressing";
import { formatPrefix, parseIpv6Prefix } from "./address/ipv6";
import { looseFastL4ProfileName, manageOutDescription, manageOutNames } from "./bigip-names";
import { DEFAULT_MONITOR, FASTL4_PROFILE, NO_MONITOR } from "./defaults";
import {
  bigipWithout,
  CONNECTION_SETTINGS,
  type BigipSettings,
  type Server,
} from "./inventory/inventory";
import { MANAGE_OUT_FORWARDING } from "./manage-out-forwarding";

/**
 * One DA server's settings: everything its objects on the BIG-IP are made from. The props of
 * `DaManageOutEntry` but how it is deployed (mask workaround, config sync, dependencies).
 */
export interface ManageOutServerSettings {
  /** DA entry point (site or load-balanced cluster) the server belongs to; part of object names. */
  readonly entryPointName: string;
  /** DA server name; part of object names. */
  readonly serverName: string;
  /** Corporate-facing IPv6 address of the DA server; becomes the only pool member. */
  readonly internalAddress: string;
  /** IP-HTTPS client prefix the DA server hands out, e.g. `2131:0:0:1000::/64`. */
  readonly clientPrefix: string;
  /** Corporate-side VLANs (full paths, `/Common/internal`) the virtual server listens on. */
  readonly vlans: readonly string[];
  /**
   * BIG-IP partition of the pool and virtual server.
   * @default "Common"
   */
  readonly partition?: string;
  /**
   * First part of the pool and virtual server names.
   * @default "da_mo"
   */
  readonly namePrefix?: string;
  /**
   * Health monitor of the pool; `"none"` for no monitor. May be a Terraform reference.
   * @default "/Common/gateway_icmp"
   */
  readonly monitor?: string;
  /**
   * Route domain id of the virtual server destination and the pool member. 0 is written as no
   * suffix (the device shows the default route domain without `%0`). With any other id, the
   * virtual server's settings are kept by a tmsh command instead of provider updates, see
   * `settingsCommand`.
   * @default - no `%id` suffix: the partition's default route domain
   */
  readonly routeDomain?: number;
  /**
   * Profile of the virtual server (full path). A profile of the same stack is given by its full
   * path, with the profile in `dependsOn`.
   * @default "/Common/fastL4"
   */
  readonly fastL4Profile?: string;
  /**
   * Full path of a hand-built pool to adopt: the pool keeps this name, and the first deploy
   * imports it instead of creating it.
   * @default - a new pool named `/<partition>/<namePrefix>_<entryPoint>_<server>_pool`
   */
  readonly existingPool?: string;
  /**
   * Full path of a hand-built network virtual server to adopt, imported like `existingPool`.
   * @default - a new virtual server named `/<partition>/<namePrefix>_<entryPoint>_<server>_vs`
   */
  readonly existingVirtualServer?: string;
  /**
   * Full path of an existing node that holds the internal address (`/Common/DA2`, often made by
   * hand before the pool): the member uses it by name (`DA2:0`), since the device refuses a member
   * by address when a node of another name has that address (0107003a), and the node is left on
   * the device when the entry is destroyed.
   * @default - the member by address; the device creates its node, deleted on destroy
   */
  readonly existingNode?: string;
}

/** The LTM pool of a DA server. */
export interface ManageOutPool {
  /** Full path, e.g. `/Common/da_mo_east_da-east-1_pool`. */
  readonly name: string;
  /** Says what the pool is for; `recover` recognizes the pools a run left by it. */
  readonly description: string;
  /** Full path of the health monitor; `undefined`: no monitor. May be a Terraform reference. */
  readonly monitor?: string;
  /** A hand-built pool (`existingPool`): the first deploy imports it, recover never deletes it. */
  readonly adopted: boolean;
}

/** The pool's only member: the DA server's internal address on every port. */
export interface ManageOutPoolMember {
  /**
   * The member as the device names it: `2001:db8:10::11%2.0` by address (tmsh and REST put an
   * IPv6 address's port after a `.`), `DA2:0` on an existing node.
   */
  readonly name: string;
}

/** The node the member uses. */
export interface ManageOutNode {
  /**
   * Full path: the node the device creates for a member by address, named by its address in the
   * pool's partition (`/Common/2001:db8:10::11%2`), or the existing node (`/Common/DA2`).
   */
  readonly fullPath: string;
  /** Its address, `2001:db8:10::11` or `2001:db8:10::11%2` in a route domain. */
  readonly address: string;
  /**
   * A node made by hand (`existingNode`): the member names it, destroy leaves it. Otherwise the
   * device makes it for the member, and the stack deletes it on destroy.
   */
  readonly adopted: boolean;
}

/**
 * The IPv6 network virtual server of a DA server's client prefix: every setting this project
 * writes, as the device shows it (REST attribute names).
 */
export interface ManageOutVirtualServer {
  /** Full path, e.g. `/Common/da_mo_east_da-east-1_vs`. */
  readonly name: string;
  /** Says what the virtual server is for; `recover` recognizes the ones a run left by it. */
  readonly description: string;
  /**
   * Route domain id of its destination and source (and of the member), `undefined` for none: the
   * prop folded once, 0 to none. In a route domain the construct keeps the settings by tmsh.
   */
  readonly routeDomain?: number;
  /** The client prefix's network address, `2131:0:0:1000::`, or `2131:0:0:1000::%2`. */
  readonly destination: string;
  /** Port of the destination: 0, every port. */
  readonly port: number;
  /** The client prefix's netmask, compressed, e.g. `ffff:ffff:ffff:ffe0::` for a /59. */
  readonly mask: string;
  /** Clients it takes traffic from: any, in the destination's route domain (`::%2/0`). */
  readonly source: string;
  readonly ipProtocol: string;
  readonly translateAddress: string;
  readonly translatePort: string;
  /** The type of source address translation (SNAT). */
  readonly sourceAddressTranslation: string;
  /** Full paths of its profiles: the fastL4 profile. */
  readonly profiles: readonly string[];
  /** Full paths of the VLANs it listens on, or not, by `vlansEnabled`. */
  readonly vlans: readonly string[];
  readonly vlansEnabled: boolean;
  /** Full path of its pool: the DA server's pool. */
  readonly pool: string;
  /** A hand-built virtual server (`existingVirtualServer`): imported, never deleted by recover. */
  readonly adopted: boolean;
}

/** Every object a DA server needs on the device. */
export interface ManageOutObjects {
  readonly pool: ManageOutPool;
  readonly member: ManageOutPoolMember;
  readonly node: ManageOutNode;
  readonly virtualServer: ManageOutVirtualServer;
}

/**
 * The objects of one DA server, from its settings (checked: `validateEntryProps`, or an inventory
 * that passed its rules).
 * @throws Error when the client prefix or the internal address is not IPv6
 */
export function describeManageOut(settings: ManageOutServerSettings): ManageOutObjects {
  const names = manageOutNames(settings);
  const routeDomain = routeDomainSuffix(settings.routeDomain);
  const addressing = networkVirtualServerAddressing(settings.clientPrefix, routeDomain);
  const description = manageOutDescription(
    formatPrefix(parseIpv6Prefix(settings.clientPrefix)!),
    settings.serverName,
  );
  const monitor = settings.monitor ?? DEFAULT_MONITOR;
  const address = nodeAddress(settings.internalAddress, routeDomain);
  const node = settings.existingNode;
  return {
    pool: {
      name: names.pool,
      description,
      monitor: monitor === NO_MONITOR ? undefined : monitor,
      adopted: settings.existingPool !== undefined,
    },
    member: {
      // On an existing node the device names the member by the node's name: `DA2:0`.
      name:
        node === undefined
          ? poolMemberNode(settings.internalAddress, routeDomain)
          : namedNodeMember(node).split("/")[2],
    },
    node: {
      // The device makes the node of a member by address in the pool's partition.
      fullPath: node ?? `/${names.pool.split("/")[1]}/${address}`,
      address,
      adopted: node !== undefined,
    },
    virtualServer: {
      name: names.virtualServer,
      description,
      routeDomain,
      destination: addressing.destination,
      port: MANAGE_OUT_FORWARDING.port,
      mask: addressing.netmask,
      source: anySource(routeDomain),
      ipProtocol: MANAGE_OUT_FORWARDING.ipProtocol,
      translateAddress: MANAGE_OUT_FORWARDING.translateAddress,
      translatePort: MANAGE_OUT_FORWARDING.translatePort,
      sourceAddressTranslation: MANAGE_OUT_FORWARDING.sourceAddressTranslation,
      profiles: [settings.fastL4Profile ?? FASTL4_PROFILE],
      vlans: [...settings.vlans],
      vlansEnabled: MANAGE_OUT_FORWARDING.vlansEnabled,
      pool: names.pool,
      adopted: settings.existingVirtualServer !== undefined,
    },
  };
}

/**
 * The keys of `BigipSettings` that are not a DA server's setting: how the stack reaches the device
 * (`CONNECTION_SETTINGS`), what the stack does for all servers (the mask workaround, config sync,
 * the self IP of the routes), and `fastL4Profile`, resolved by `serverSettings`. Every other key
 * is a setting of each DA server, passed on as it is.
 */
const NOT_SERVER_SETTINGS = [
  ...CONNECTION_SETTINGS,
  "maskWorkaround",
  "configSync",
  "selfAddress",
  "fastL4Profile",
] as const satisfies readonly (keyof BigipSettings)[];

/**
 * The device-wide settings as props. `Pick` fails to compile when the schema gains a key that is
 * neither a `ManageOutServerSettings` prop (of a type that takes the value) nor listed in
 * `NOT_SERVER_SETTINGS`.
 */
function deviceWideSettings(
  bigip: BigipSettings,
): Pick<
  ManageOutServerSettings,
  Exclude<keyof BigipSettings, (typeof NOT_SERVER_SETTINGS)[number]>
> {
  return bigipWithout(bigip, NOT_SERVER_SETTINGS);
}

/**
 * A DA server's settings from a checked inventory: its own values and its BIG-IP's. The loose
 * fastL4 profile (`fastL4Profile: { loose: true }`) is the one the stack creates.
 */
export function serverSettings(
  bigip: BigipSettings,
  entryPoint: { readonly name: string },
  server: Server,
): ManageOutServerSettings {
  return {
    entryPointName: entryPoint.name,
    serverName: server.name,
    internalAddress: server.internalAddress,
    clientPrefix: server.clientPrefix,
    ...deviceWideSettings(bigip),
    fastL4Profile:
      typeof bigip.fastL4Profile === "object" ? looseFastL4ProfileName(bigip) : bigip.fastL4Profile,
    existingPool: server.existing?.pool,
    existingVirtualServer: server.existing?.virtualServer,
    existingNode: server.existing?.node,
  };
}

/** The objects of one DA server of a checked inventory. */
export function describeServer(
  bigip: BigipSettings,
  entryPoint: { readonly name: string },
  server: Server,
): ManageOutObjects {
  return describeManageOut(serverSettings(bigip, entryPoint, server));
}

/** Full paths of the pool and the virtual server of one DA server of a checked inventory. */
export function serverObjectNames(
  bigip: BigipSettings,
  entryPoint: { readonly name: string },
  server: Server,
): { readonly pool: string; readonly virtualServer: string } {
  return manageOutNames(serverSettings(bigip, entryPoint, server));
}
