/**
 * Which DA server handles Manage Out traffic to a client address: the longest client prefix of
 * all inventories that contains it, or the reason none does.
 */
import * as ipaddr from "ipaddr.js";
import {
  addressInPrefix,
  parseIpv6Address,
  parseIpv6Prefix,
  type Ipv6Prefix,
} from "../address/ipv6";
import type { EntryPoint, Inventory, Server } from "../inventory";
import { showValue } from "../io/show-value";
import { serverObjectNames } from "../manage-out-objects";

/** The entry handling an address. */
export interface ExplainMatch {
  readonly kind: "match";
  readonly address: string;
  readonly inventory: string;
  readonly stack: string;
  readonly entryPoint: string;
  readonly entryPointPrefix: string;
  readonly server: string;
  readonly clientPrefix: string;
  readonly internalAddress: string;
  readonly pool: string;
  readonly virtualServer: string;
}

/** Why no entry handles an address. */
export interface ExplainNoMatch {
  readonly kind: "teredo" | "outside";
  readonly address: string;
  /** For a Teredo address: what it encodes (RFC 4380). */
  readonly teredo?: { server: string; clientAddress: string; clientPort: number };
}

/**
 * An address inside an entry point's prefix but in none of its servers' prefixes: in a cluster,
 * a node hands out addresses from a /64 the inventory does not list.
 */
export interface ExplainUnassigned {
  readonly kind: "unassigned";
  readonly address: string;
  readonly inventory: string;
  readonly stack: string;
  readonly entryPoint: string;
  readonly entryPointPrefix: string;
  /** The servers of the entry point and their own prefixes. */
  readonly servers: readonly { readonly name: string; readonly clientPrefix: string }[];
}

export type ExplainResult = ExplainMatch | ExplainNoMatch | ExplainUnassigned;

const TEREDO = parseIpv6Prefix("2001::/32")!;

/**
 * Explains where Manage Out traffic to `address` goes.
 * @throws Error when `address` is not a plain IPv6 address
 */
export function explain(address: string, inventories: readonly Inventory[]): ExplainResult {
  const parsed = parseIpv6Address(address);
  if (!parsed) throw new Error(`'${address}' is not an IPv6 address`);
  const canonical = parsed.toRFC5952String();
  let best:
    | { prefix: Ipv6Prefix; inventory: Inventory; entryPoint: EntryPoint; server: Server }
    | undefined;
  for (const inventory of inventories) {
    for (const entryPoint of inventory.entryPoints) {
      for (const server of entryPoint.servers) {
        const prefix = parseIpv6Prefix(server.clientPrefix)!;
        if (addressInPrefix(parsed, prefix) && (!best || prefix.length > best.prefix.length)) {
          best = { prefix, inventory, entryPoint, server };
        }
      }
    }
  }
  if (best) {
    const { inventory, entryPoint, server } = best;
    return {
      kind: "match",
      address: canonical,
      inventory: inventory.file,
      stack: inventory.stackName,
      entryPoint: entryPoint.name,
      entryPointPrefix: entryPoint.clientPrefix,
      server: server.name,
      clientPrefix: server.clientPrefix,
      internalAddress: server.internalAddress,
      ...serverObjectNames(inventory.bigip, entryPoint, server),
    };
  }
  const unassigned = entryPointHolding(parsed, inventories);
  if (unassigned) {
    const { inventory, entryPoint } = unassigned;
    return {
      kind: "unassigned",
      address: canonical,
      inventory: inventory.file,
      stack: inventory.stackName,
      entryPoint: entryPoint.name,
      entryPointPrefix: entryPoint.clientPrefix,
      servers: entryPoint.servers.map(({ name, clientPrefix }) => ({ name, clientPrefix })),
    };
  }
  if (addressInPrefix(parsed, TEREDO)) {
    return { kind: "teredo", address: canonical, teredo: decodeTeredo(parsed) };
  }
  return { kind: "outside", address: canonical };
}

/** The entry point whose own prefix holds the address, when one does. */
function entryPointHolding(
  address: ipaddr.IPv6,
  inventories: readonly Inventory[],
): { inventory: Inventory; entryPoint: EntryPoint } | undefined {
  for (const inventory of inventories) {
    for (const entryPoint of inventory.entryPoints) {
      if (addressInPrefix(address, parseIpv6Prefix(entryPoint.clientPrefix)!)) {
        return { inventory, entryPoint };
      }
    }
  }
  return undefined;
}

/** The Teredo server, client public IPv4 and port that a Teredo address encodes (RFC 4380). */
function decodeTeredo(address: ipaddr.IPv6): {
  server: string;
  clientAddress: string;
  clientPort: number;
} {
  const bytes = address.toByteArray();
  const server = bytes.slice(4, 8).join(".");
  const clientPort = ((bytes[10] << 8) | bytes[11]) ^ 0xffff;
  const clientAddress = bytes
    .slice(12, 16)
    .map((byte) => byte ^ 0xff)
    .join(".");
  return { server, clientAddress, clientPort };
}

/** The result as the lines `explain` prints. */
export function formatExplanation(result: ExplainResult): string {
  switch (result.kind) {
    case "match":
      return [
        `${result.address} is an IP-HTTPS client of DA server ${result.server} (entry point ${result.entryPoint}, stack ${result.stack}, ${showValue(result.inventory)})`,
        `  client prefix   ${result.clientPrefix}${result.clientPrefix === result.entryPointPrefix ? "" : ` (inside entry point prefix ${result.entryPointPrefix})`}`,
        `  virtual server  ${result.virtualServer}`,
        `  pool            ${result.pool}`,
        `  next hop        ${result.internalAddress} (pool member: the DA server's own corporate address, never a cluster virtual IP)`,
      ].join("\n");
    case "teredo":
      return [
        `${result.address} is a Teredo address (2001::/32): Manage Out behind load balancers cannot reach Teredo clients`,
        `  Teredo server   ${result.teredo!.server}`,
        `  client          ${result.teredo!.clientAddress} port ${result.teredo!.clientPort} (its public IPv4 address and UDP port)`,
        "  the client should connect with IP-HTTPS instead (disable Teredo in the DirectAccess client settings)",
      ].join("\n");
    case "unassigned":
      return [
        `${result.address} lies in the client prefix ${result.entryPointPrefix} of entry point ${result.entryPoint} (stack ${result.stack}, ${showValue(result.inventory)}), but in none of its servers' prefixes: no DA server handles Manage Out traffic to it`,
        ...result.servers.map((server) => `  ${server.name.padEnd(15)} ${server.clientPrefix}`),
        "  a node of the cluster that hands out this address is missing from the inventory, or its clientPrefix is wrong: on each node, Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes shows its own /64 (or run import-facts on the facts of every node)",
      ].join("\n");
    case "outside":
      return `${result.address} lies outside every client prefix of the inventories: no DA server handles Manage Out traffic to it; check that the address is a DirectAccess client's IP-HTTPS address (ipconfig on the client) and that its DA server is in an inventory`;
  }
}
