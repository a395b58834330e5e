/**
 * The text forms the F5Networks/bigip Terraform provider expects for IPv6 addresses. Every
 * provider-specific address form is built here, so a provider defect is worked around in one place.
 */
import { formatAddress, netmask, networkAddress, parseIpv6Address, parseIpv6Prefix } from "./ipv6";

/** Destination and mask of an IPv6 network virtual server. */
export interface NetworkVirtualServerAddressing {
  /** Bare network address (`2131:0:0:1000::`, or `2131:0:0:1000::%2`); the provider adds `.<port>`. */
  readonly destination: string;
  /** The prefix's IPv6 netmask, e.g. `ffff:ffff:ffff:ffe0::` for a /59. */
  readonly mask: string;
}

/**
 * Destination and mask of the network virtual server that matches every address of a client
 * prefix.
 * @param clientPrefix IPv6 CIDR, e.g. `2131:0:0:1000::/59`
 * @param routeDomain route domain id appended as `%<id>`; omit for the partition's default
 */
export function networkVirtualServerAddressing(
  clientPrefix: string,
  routeDomain?: number,
): NetworkVirtualServerAddressing {
  const prefix = parseIpv6Prefix(clientPrefix);
  if (!prefix) throw new Error(`clientPrefix must be IPv6 CIDR, got '${clientPrefix}'`);
  return {
    destination: withRouteDomain(formatAddress(networkAddress(prefix)), routeDomain),
    mask: formatAddress(netmask(prefix.length)),
  };
}

/**
 * The pool attachment `node` for an IPv6 pool member on any port: `<address>.0`, or
 * `<address>%<id>.0` in a route domain. No brackets and no partition: the provider would
 * otherwise create an FQDN member.
 */
export function poolMemberNode(internalAddress: string, routeDomain?: number): string {
  const address = parseIpv6Address(internalAddress);
  if (!address)
    throw new Error(`internalAddress must be an IPv6 address, got '${internalAddress}'`);
  return `${withRouteDomain(formatAddress(address), routeDomain)}.0`;
}

function withRouteDomain(address: string, routeDomain: number | undefined): string {
  return routeDomain === undefined ? address : `${address}%${routeDomain}`;
}
