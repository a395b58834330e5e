/**
 * Every rule an inventory file must pass, in the order their problems are looked for.
 * docs/inventory.md lists the same table. To add a rule: write `rules/<rule-id>.ts`, add it here,
 * add its fixture under `__tests__/fixtures/invalid/` and its row in docs/inventory.md (see
 * CONTRIBUTING.md).
 */
import { adoptedNames } from "./adopted-names";
import { backendCredentials } from "./backend-credentials";
import { backendText } from "./backend-text";
import { entryPointPrefixLength } from "./entry-point-prefix-length";
import { fullPaths } from "./full-paths";
import { internalAddressOutsideClientPrefixes } from "./internal-address-outside-client-prefixes";
import { internalAddressUnique } from "./internal-address-unique";
import { internalAddressTranslated } from "./internal-address-translated";
import { internalAddressUnicast } from "./internal-address-unicast";
import { ipv6Syntax } from "./ipv6-syntax";
import { isatapAddress } from "./isatap-address";
import { nodeCount } from "./node-count";
import { nodePrefix } from "./node-prefix";
import { objectNames } from "./object-names";
import { prefixHostBits } from "./prefix-host-bits";
import { prefixOverlap } from "./prefix-overlap";
import { clientPrefixGlobal } from "./client-prefix-global";
import { credentialVariableRoles } from "./credential-variable-roles";
import { crossFilePrefixOverlap } from "./cross-file-prefix-overlap";
import { deviceCertificate } from "./device-certificate";
import { deviceCredentials } from "./device-credentials";
import { deviceHost } from "./device-host";
import { devicePerStack } from "./device-per-stack";
import type { CrossFileRule, InventoryRule } from "./rule";
import { pgConnection } from "./pg-connection";
import { pgSchema } from "./pg-schema";
import { sharedState } from "./shared-state";
import { stackNames } from "./stack-names";
import { statePath } from "./state-path";
import { remoteAccessPrefixLength } from "./remote-access-prefix-length";
import { routeDomain } from "./route-domain";
import { selfAddress } from "./self-address";
import { serverPrefixRequired } from "./server-prefix-required";
import { templateText } from "./template-text";
import { teredoPrefix } from "./teredo-prefix";
import { uniqueNames } from "./unique-names";

/** The rules of one inventory file. */
export const INVENTORY_RULES: readonly InventoryRule[] = [
  templateText,
  ipv6Syntax,
  prefixHostBits,
  entryPointPrefixLength,
  remoteAccessPrefixLength,
  serverPrefixRequired,
  nodePrefix,
  nodeCount,
  prefixOverlap,
  teredoPrefix,
  clientPrefixGlobal,
  internalAddressUnicast,
  internalAddressTranslated,
  internalAddressOutsideClientPrefixes,
  internalAddressUnique,
  isatapAddress,
  objectNames,
  uniqueNames,
  fullPaths,
  adoptedNames,
  routeDomain,
  backendCredentials,
  backendText,
  pgConnection,
  pgSchema,
  statePath,
  selfAddress,
  deviceHost,
  deviceCredentials,
  deviceCertificate,
];

/** The rules across inventory files. */
export const CROSS_FILE_RULES: readonly CrossFileRule[] = [
  stackNames,
  crossFilePrefixOverlap,
  sharedState,
  devicePerStack,
  credentialVariableRoles,
];
