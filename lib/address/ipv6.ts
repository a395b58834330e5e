/**
 * IPv6 address and prefix arithmetic, on top of ipaddr.js. No BIG-IP or Terraform knowledge here:
 * the provider's text forms live in `bigip-addressing.ts`.
 */
import * as ipaddr from "ipaddr.js";

/** An IPv6 prefix such as the IP-HTTPS client prefix `2131:0:0:1000::/59`. */
export interface Ipv6Prefix {
  /** The address as written, parsed. */
  readonly address: ipaddr.IPv6;
  /** Prefix length, 0–128. */
  readonly length: number;
}

/**
 * Parses an IPv6 address written without zone id or prefix length.
 * @returns the address, or `undefined` when the text is not a plain IPv6 address
 */
export function parseIpv6Address(text: string): ipaddr.IPv6 | undefined {
  if (!ipaddr.IPv6.isValid(text) || text.includes("%")) return undefined;
  return ipaddr.IPv6.parse(text);
}

/**
 * Parses an IPv6 prefix in CIDR notation (`<address>/<length>`).
 * @returns the prefix, or `undefined` when the text is not IPv6 CIDR
 */
export function parseIpv6Prefix(text: string): Ipv6Prefix | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = parseIpv6Address(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(lengthText)) return undefined;
  const length = Number(lengthText);
  return length <= 128 ? { address, length } : undefined;
}

/** The network address of a prefix: the address with every host bit cleared. */
export function networkAddress(prefix: Ipv6Prefix): ipaddr.IPv6 {
  const mask = netmask(prefix.length).toByteArray();
  const bytes = prefix.address.toByteArray().map((byte, i) => byte & mask[i]);
  return ipaddr.fromByteArray(bytes) as ipaddr.IPv6;
}

/** The netmask of a prefix length, e.g. 59 → `ffff:ffff:ffff:ffe0::`. */
export function netmask(length: number): ipaddr.IPv6 {
  return ipaddr.IPv6.subnetMaskFromPrefixLength(length);
}

/** True when the prefix's address has no host bits set. */
export function isNetworkAddress(prefix: Ipv6Prefix): boolean {
  return formatAddress(networkAddress(prefix)) === formatAddress(prefix.address);
}

/** Canonical (RFC 5952) text of an address: lowercase, longest zero run compressed. */
export function formatAddress(address: ipaddr.IPv6): string {
  return address.toRFC5952String();
}

/** Canonical text of a prefix's network, `<network address>/<length>`. */
export function formatPrefix(prefix: Ipv6Prefix): string {
  return `${formatAddress(networkAddress(prefix))}/${prefix.length}`;
}
