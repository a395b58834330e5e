import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { Command } from "../../.gen/providers/bigip/command";
import { LtmPool } from "../../.gen/providers/bigip/ltm-pool";
import { LtmPoolAttachment } from "../../.gen/providers/bigip/ltm-pool-attachment";
import { LtmVirtualServer } from "../../.gen/providers/bigip/ltm-virtual-server";
import {
  anySource,
  namedNodeMember,
  networkVirtualServerAddressing,
  nodeAddress,
  poolMemberNode,
  routeDomainSuffix,
  type MaskWorkaround,
} from "../address/bigip-addressing";
import { formatPrefix, parseIpv6Prefix } from "../address/ipv6";
import { manageOutDescription, poolName, virtualServerName } from "../bigip-names";
import { validateEntryProps } from "./entry-props";
import { MANAGE_OUT_FORWARDING } from "../manage-out-forwarding";
import { addDependencies, attributeReference, resourceAddress } from "./resource-address";
import { TerraformData } from "./terraform-data";
import { tmshCommand, tmshCommandOnDestroy } from "./tmsh-command";
import {
  configSyncCommandLine,
  deleteNodeCommandLine,
  maskCommandLine,
  virtualServerSettingsCommandLine,
} from "./tmsh-command-lines";
import {
  DEFAULT_MONITOR,
  DEFAULT_NAME_PREFIX,
  DEFAULT_PARTITION,
  FASTL4_PROFILE,
  NO_MONITOR,
} from "../defaults";
import { sameEngineScope } from "./engine";

/**
 * One DA server's Manage Out path through the internal BIG-IP. Every prop but `monitor` and
 * `dependsOn` must be a literal, not a Terraform reference: names, the mask and the tmsh command
 * lines (run by bash on the BIG-IP) are built from them at synth time, after they are checked.
 */
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
   * How the IPv6 mask gets past the provider's mask defect: `dotted` writes it with a dotted
   * IPv4 tail, `tmsh` sets it with a tmsh command after create.
   * @default "dotted"
   */
  readonly maskWorkaround?: MaskWorkaround;
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
  /**
   * Sync-failover device group of an HA pair: when this entry is destroyed, a config sync to the
   * group runs once the entry's objects are gone, so the standby unit loses them too.
   * @default - no config sync on destroy
   */
  readonly configSyncDeviceGroup?: string;
  /**
   * Resources the entry's pool (and so its virtual server) is created after and destroyed before,
   * e.g. the fastL4 profile it uses. May be references.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
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
  /** `terraform_data` holding prefix and route domain; its change replaces the virtual server. */
  public readonly replacementTrigger: TerraformData;
  /**
   * The tmsh command that sets what the provider cannot keep: with `maskWorkaround: "tmsh"` the
   * mask; in a route domain every setting of the virtual server (destination with `%<id>`, mask,
   * VLANs, profile, pool, translation, description). Runs after every create, replacement or
   * import of the virtual server, and again when a setting changes.
   */
  public readonly settingsCommand?: Command;
  /** The config sync run when this entry is destroyed, with `configSyncDeviceGroup` only. */
  public readonly configSyncOnDestroy?: Command;
  /**
   * Deletes the node the device created for the pool member once the entry is destroyed (the
   * provider leaves it behind). tmsh refuses while another pool uses the node; that refusal is
   * harmless and not checked.
   */
  public readonly nodeCleanupOnDestroy?: Command;
  /**
   * `terraform_data` holding the member's node; its change (a new internal address or route
   * domain) replaces the node cleanup, which deletes the old node after the old member is gone.
   */
  public readonly nodeTrigger?: TerraformData;
  /** Full path of the virtual server, e.g. `/Common/da_mo_east_da-east-1_vs`. */
  public readonly virtualServerName: string;
  /** The client prefix in canonical form, e.g. `2131:0:0:1000::/64`. */
  public readonly clientPrefix: string;
  /** The entry point the server belongs to. */
  public readonly entryPointName: string;
  /** The DA server's name. */
  public readonly serverName: string;

  constructor(scope: Construct, id: string, props: DaManageOutEntryProps) {
    super(sameEngineScope(scope, "DaManageOutEntry"), id);
    validateEntryProps(this, props);
    this.clientPrefix = formatPrefix(parseIpv6Prefix(props.clientPrefix)!);
    this.entryPointName = props.entryPointName;
    this.serverName = props.serverName;

    const nameParts = {
      partition: props.partition ?? DEFAULT_PARTITION,
      namePrefix: props.namePrefix ?? DEFAULT_NAME_PREFIX,
      entryPointName: props.entryPointName,
      serverName: props.serverName,
    };
    this.virtualServerName = props.existingVirtualServer ?? virtualServerName(nameParts);
    const monitor = props.monitor ?? DEFAULT_MONITOR;
    const routeDomain = routeDomainSuffix(props.routeDomain);
    const purpose = manageOutDescription(this.clientPrefix, props.serverName);

    // Destroy-time commands run in the reverse order of their dependencies: the pool (and before
    // it the member) is destroyed first, then the node is deleted, then the removal is synced.
    if (props.configSyncDeviceGroup !== undefined) {
      this.configSyncOnDestroy = tmshCommandOnDestroy(
        this,
        "config_sync_on_destroy",
        configSyncCommandLine(props.configSyncDeviceGroup),
      );
    }
    const poolFullPath = props.existingPool ?? poolName(nameParts);
    // Without an existing node, the device creates the member's node in the pool's partition,
    // named by its address, and a destroy-time command deletes it; an existing node stays.
    if (props.existingNode === undefined) {
      const nodeFullPath = `/${poolFullPath.split("/")[1]}/${nodeAddress(props.internalAddress, routeDomain)}`;
      this.nodeTrigger = new TerraformData(this, "node_trigger", { node: nodeFullPath });
      this.nodeCleanupOnDestroy = tmshCommandOnDestroy(
        this,
        "node_cleanup_on_destroy",
        deleteNodeCommandLine(nodeFullPath),
        {
          dependsOn: this.configSyncOnDestroy ? [this.configSyncOnDestroy] : undefined,
          replaceTriggeredBy: [resourceAddress(this.nodeTrigger)],
        },
      );
    }
    const nodeCleanup = this.nodeCleanupOnDestroy ? [this.nodeCleanupOnDestroy] : [];
    // The first destroy-time command that runs once the pool is gone.
    const afterPool = this.nodeCleanupOnDestroy ?? this.configSyncOnDestroy;
    this.pool = new LtmPool(this, "pool", {
      name: poolFullPath,
      description: purpose,
      monitors: monitor === NO_MONITOR ? undefined : [monitor],
    });
    addDependencies(this.pool, [...(props.dependsOn ?? []), ...(afterPool ? [afterPool] : [])]);

    // Adoption: Terraform import blocks (Terraform >= 1.5), ids are the objects' full paths.
    if (props.existingPool) this.pool.importFrom(props.existingPool);

    // `${bigip_ltm_pool.<name>.name}` as text: a token (this.pool.name) would capture a stack
    // trace, a measurable cost at fleet scale (see resource-address.ts).
    const poolReference = attributeReference(this.pool, "name");
    this.poolAttachment = new LtmPoolAttachment(this, "pool_member", {
      pool: poolReference,
      nodeAttribute:
        props.existingNode === undefined
          ? poolMemberNode(props.internalAddress, routeDomain)
          : namedNodeMember(props.existingNode),
    });
    // The old member is removed before its node is deleted when both are replaced.
    addDependencies(this.poolAttachment, nodeCleanup);

    // Holds what the virtual server's mask derives from: a change replaces the virtual server, so
    // a changed prefix never keeps a stale mask (the mask's drift is ignored, see below).
    this.replacementTrigger = new TerraformData(this, "prefix_trigger", {
      client_prefix: this.clientPrefix,
      ...(routeDomain === undefined ? {} : { route_domain: routeDomain }),
    });

    const maskWorkaround = props.maskWorkaround ?? "dotted";
    const addressing = networkVirtualServerAddressing(
      this.clientPrefix,
      routeDomain,
      maskWorkaround,
    );
    const profiles = [props.fastL4Profile ?? FASTL4_PROFILE];
    this.virtualServer = new LtmVirtualServer(this, "virtual_server", {
      name: this.virtualServerName,
      description: purpose,
      destination: addressing.destination,
      mask: addressing.mask,
      // In a route domain the provider would send `::/0`; outside one its default is the same.
      source: routeDomain === undefined ? undefined : anySource(routeDomain),
      port: MANAGE_OUT_FORWARDING.port,
      ipProtocol: MANAGE_OUT_FORWARDING.ipProtocol,
      translateAddress: MANAGE_OUT_FORWARDING.translateAddress,
      translatePort: MANAGE_OUT_FORWARDING.translatePort,
      sourceAddressTranslation: MANAGE_OUT_FORWARDING.sourceAddressTranslation,
      profiles,
      vlans: [...props.vlans],
      vlansEnabled: MANAGE_OUT_FORWARDING.vlansEnabled,
      pool: poolReference,
      lifecycle: {
        ignoreChanges: ignoredDrift(maskWorkaround, routeDomain),
        replaceTriggeredBy: [resourceAddress(this.replacementTrigger)],
      },
    });

    if (props.existingVirtualServer) this.virtualServer.importFrom(props.existingVirtualServer);

    const settingsCommand =
      routeDomain !== undefined
        ? {
            id: "settings_command",
            command: virtualServerSettingsCommandLine({
              name: this.virtualServerName,
              destination: `${addressing.destination}.0`,
              netmask: addressing.netmask,
              source: anySource(routeDomain),
              pool: poolFullPath,
              profiles,
              vlans: props.vlans,
              description: purpose,
            }),
            failureMessage: `tmsh could not apply the settings of ${this.virtualServerName} in route domain ${routeDomain}; check the virtual server on the device`,
          }
        : maskWorkaround === "tmsh"
          ? {
              // The provider creates the virtual server as /128 without a mask; tmsh sets it.
              id: "mask_command",
              command: maskCommandLine(this.virtualServerName, addressing.netmask),
              failureMessage: `tmsh could not set the mask of ${this.virtualServerName} to ${addressing.netmask}; the virtual server matches only its first address until it is fixed`,
            }
          : undefined;
    if (settingsCommand) {
      // A changed command line is an in-place update of the command, which runs it again; a
      // replaced virtual server replaces (re-runs) the command.
      this.settingsCommand = tmshCommand(this, settingsCommand.id, {
        command: settingsCommand.command,
        failureMessage: settingsCommand.failureMessage,
        dependsOn: [this.virtualServer],
        replaceTriggeredBy: [resourceAddress(this.virtualServer)],
      });
    }
  }
}

/**
 * The virtual server attributes whose difference from the device is not planned as an update.
 * - `mask` with the dotted workaround: the device answers with the compressed form, a diff on
 *   every plan otherwise.
 * - Everything in a route domain: the provider drops the `%<id>` suffix when it reads the
 *   destination back, and every update it sends would carry the stripped destination and move
 *   the virtual server out of its route domain (F5Networks/bigip 1.24.1). The settings command
 *   sets every attribute instead; drift on the device does not show in the plan (see docs/lifecycle.md).
 */
function ignoredDrift(
  maskWorkaround: MaskWorkaround,
  routeDomain: number | undefined,
): string[] | "all" | undefined {
  if (routeDomain !== undefined) return "all";
  return maskWorkaround === "dotted" ? ["mask"] : undefined;
}
