/**
 * The tmsh command lines this project runs through the provider's `bigip_command`: a network
 * virtual server's settings where the provider cannot set them (its IPv6 mask with
 * `maskWorkaround: tmsh`; in a route domain every setting, because the provider drops the
 * `%<id>` suffix when it reads the destination back, so its own updates would move the virtual
 * server out of its route domain), the config sync of an HA pair, and the removal of a member's
 * node.
 *
 * The provider runs each command as `bash -c 'tmsh <command>'`, escaping single quotes on create
 * only: every value written here is checked against a strict word pattern, and the one free-text
 * value (the description) is built from checked words and double-quoted. A cdktf token (a
 * reference to another resource's attribute, such as a created profile's name) passes unchecked:
 * Terraform fills it in from a resource of this project.
 */
import { MANAGE_OUT_FORWARDING } from "../manage-out-forwarding";
import { Fn, Token } from "cdktf";

/** What tmsh gets as a bare word: names, full paths and addresses; never quotes, spaces or `$`. */
const TMSH_WORD = /^[A-Za-z0-9_.:%/-]+$/;

/** A network virtual server's settings, in the device's own forms. */
export interface VirtualServerSettings {
  /** Full path of the virtual server, e.g. `/Common/da_mo_west_da-west-1_vs`. */
  readonly name: string;
  /** Destination with route domain and port, e.g. `2001:db8:8000:3000::%2.0`. */
  readonly destination: string;
  /** Netmask in the device's compressed form, e.g. `ffff:ffff:ffff:ffff::`. */
  readonly netmask: string;
  /** Any client in the destination's route domain, e.g. `::%2/0` (`anySource`). */
  readonly source: string;
  /** Full path of the pool. */
  readonly pool: string;
  /** Full paths of the profiles. */
  readonly profiles: readonly string[];
  /** Full paths of the VLANs the virtual server is enabled on. */
  readonly vlans: readonly string[];
  /** Description, made of words that pass the word check, separated by single spaces. */
  readonly description: string;
}

/** `run cm config-sync to-group <group>`: pushes the configuration to a sync-failover group. */
export function configSyncCommandLine(deviceGroup: string): string {
  return `run cm config-sync to-group ${word(deviceGroup, "device group")}`;
}

/**
 * `delete ltm node <full path>`: the node the device created for a pool member, which the
 * provider leaves behind. tmsh refuses it while another pool still uses the node.
 */
export function deleteNodeCommandLine(nodeFullPath: string): string {
  return `delete ltm node ${word(nodeFullPath, "node")}`;
}

/** `modify ltm virtual <name> mask <netmask>`: the mask the provider could not set. */
export function maskCommandLine(name: string, netmask: string): string {
  return `modify ltm virtual ${word(name, "virtual server name")} mask ${word(netmask, "netmask")}`;
}

/**
 * One `modify ltm virtual` that sets every setting of a Manage Out network virtual server, so that
 * running it after a create, an import or a changed setting leaves the device exactly as intended.
 */
export function virtualServerSettingsCommandLine(settings: VirtualServerSettings): string {
  // A list reference (a Terraform variable, say) is joined by Terraform at apply time.
  const list = (values: readonly string[], what: string) =>
    Token.isUnresolved(values)
      ? `{ ${Fn.join(" ", [...values])} }`
      : `{ ${values.map((value) => word(value, what)).join(" ")} }`;
  return [
    "modify ltm virtual",
    word(settings.name, "virtual server name"),
    `destination ${word(settings.destination, "destination")}`,
    `mask ${word(settings.netmask, "netmask")}`,
    `source ${word(settings.source, "source")}`,
    `ip-protocol ${MANAGE_OUT_FORWARDING.ipProtocol}`,
    `translate-address ${MANAGE_OUT_FORWARDING.translateAddress}`,
    `translate-port ${MANAGE_OUT_FORWARDING.translatePort}`,
    `source-address-translation { type ${MANAGE_OUT_FORWARDING.sourceAddressTranslation} }`,
    `profiles replace-all-with ${list(settings.profiles, "profile")}`,
    `vlans replace-all-with ${list(settings.vlans, "VLAN")}`,
    MANAGE_OUT_FORWARDING.vlansEnabled ? "vlans-enabled" : "vlans-disabled",
    `pool ${word(settings.pool, "pool")}`,
    `description "${settings.description
      .split(" ")
      .map((part) => word(part, "description word"))
      .join(" ")}"`,
  ].join(" ");
}

function word(value: string, what: string): string {
  if (!TMSH_WORD.test(value) && !Token.isUnresolved(value)) {
    throw new Error(
      `${what} ${JSON.stringify(value)} cannot go into a tmsh command: use letters, digits and _ . : % / - only`,
    );
  }
  return value;
}
