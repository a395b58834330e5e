/**
 * Address text as the device shows it in its answers, read in one place for every tool that
 * reads the device (doctor, audit, adopt, recover), in each form the device is known to use:
 * - a route domain as a `%<id>` suffix, and a partition's default route domain either left out
 *   or shown (the device "typically" leaves it out, "but it's also not consistent in all cases":
 *   f5-cccl PR 196; k8s-bigip-ctlr issue 425), so that two texts name the same address when
 *   their route domains agree once each is read in its object's partition;
 * - a virtual server's port as digits or `any` (`/Common/2700:bc00:1f10:101::6%2.any`,
 *   f5-ansible `bigip_virtual_server.py`: "Can be a port of 'any'. This only happens with
 *   IPv6"), read as port 0.
 * The device's answers are untrusted: text of any other shape reads as `undefined`. The `%<id>`
 * suffix is split and written by lib/address/bigip-addressing.ts, its one owner.
 */
import type * as ipaddr from "ipaddr.js";
import { isRouteDomainId, splitSuffix, withSuffix } from "../address/bigip-addressing";
import { formatAddress, parseIpv6Address } from "../address/ipv6";

/** An IPv6 address as shown, with the route domain it names (`undefined`: none shown). */
export interface ShownAddress {
  readonly address: ipaddr.IPv6;
  /** The `%<id>` shown, `undefined` for none. */
  readonly routeDomain?: number;
}

/** `[/<partition>/]<address>[%<id>]`: the parts, or `undefined` for any other shape. */
function shownParts(
  text: string,
): { readonly partition?: string; readonly address: ShownAddress } | undefined {
  const match = /^(?:\/([^/]+)\/)?([^/]+)$/.exec(text);
  const { address, suffix } = splitSuffix(match?.[2] ?? "");
  if (!match || !/^[0-9a-fA-F:.]+$/.test(address)) return undefined;
  if (suffix !== undefined && !(isRouteDomainId(suffix) && suffix.length <= 5)) return undefined;
  const parsed = parseIpv6Address(address);
  if (!parsed) return undefined;
  return {
    partition: match[1],
    address:
      suffix === undefined ? { address: parsed } : { address: parsed, routeDomain: Number(suffix) },
  };
}

/** `2001:db8:10::11%2` → address and route domain; `undefined` when not IPv6 of that shape. */
export function parseShownAddress(text: string): ShownAddress | undefined {
  return shownParts(text)?.address;
}

/**
 * A virtual server's destination, `/<partition>/<address>[%<id>].<port>` (`:` before the port
 * too, IPv4 style), the port `any` read as 0.
 */
export function parseShownDestination(
  text: string,
): (ShownAddress & { readonly partition?: string; readonly port: number }) | undefined {
  const match = /^(.*)[.:](\d{1,5}|any)$/.exec(text);
  const parts = match ? shownParts(match[1]) : undefined;
  if (!match || !parts) return undefined;
  return {
    ...parts.address,
    partition: parts.partition,
    port: match[2] === "any" ? 0 : Number(match[2]),
  };
}

/** A pool member's name by address, `<address>[%<id>].<port>`; `undefined` for `DA2:0`. */
export function parseShownMember(
  name: string,
): (ShownAddress & { readonly port: number }) | undefined {
  const match = /^(.+)\.(\d{1,5}|any)$/.exec(name);
  const address = match ? parseShownAddress(match[1]) : undefined;
  if (!match || !address) return undefined;
  return { ...address, port: match[2] === "any" ? 0 : Number(match[2]) };
}

/** A network: a source or a self IP, `<address>[%<id>]/<prefix length>`. */
export function parseShownNetwork(
  text: string,
): (ShownAddress & { readonly length: number }) | undefined {
  const match = /^(.+)\/(\d{1,3})$/.exec(text);
  const address = match ? parseShownAddress(match[1]) : undefined;
  const length = match ? Number(match[2]) : NaN;
  return address && length <= 128 ? { ...address, length } : undefined;
}

/**
 * The route domain an address is in: the one shown, else the default route domain of the
 * partition of the object that shows it (an address without `%<id>` lands there).
 */
export function routeDomainIn(shownAddress: ShownAddress, partitionDefault: number): number {
  return shownAddress.routeDomain ?? partitionDefault;
}

/**
 * The address in the form the device usually shows in a partition whose default route domain is
 * `partitionDefault`: `%<id>` written unless it is that default. Two texts name the same
 * address in that partition exactly when their forms are equal.
 */
export function formInPartition(shownAddress: ShownAddress, partitionDefault: number): string {
  const routeDomain = routeDomainIn(shownAddress, partitionDefault);
  return withSuffix(
    formatAddress(shownAddress.address),
    routeDomain === partitionDefault ? undefined : routeDomain,
  );
}

/**
 * True when two addresses, each read in its object's partition (whose default route domain is
 * given), are the same address in the same route domain.
 */
export function sameAddressIn(
  a: ShownAddress,
  aPartitionDefault: number,
  b: ShownAddress,
  bPartitionDefault: number,
): boolean {
  return addressKey(a, aPartitionDefault) === addressKey(b, bPartitionDefault);
}

/**
 * The address in its route domain, one text for every form it is shown in
 * (`2001:db8:10:0:0:0:0:12%2`): equal exactly when `sameAddressIn` is true, for lookups.
 */
export function addressKey(shownAddress: ShownAddress, partitionDefault: number): string {
  return `${shownAddress.address.toNormalizedString()}%${routeDomainIn(shownAddress, partitionDefault)}`;
}

/**
 * A member name in the form of `formInPartition` (`2001:db8:10::11.0` for
 * `2001:db8:10::11%2.0` in a partition whose default is 2); a name by node (`DA2:0`), or of any
 * other shape, unchanged.
 */
export function memberInPartition(name: string, partitionDefault: number): string {
  const member = parseShownMember(name);
  return member ? `${formInPartition(member, partitionDefault)}.${member.port}` : name;
}

/** The default route domain of the partition of `/<partition>/<name>`; 0 when not listed. */
export function partitionDefaultOf(
  fullPath: string,
  partitionRouteDomains: ReadonlyMap<string, number>,
): number {
  return partitionRouteDomains.get(fullPath.split("/")[1] ?? "") ?? 0;
}
