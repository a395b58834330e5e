/**
 * Address text as the device handles it: IPv6 stored and returned in compressed canonical form
 * (RFC 5952), a `%<id>` route domain suffix kept, except `%0` (the default route domain of
 * `/Common`), which the device never shows.
 */
import * as ipaddr from "ipaddr.js";
import { isRouteDomainId, splitSuffix, withSuffix } from "../../../lib/address/bigip-addressing";
import { DeviceError } from "./device-error";

/** An address with its route domain, as the device stores it. */
export interface DeviceAddress {
  /** Compressed canonical text, e.g. `2001:db8::1`. */
  readonly address: string;
  /** Route domain id; `undefined` for the default one. */
  readonly routeDomain?: number;
  /** The parsed address. */
  readonly parsed: ipaddr.IPv6;
}

/** `2001:db8::1%2` → address and route domain; throws the device's error for bad text. */
export function parseDeviceAddress(text: string): DeviceAddress {
  const { address, suffix } = splitSuffix(text);
  if (!ipaddr.IPv6.isValid(address) || (suffix !== undefined && !isRouteDomainId(suffix))) {
    throw new DeviceError(400, `01070938:3: Invalid IP address: ${text}`);
  }
  const parsed = ipaddr.IPv6.parse(address);
  const routeDomain = suffix === undefined ? undefined : Number(suffix);
  return {
    address: parsed.toString(),
    routeDomain: routeDomain === 0 ? undefined : routeDomain,
    parsed,
  };
}

/** The device's text of an address: `2001:db8::1` or `2001:db8::1%2`. */
export function formatDeviceAddress(address: DeviceAddress): string {
  return withSuffix(address.address, address.routeDomain);
}

/** A netmask in any IPv6 text (hex or dotted tail) → its prefix length; throws if not a mask. */
export function maskLength(text: string): number {
  if (!ipaddr.IPv6.isValid(text)) {
    throw new DeviceError(400, `01070938:3: Invalid IP address: ${text}`);
  }
  const length = ipaddr.IPv6.parse(text).prefixLengthFromSubnetMask();
  if (length === null) throw new DeviceError(400, `01070911:3: The netmask (${text}) is invalid.`);
  return length;
}

/** The canonical text of the netmask of a prefix length, e.g. `ffff:ffff:ffff:ffff::` for 64. */
export function maskText(length: number): string {
  return ipaddr.IPv6.subnetMaskFromPrefixLength(length).toString();
}

/** True when the address has no bits outside the mask's prefix. */
export function isNetwork(address: ipaddr.IPv6, length: number): boolean {
  return (
    ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${length}`).toString() ===
    address.toString()
  );
}

/** True when two networks overlap. */
export function overlaps(
  a: ipaddr.IPv6,
  aLength: number,
  b: ipaddr.IPv6,
  bLength: number,
): boolean {
  const shorter = Math.min(aLength, bLength);
  return a.match(b, shorter);
}
