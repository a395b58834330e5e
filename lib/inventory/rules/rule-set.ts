/**
 * Every rule an inventory file must pass, in the order their problems are looked for. The README
 * lists the same table. To add a rule: write `rules/<rule-id>.ts`, add it here, add its fixture
 * under `__tests__/fixtures/invalid/` and its row in the README.
 */
import { backendCredentials } from "./backend-credentials";
import { entryPointPrefixLength } from "./entry-point-prefix-length";
import { fullPaths } from "./full-paths";
import {
  internalAddressOutsideClientPrefixes,
  internalAddressUnique,
} from "./internal-address-placement";
import { internalAddressUnicast } from "./internal-address-unicast";
import { ipv6Syntax } from "./ipv6-syntax";
import { isatapAddress } from "./isatap-address";
import { nodeCount } from "./node-count";
import { nodePrefix } from "./node-prefix";
import { objectNames } from "./object-names";
import { prefixHostBits } from "./prefix-host-bits";
import { prefixOverlap } from "./prefix-overlap";
import type { InventoryRule } from "./rule";
import { routeDomain } from "./route-domain";
import { selfAddress } from "./self-address";
import { serverPrefixRequired } from "./server-prefix-required";
import { teredoPrefix } from "./teredo-prefix";
import { uniqueNames } from "./unique-names";

/** The rules of one inventory file. */
export const INVENTORY_RULES: readonly InventoryRule[] = [
  ipv6Syntax,
  prefixHostBits,
  entryPointPrefixLength,
  serverPrefixRequired,
  nodePrefix,
  nodeCount,
  prefixOverlap,
  teredoPrefix,
  internalAddressUnicast,
  internalAddressOutsideClientPrefixes,
  internalAddressUnique,
  isatapAddress,
  objectNames,
  uniqueNames,
  fullPaths,
  routeDomain,
  backendCredentials,
  selfAddress,
];
