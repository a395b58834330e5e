import { Construct } from "constructs";
import { LtmPool } from "../.gen/providers/bigip/ltm-pool";
import { LtmPoolAttachment } from "../.gen/providers/bigip/ltm-pool-attachment";
import { LtmVirtualServer } from "../.gen/providers/bigip/ltm-virtual-server";
import { networkVirtualServerAddressing, poolMemberNode } from "./address/bigip-addressing";
import { formatPrefix, parseIpv6Address, parseIpv6Prefix } from "./address/ipv6";
import { poolName, virtualServerName } from "./bigip-names";
import {
  DEFAULT_MONITOR,
  DEFAULT_NAME_PREFIX,
  DEFAULT_PARTITION,
  FASTL4_PROFILE,
  NO_MONITOR,
} from "./defaults";

/** One DA server's Manage Out path through the internal BIG-IP. */
export interface DaManageOutEntryProps {
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
   * Health monitor of the pool; `"none"` for no monitor.
   * @default "/Common/gateway_icmp"
   */
  readonly monitor?: string;
  /**
   * Route domain id of the virtual server destination and the pool member.
   * @default - no `%id` suffix: the partition's default route domain
   */
  readonly routeDomain?: number;
}

/**
 * For one DA server: an LTM pool whose only member is the server's internal address, and an IPv6
 * network virtual server for its client prefix that forwards to that pool without address or port
 * translation, so the DA server becomes the next hop for Manage Out traffic to its clients.
 */
export class DaManageOutEntry extends Construct {
  /** The LTM pool holding the DA server. */
  public readonly pool: LtmPool;
  /** The pool member: the DA server's internal address on any port. */
  public readonly poolAttachment: LtmPoolAttachment;
  /** The network virtual server for the client prefix. */
  public readonly virtualServer: LtmVirtualServer;
  /** The client prefix in canonical form, e.g. `2131:0:0:1000::/64`. */
  public readonly clientPrefix: string;

  constructor(scope: Construct, id: string, props: DaManageOutEntryProps) {
    super(scope, id);
    const prefix = parseIpv6Prefix(props.clientPrefix);
    if (!prefix) {
      throw new Error(
        `clientPrefix must be an IPv6 prefix in CIDR form, got '${props.clientPrefix}'`,
      );
    }
    if (!parseIpv6Address(props.internalAddress)) {
      throw new Error(`internalAddress must be an IPv6 address, got '${props.internalAddress}'`);
    }
    if (props.vlans.length === 0) {
      throw new Error("vlans must list at least one VLAN, got none");
    }
    this.clientPrefix = formatPrefix(prefix);

    const nameParts = {
      partition: props.partition ?? DEFAULT_PARTITION,
      namePrefix: props.namePrefix ?? DEFAULT_NAME_PREFIX,
      entryPointName: props.entryPointName,
      serverName: props.serverName,
    };
    const monitor = props.monitor ?? DEFAULT_MONITOR;
    const purpose = `DirectAccess Manage Out to IP-HTTPS clients ${this.clientPrefix} via DA server ${props.serverName}`;

    this.pool = new LtmPool(this, "pool", {
      name: poolName(nameParts),
      description: purpose,
      monitors: monitor === NO_MONITOR ? undefined : [monitor],
    });

    this.poolAttachment = new LtmPoolAttachment(this, "pool_member", {
      pool: this.pool.name,
      nodeAttribute: poolMemberNode(props.internalAddress, props.routeDomain),
    });

    const addressing = networkVirtualServerAddressing(this.clientPrefix, props.routeDomain);
    this.virtualServer = new LtmVirtualServer(this, "virtual_server", {
      name: virtualServerName(nameParts),
      description: purpose,
      destination: addressing.destination,
      mask: addressing.mask,
      port: 0,
      ipProtocol: "any",
      translateAddress: "disabled",
      translatePort: "disabled",
      sourceAddressTranslation: "none",
      profiles: [FASTL4_PROFILE],
      vlans: [...props.vlans],
      vlansEnabled: true,
      pool: this.pool.name,
    });
  }
}
