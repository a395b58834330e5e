/**
 * The tmsh command lines this project runs through the provider's `bigip_command`: a network
 * virtual server's settings where the provider cannot set them (its IPv6 mask with
 * `maskWorkaround: tmsh`; in a route domain every setting, because the provider drops the
 * `%<id>` suffix when it reads the destination back, so its own updates would move the virtual
 * server out of its route domain), the config sync of an HA pair, and the removal of a member's
 * node.
 *
 * The provider runs each command as `bash -c 'tmsh <command>'` (go-bigip's util bash), so bash
 * reads the line first, and it escapes single quotes on create only (F5Networks/bigip 1.24.1 to
 * 1.28.0, `resource_bigip_command.go`; not on update or delete): every value written here is a
 * literal checked against a strict word pattern, and the one free-text value (the description)
 * is built from checked words and double-quoted. A cdktf token (a Terraform reference) is
 * refused: it would reach bash unchecked at apply time. `tmshLineProblem` checks each whole line
 * again where it becomes a `bigip_command`.
 */
import { Token } from "./cdk";
import type { ManageOutVirtualServer } from "../manage-out-objects";

/** What tmsh gets as a bare word: names, full paths and addresses; never quotes, spaces or `$`. */
const TMSH_WORD = /^[A-Za-z0-9_.:%/-]+$/;

/**
 * What a whole line may hold: words, spaces, the braces of tmsh lists and the double quotes of
 * the description. Nothing bash reads as more than text (`'`, `$`, `` ` ``, `;`, `|`, `&`, `<`,
 * `>`, `(`, `\`, `*`, `?`, `[`, `~`, `,` for brace expansion, a line break).
 */
const TMSH_LINE = /^[A-Za-z0-9_.:%/ {}"-]+$/;

/**
 * Why a whole command line may not go to `bigip_command`, or `undefined`: a reference (token) or a
 * character outside `TMSH_LINE`. The last check before a line becomes a resource.
 */
export function tmshLineProblem(line: string): string | undefined {
  if (Token.isUnresolved(line)) {
    return "holds a Terraform reference/token, which bash on the BIG-IP would get unchecked";
  }
  return TMSH_LINE.test(line)
    ? undefined
    : 'holds a character other than letters, digits, space and _ . : % / - { } "';
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
 * One `modify ltm virtual` that sets every setting of a Manage Out network virtual server, as its
 * description says, so that running it after a create, an import or a changed setting leaves the
 * device exactly as intended.
 */
export function virtualServerSettingsCommandLine(vs: ManageOutVirtualServer): string {
  const list = (values: readonly string[], what: string) =>
    `{ ${values.map((value) => word(value, what)).join(" ")} }`;
  return [
    "modify ltm virtual",
    word(vs.name, "virtual server name"),
    `destination ${word(`${vs.destination}.${vs.port}`, "destination")}`,
    `mask ${word(vs.mask, "netmask")}`,
    `source ${word(vs.source, "source")}`,
    `ip-protocol ${word(vs.ipProtocol, "ip protocol")}`,
    `translate-address ${word(vs.translateAddress, "translate-address")}`,
    `translate-port ${word(vs.translatePort, "translate-port")}`,
    `source-address-translation { type ${word(vs.sourceAddressTranslation, "SNAT type")} }`,
    `profiles replace-all-with ${list(vs.profiles, "profile")}`,
    `vlans replace-all-with ${list(vs.vlans, "VLAN")}`,
    vs.vlansEnabled ? "vlans-enabled" : "vlans-disabled",
    `pool ${word(vs.pool, "pool")}`,
    `description "${vs.description
      .split(" ")
      .map((part) => word(part, "description word"))
      .join(" ")}"`,
  ].join(" ");
}

function word(value: string, what: string): string {
  if (Token.isUnresolved(value)) {
    throw new Error(
      `${what} must be a literal, got a Terraform reference/token: a tmsh command holds checked values only`,
    );
  }
  if (!TMSH_WORD.test(value)) {
    throw new Error(
      `${what} ${JSON.stringify(value)} cannot go into a tmsh command: use letters, digits and _ . : % / - only`,
    );
  }
  return value;
}
