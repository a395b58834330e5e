/**
 * The text forms the F5Networks/bigip Terraform provider expects for IPv6 addresses. Every
 * provider-specific address form is built here, so a provider defect is worked around in one place.
 *
 * This is also the one reader and writer of the `<address>%<id>` form (a route domain id, or a
 * zone id in text written by hand): `splitSuffix` reads it, `withSuffix` and `withRouteDomain`
 * write it, for the inventory rules, the tools that read the device (lib/device/shown-address.ts)
 * and the fake BIG-IP alike. The management address's zone id is lib/device/device-address.ts's.
 */
import {
  formatAddress,
  formatWithDottedTail,
  netmask,
  networkAddress,
  parseIpv6Address,
  parseIpv6Prefix,
} from "./ipv6";

/**
 * How the network virtual server gets its IPv6 mask past the provider's mask defect
 * (F5Networks/bigip 1.24.1 to 1.28.0: a mask without a "." is looked up in an IPv4-only table,
 * becomes "", and the virtual server is created with a /128 mask, silently).
 * - `dotted`: the mask in dotted-tail form, which the provider passes through unchanged.
 * - `tmsh`: no mask in the resource; a tmsh command sets it after the virtual server is created.
 */
export type MaskWorkaround = "dotted" | "tmsh";

/** Every mask workaround, for validation and docs. */
export const MASK_WORKAROUNDS: readonly MaskWorkaround[] = ["dotted", "tmsh"];

/** Destination and mask of an IPv6 network virtual server. */
export interface NetworkVirtualServerAddressing {
  /** Bare network address (`2131:0:0:1000::`, or `2131:0:0:1000::%2`); the provider adds `.<port>`. */
  readonly destination: string;
  /**
   * The value for the provider's `mask` attribute: the netmask in dotted-tail form
   * (`ffff:ffff:ffff:ffe0::0.0.0.0`) for `dotted`; `undefined` for `tmsh` (leave `mask` out).
   */
  readonly mask?: string;
  /** The prefix's netmask in the device's own form, e.g. `ffff:ffff:ffff:ffe0::` for a /59. */
  readonly netmask: string;
}

/**
 * Destination and mask of the network virtual server that matches every address of a client
 * prefix.
 * @param clientPrefix IPv6 CIDR, e.g. `2131:0:0:1000::/59`
 * @param routeDomain route domain id appended as `%<id>`; omit (or 0) for the partition's default
 * @param maskWorkaround how the mask gets past the provider's defect; default `dotted`
 */
export function networkVirtualServerAddressing(
  clientPrefix: string,
  routeDomain?: number,
  maskWorkaround: MaskWorkaround = "dotted",
): NetworkVirtualServerAddressing {
  const prefix = parseIpv6Prefix(clientPrefix);
  if (!prefix) throw new Error(`clientPrefix must be IPv6 CIDR, got '${clientPrefix}'`);
  const mask = netmask(prefix.length);
  return {
    destination: withRouteDomain(formatAddress(networkAddress(prefix)), routeDomain),
    // Defect: the provider's mask StateFunc keeps a value only if it contains "."; the dotted
    // tail is the same 128-bit mask and survives it. The device answers with the compressed
    // form, hence `ignore_changes = [mask]` on the virtual server.
    mask: maskWorkaround === "dotted" ? formatWithDottedTail(mask) : undefined,
    netmask: formatAddress(mask),
  };
}

/**
 * A netmask in the form the provider keeps (`ffff:ffff:ffff:ffe0::0.0.0.0`): with a dotted IPv4
 * tail, see `MaskWorkaround`.
 * @param netmask IPv6 netmask, e.g. `ffff:ffff:ffff:ffe0::`
 */
export function dottedMask(netmask: string): string {
  const mask = parseIpv6Address(netmask);
  if (!mask) throw new Error(`netmask must be an IPv6 mask, got '${netmask}'`);
  return formatWithDottedTail(mask);
}

/**
 * The pool attachment `node` for an IPv6 pool member on any port: `<address>.0`, or
 * `<address>%<id>.0` in a route domain. No brackets and no partition: the provider would
 * otherwise create an FQDN member.
 */
export function poolMemberNode(internalAddress: string, routeDomain?: number): string {
  return `${nodeAddress(internalAddress, routeDomain)}.0`;
}

/**
 * The pool attachment `node` for a member that uses an existing node by its name, on any port:
 * `/Common/DA2:0`. The provider (1.24.1) adds such a member by name (POST `{ name: "/Common/DA2:0" }`)
 * and finds it again by its full path; the device names the member `DA2:0`.
 */
export function namedNodeMember(nodeFullPath: string): string {
  return `${nodeFullPath}:0`;
}

/**
 * The address of the node the device creates for a pool member, which is also the node's name:
 * `<address>` or `<address>%<id>`.
 */
export function nodeAddress(internalAddress: string, routeDomain?: number): string {
  const address = parseIpv6Address(internalAddress);
  if (!address)
    throw new Error(`internalAddress must be an IPv6 address, got '${internalAddress}'`);
  return withRouteDomain(formatAddress(address), routeDomain);
}

/**
 * The source of a virtual server that takes traffic from any client, in the destination's route
 * domain: `::/0`, or `::%2/0` in route domain 2. The provider (1.24.1,
 * `ltmVirtualServerAttrDefaults`) writes `::/0` whatever the destination's route domain; F5's own
 * controllers put the destination's route domain on the default source (f5-cccl PR 196,
 * k8s-bigip-ctlr PR 446).
 */
export function anySource(routeDomain: number | undefined): string {
  return `${withRouteDomain("::", routeDomain)}/0`;
}

/**
 * The route domain id to write as a `%<id>` suffix, or `undefined` for none. Route domain 0 is the
 * default route domain of `/Common`: the device stores and shows its addresses without `%0`, so the
 * provider would not find a member written `<address>%0.0` after creating it. Route domain 0 is
 * therefore written exactly as "no route domain".
 */
export function routeDomainSuffix(routeDomain: number | undefined): number | undefined {
  return routeDomain === 0 ? undefined : routeDomain;
}

/** `<address>` or `<address>%<id>`, as the device writes an address in a route domain. */
export function withRouteDomain(address: string, routeDomain: number | undefined): string {
  return withSuffix(address, routeDomainSuffix(routeDomain));
}

/**
 * `<address>%<id>` as written, `%0` too (a partition whose default route domain is another shows
 * route domain 0 as `%0`); `<address>` for `undefined`.
 */
export function withSuffix(address: string, id: number | undefined): string {
  return id === undefined ? address : `${address}%${id}`;
}

/**
 * `<address>%<suffix>` split at its first `%`: the text before it and the text after it
 * (`undefined` without a `%`). Neither part is checked: a route domain id is digits
 * (`isRouteDomainId`), anything else after `%` is a zone id.
 */
export function splitSuffix(text: string): { readonly address: string; readonly suffix?: string } {
  const percent = text.indexOf("%");
  return percent < 0
    ? { address: text }
    : { address: text.slice(0, percent), suffix: text.slice(percent + 1) };
}

/** True when the text after `%` is a route domain id (digits), not a zone id. */
export function isRouteDomainId(suffix: string): boolean {
  return /^\d+$/.test(suffix);
}
