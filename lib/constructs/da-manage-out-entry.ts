import type { ITerraformDependable } from "./cdk";
import { Construct } from "constructs";
import type { Command } from "../../.gen/providers/bigip/command";
import { LtmPool } from "../../.gen/providers/bigip/ltm-pool";
import { LtmPoolAttachment } from "../../.gen/providers/bigip/ltm-pool-attachment";
import { LtmVirtualServer } from "../../.gen/providers/bigip/ltm-virtual-server";
import {
  anySource,
  dottedMask,
  namedNodeMember,
  type MaskWorkaround,
} from "../address/bigip-addressing";
import { formatPrefix, parseIpv6Prefix } from "../address/ipv6";
import {
  describeManageOut,
  type ManageOutObjects,
  type ManageOutServerSettings,
  type ManageOutVirtualServer,
} from "../manage-out-objects";
import { validateEntryProps } from "./entry-props";
import { addDependencies, attributeReference, resourceAddress } from "./resource-address";
import { TerraformData } from "./terraform-data";
import { tmshCommand, tmshCommandOnDestroy } from "./tmsh-command";
import {
  configSyncCommandLine,
  deleteNodeCommandLine,
  maskCommandLine,
  virtualServerSettingsCommandLine,
} from "./tmsh-command-lines";
import { sameEngineScope } from "./engine";

/**
 * One DA server's Manage Out path through the internal BIG-IP: its settings (what the objects are
 * made from, see `ManageOutServerSettings`) and how they are deployed. Every prop but `monitor`
 * and `dependsOn` must be a literal, not a Terraform reference: names, the mask and the tmsh
 * command lines (run by bash on the BIG-IP) are built from them at synth time, after they are
 * checked.
 */
export interface DaManageOutEntryProps extends ManageOutServerSettings {
  /**
   * How the IPv6 mask gets past the provider's mask defect: `dotted` writes it with a dotted
   * IPv4 tail, `tmsh` sets it with a tmsh command after create.
   * @default "dotted"
   */
  readonly maskWorkaround?: MaskWorkaround;
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
    const objects = describeManageOut(props);
    this.clientPrefix = formatPrefix(parseIpv6Prefix(props.clientPrefix)!);
    this.entryPointName = props.entryPointName;
    this.serverName = props.serverName;
    this.virtualServerName = objects.virtualServer.name;
    // Folded once by the description: 0 is none.
    const { routeDomain } = objects.virtualServer;

    // Destroy-time commands run in the reverse order of their dependencies: the pool (and before
    // it the member) is destroyed first, then the node is deleted, then the removal is synced.
    if (props.configSyncDeviceGroup !== undefined) {
      this.configSyncOnDestroy = tmshCommandOnDestroy(
        this,
        "config_sync_on_destroy",
        configSyncCommandLine(props.configSyncDeviceGroup),
      );
    }
    // The node the device creates for a member by address is deleted by a destroy-time command;
    // an existing node stays.
    if (!objects.node.adopted) {
      this.nodeTrigger = new TerraformData(this, "node_trigger", { node: objects.node.fullPath });
      this.nodeCleanupOnDestroy = tmshCommandOnDestroy(
        this,
        "node_cleanup_on_destroy",
        deleteNodeCommandLine(objects.node.fullPath),
        {
          dependsOn: this.configSyncOnDestroy ? [this.configSyncOnDestroy] : undefined,
          replaceTriggeredBy: [resourceAddress(this.nodeTrigger)],
        },
      );
    }
    // The first destroy-time command that runs once the pool is gone.
    const afterPool = this.nodeCleanupOnDestroy ?? this.configSyncOnDestroy;
    this.pool = addPool(this, objects.pool, [
      ...(props.dependsOn ?? []),
      ...(afterPool ? [afterPool] : []),
    ]);
    this.poolAttachment = addMember(this, objects);
    // The old member is removed before its node is deleted when both are replaced.
    addDependencies(
      this.poolAttachment,
      this.nodeCleanupOnDestroy ? [this.nodeCleanupOnDestroy] : [],
    );

    // Holds what the virtual server's mask derives from: a change replaces the virtual server, so
    // a changed prefix never keeps a stale mask (the mask's drift is ignored, see below).
    this.replacementTrigger = new TerraformData(this, "prefix_trigger", {
      client_prefix: this.clientPrefix,
      ...(routeDomain === undefined ? {} : { route_domain: routeDomain }),
    });
    const maskWorkaround = props.maskWorkaround ?? "dotted";
    this.virtualServer = addVirtualServer(this, objects.virtualServer, maskWorkaround);
    this.settingsCommand = addSettingsCommand(this, objects.virtualServer, maskWorkaround);
  }
}

/** The pool, created after (and destroyed before) `dependsOn`; imported when adopted. */
function addPool(
  entry: DaManageOutEntry,
  pool: ManageOutObjects["pool"],
  dependsOn: ITerraformDependable[],
): LtmPool {
  const resource = new LtmPool(entry, "pool", {
    name: pool.name,
    description: pool.description,
    monitors: pool.monitor === undefined ? undefined : [pool.monitor],
  });
  addDependencies(resource, dependsOn);
  // Adoption: Terraform import blocks (Terraform >= 1.5), ids are the objects' full paths.
  if (pool.adopted) resource.importFrom(pool.name);
  return resource;
}

/**
 * `${bigip_ltm_pool.<name>.name}` as text: a token (`entry.pool.name`) would capture a stack
 * trace, a measurable cost at fleet scale (see resource-address.ts).
 */
function poolReference(entry: DaManageOutEntry): string {
  return attributeReference(entry.pool, "name");
}

/** The pool member: by address, or by the name of an existing node (`/Common/DA2:0`). */
function addMember(entry: DaManageOutEntry, objects: ManageOutObjects): LtmPoolAttachment {
  return new LtmPoolAttachment(entry, "pool_member", {
    pool: poolReference(entry),
    nodeAttribute: objects.node.adopted
      ? namedNodeMember(objects.node.fullPath)
      : objects.member.name,
  });
}

/** The provider's own source when none is given (1.24.1 `ltmVirtualServerAttrDefaults`). */
const PROVIDER_DEFAULT_SOURCE = anySource(undefined);

/**
 * The network virtual server, replaced with the entry's `replacementTrigger`; imported when
 * adopted. Its pool is the entry's pool resource (the description's `pool`), by reference.
 */
function addVirtualServer(
  entry: DaManageOutEntry,
  vs: ManageOutVirtualServer,
  maskWorkaround: MaskWorkaround,
): LtmVirtualServer {
  const resource = new LtmVirtualServer(entry, "virtual_server", {
    name: vs.name,
    description: vs.description,
    destination: vs.destination,
    mask: maskWorkaround === "dotted" ? dottedMask(vs.mask) : undefined,
    // The provider's default source is `::/0` whatever the route domain: given only otherwise.
    source: vs.source === PROVIDER_DEFAULT_SOURCE ? undefined : vs.source,
    port: vs.port,
    ipProtocol: vs.ipProtocol,
    translateAddress: vs.translateAddress,
    translatePort: vs.translatePort,
    sourceAddressTranslation: vs.sourceAddressTranslation,
    profiles: [...vs.profiles],
    vlans: [...vs.vlans],
    vlansEnabled: vs.vlansEnabled,
    pool: poolReference(entry),
    lifecycle: {
      ignoreChanges: ignoredDrift(maskWorkaround, vs.routeDomain),
      replaceTriggeredBy: [resourceAddress(entry.replacementTrigger)],
    },
  });
  if (vs.adopted) resource.importFrom(vs.name);
  return resource;
}

/**
 * The tmsh command that sets what the provider cannot keep (see `settingsCommand`), or
 * `undefined` when the provider keeps every setting.
 */
function addSettingsCommand(
  entry: DaManageOutEntry,
  vs: ManageOutVirtualServer,
  maskWorkaround: MaskWorkaround,
): Command | undefined {
  const { routeDomain } = vs;
  const settingsCommand =
    routeDomain !== undefined
      ? {
          id: "settings_command",
          command: virtualServerSettingsCommandLine(vs),
          failureMessage: `tmsh could not apply the settings of ${vs.name} in route domain ${routeDomain}; check the virtual server on the device`,
        }
      : maskWorkaround === "tmsh"
        ? {
            // The provider creates the virtual server as /128 without a mask; tmsh sets it.
            id: "mask_command",
            command: maskCommandLine(vs.name, vs.mask),
            failureMessage: `tmsh could not set the mask of ${vs.name} to ${vs.mask}; the virtual server matches only its first address until it is fixed`,
          }
        : undefined;
  // A changed command line is an in-place update of the command, which runs it again; a replaced
  // virtual server replaces (re-runs) the command.
  return settingsCommand
    ? tmshCommand(entry, settingsCommand.id, {
        command: settingsCommand.command,
        failureMessage: settingsCommand.failureMessage,
        dependsOn: [entry.virtualServer],
        replaceTriggeredBy: [resourceAddress(entry.virtualServer)],
      })
    : undefined;
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
