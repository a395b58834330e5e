/**
 * The one thing wrong with the shape of each client prefix, root cause first: its length, then
 * host bits, then its place outside its entry point's prefix. Three rules report from here (each
 * only its own finding), so a value gets one problem, and prefix-overlap leaves such a prefix
 * alone: a prefix of the wrong length "overlaps" its innocent neighbours only because of its own
 * mistake. A hint suggests a value only after checking that it would be accepted.
 */
import {
  formatPrefix,
  networkAddress,
  prefixContains,
  prefixRange,
  type Ipv6Prefix,
} from "../address/ipv6";
import { hostBitsProblem, prefixLengthProblem } from "../validation/entry-values";
import type { ClientPrefixEntry, InventoryAddresses } from "./inventory-addresses";
import type { InventoryDocument } from "./inventory-schema";
import { formatKeyPath } from "./key-path";

/** The prefix length of one cluster node's IP-HTTPS route. */
export const NODE_PREFIX_LENGTH = 64;

/** Where a node's /64 comes from, on the node itself. */
export const PUBLISHED_ROUTE_HINT =
  "use the /64 IP-HTTPS route the node publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)";

/** Why two nodes (or a node and its entry point) show one prefix, and what to give instead. */
export const CLUSTER_PREFIX_ON_NODES_HINT =
  "in a load-balanced DA cluster Get-DAServer returns the cluster's prefix on every node; give each node its own /64, the IP-HTTPS route it publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)";

/** The rules that report a shape finding. */
export type ShapeRule = "entry-point-prefix-length" | "node-prefix" | "prefix-host-bits";

/** What is wrong with one client prefix, for the rule that reports it. */
export interface ShapeFinding {
  readonly rule: ShapeRule;
  readonly message: string;
  readonly hint?: string;
}

const cache = new WeakMap<InventoryAddresses, ReadonlyMap<ClientPrefixEntry, ShapeFinding>>();

/** Each misshapen client prefix of an inventory with its one finding, computed once. */
export function shapeFindings(
  document: InventoryDocument,
  addresses: InventoryAddresses,
): ReadonlyMap<ClientPrefixEntry, ShapeFinding> {
  let findings = cache.get(addresses);
  if (!findings) {
    const found = new Map<ClientPrefixEntry, ShapeFinding>();
    const scope: Scope = {
      document,
      addresses,
      entryPointPrefixes: addresses.clientPrefixes.filter((entry) => entry.server === undefined),
    };
    for (const entry of addresses.clientPrefixes) {
      const finding = entry.prefix && findingOf(entry, entry.prefix, scope);
      if (finding) found.set(entry, finding);
    }
    findings = found;
    cache.set(addresses, findings);
  }
  return findings;
}

/** What the findings are computed from. */
interface Scope {
  readonly document: InventoryDocument;
  readonly addresses: InventoryAddresses;
  /** The entry points' own prefixes, indexed by entry point. */
  readonly entryPointPrefixes: readonly ClientPrefixEntry[];
}

function findingOf(
  entry: ClientPrefixEntry,
  prefix: Ipv6Prefix,
  scope: Scope,
): ShapeFinding | undefined {
  const { document } = scope;
  if (entry.server === undefined) {
    const length = prefixLengthProblem(prefix);
    if (length) {
      return { rule: "entry-point-prefix-length", message: length.reason, hint: length.hint };
    }
  } else {
    const servers = document.entryPoints[entry.entryPoint].servers.length;
    if (servers > 1 && prefix.length !== NODE_PREFIX_LENGTH) {
      const message = `must be a /${NODE_PREFIX_LENGTH}: the entry point is a cluster of ${servers} servers`;
      const outer = entryPointPrefix(entry, scope);
      if (outer && formatPrefix(outer) === formatPrefix(prefix)) {
        return {
          rule: "node-prefix",
          message,
          hint: `it is the entry point's prefix: ${CLUSTER_PREFIX_ON_NODES_HINT}`,
        };
      }
      const suggestion = acceptedAlternative(entry, prefix, NODE_PREFIX_LENGTH, scope);
      return {
        rule: "node-prefix",
        message,
        hint: suggestion ? `${PUBLISHED_ROUTE_HINT}, likely ${suggestion}` : PUBLISHED_ROUTE_HINT,
      };
    }
    if (servers === 1 && prefix.length > NODE_PREFIX_LENGTH) {
      // IP-HTTPS clients get addresses from a /64: a longer prefix misses most of them.
      const suggestion = acceptedAlternative(entry, prefix, NODE_PREFIX_LENGTH, scope);
      return {
        rule: "node-prefix",
        message: `is longer than /${NODE_PREFIX_LENGTH}: IP-HTTPS clients get their addresses from a whole /64`,
        hint: `leave clientPrefix out for a single server (it owns its entry point's prefix), or give its /64${suggestion ? `, ${suggestion}` : ""}`,
      };
    }
  }
  const hostBits = hostBitsProblem(prefix);
  if (hostBits) {
    const network = formatPrefix(prefix);
    const clash = clashOf(entry, { address: networkAddress(prefix), length: prefix.length }, scope);
    return {
      rule: "prefix-host-bits",
      message: hostBits.reason,
      hint: clash
        ? `its network, ${network}, ${clash}; check the address and the length against Get-DAServer`
        : hostBits.hint,
    };
  }
  const outer = entryPointPrefix(entry, scope);
  if (outer && !prefixContains(outer, prefix)) {
    return {
      rule: "node-prefix",
      message: `lies outside its entry point's prefix ${formatPrefix(outer)}`,
      hint: `a node's prefix is carved from the entry point's prefix; ${PUBLISHED_ROUTE_HINT}`,
    };
  }
  return undefined;
}

/** The prefix of `length` around what was written, if every rule would accept it there. */
function acceptedAlternative(
  entry: ClientPrefixEntry,
  prefix: Ipv6Prefix,
  length: number,
  scope: Scope,
): string | undefined {
  const candidate = { address: prefix.address, length };
  return clashOf(entry, candidate, scope) ? undefined : formatPrefix(candidate);
}

/**
 * Why `candidate` could not stand in for `entry`'s prefix: outside the entry point's prefix, or
 * overlapping a prefix other than the entry point's own (or, for an entry point, its servers').
 */
function clashOf(
  entry: ClientPrefixEntry,
  candidate: Ipv6Prefix,
  scope: Scope,
): string | undefined {
  const outer = entryPointPrefix(entry, scope);
  if (outer && !prefixContains(outer, candidate)) {
    return `lies outside the entry point's prefix ${formatPrefix(outer)}`;
  }
  const { start, end } = prefixRange(candidate);
  const other = scope.addresses.clientPrefixes.find((other) => {
    if (other === entry || !other.prefix) return false;
    if (other.entryPoint === entry.entryPoint) {
      // An entry point holds its own servers' prefixes; only sibling servers may clash.
      if (other.server === undefined || entry.server === undefined) return false;
    }
    const range = prefixRange(other.prefix);
    return range.start <= end && start <= range.end;
  });
  return other ? `overlaps ${formatKeyPath(other.path)} (${other.text})` : undefined;
}

/** For a server's prefix, the parsed prefix of its entry point. */
function entryPointPrefix(entry: ClientPrefixEntry, scope: Scope): Ipv6Prefix | undefined {
  return entry.server === undefined ? undefined : scope.entryPointPrefixes[entry.entryPoint].prefix;
}
