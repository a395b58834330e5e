/**
 * da-manage-out as a construct library: `import { DaManageOutEntry } from "da-manage-out"`.
 * The one entry point of the package.
 */

// The construct: one DA server's pool, member and network virtual server.
export { DaManageOutEntry, type DaManageOutEntryProps } from "./constructs/da-manage-out-entry";
// A whole stack from a checked inventory, as this project's own app builds it.
export { ManageOutStack, type ManageOutStackProps } from "./constructs/manage-out-stack";
export { ConfigSync, type ConfigSyncProps } from "./constructs/config-sync";
export {
  LooseFastL4Profile,
  type LooseFastL4ProfileProps,
} from "./constructs/loose-fastl4-profile";

// The generated BIG-IP provider bindings the constructs use (F5Networks/bigip 1.24.1 schema), so
// that an app needs neither the provider generator nor the registry.
export { BigipProvider, type BigipProviderConfig } from "../.gen/providers/bigip/provider";
export { Command } from "../.gen/providers/bigip/command";
export { LtmPool } from "../.gen/providers/bigip/ltm-pool";
export { LtmPoolAttachment } from "../.gen/providers/bigip/ltm-pool-attachment";
export { LtmProfileFastl4 } from "../.gen/providers/bigip/ltm-profile-fastl4";
export { LtmVirtualServer } from "../.gen/providers/bigip/ltm-virtual-server";

// The provider's IPv6 text forms and the mask workaround.
export {
  MASK_WORKAROUNDS,
  networkVirtualServerAddressing,
  nodeAddress,
  poolMemberNode,
  routeDomainSuffix,
  type MaskWorkaround,
  type NetworkVirtualServerAddressing,
} from "./address/bigip-addressing";
export {
  formatAddress,
  formatPrefix,
  parseIpv6Address,
  parseIpv6Prefix,
  type Ipv6Prefix,
} from "./address/ipv6";
export {
  isManageOutDescription,
  manageOutDescription,
  poolName,
  virtualServerName,
  type ManageOutObjectNameParts,
} from "./bigip-names";
export {
  DEFAULT_MONITOR,
  DEFAULT_NAME_PREFIX,
  DEFAULT_PARTITION,
  FASTL4_PROFILE,
  NO_MONITOR,
} from "./defaults";
export { MANAGE_OUT_FORWARDING } from "./manage-out-forwarding";
// The type of the entry's replacementTrigger and nodeTrigger.
export { TerraformData } from "./constructs/terraform-data";

// The checks of one entry's values and of a list of entries: the same as the inventory rules'.
export {
  clientPrefixProblem,
  entryNameProblem,
  fullPathProblem,
  internalAddressProblem,
  MAX_ROUTE_DOMAIN,
  monitorProblem,
  objectNameProblem,
  routeDomainProblem,
  type Invalid,
} from "./validation/entry-values";
export { entrySetProblems, type EntryIdentity } from "./validation/entry-set";

// Inventory parsing and validation (no cdktf), for apps that read the same format.
export type { BigipSettings, EntryPoint, Inventory, Server } from "./inventory/inventory";
// The device's management address in the model (bigip.host), in its one canonical form.
export type { DeviceAddress } from "./device/device-address";
export type { BackendSettings } from "./inventory/backend-schema";
export { parseInventory, type ParsedInventory } from "./inventory/parse-inventory";
export {
  listInventoryFiles,
  loadInventories,
  type LoadedInventories,
} from "./inventory/load-inventories";
export { formatProblem, hasErrors, type Problem, type Severity } from "./inventory/problem";
export { RULES, type RuleDescription } from "./inventory/rule-list";
