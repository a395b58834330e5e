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
  if (!text.includes(":") || hasAmbiguousIpv4Tail(text)) return undefined;
  // One parse: ipaddr.js's isValid is a parse whose error is caught, then parse parses again.
  try {
    const address = ipaddr.IPv6.parse(text);
    // ipaddr.js reads a `%<zone>` suffix (bigip-addressing.ts owns that form): not a plain address.
    return address.zoneId === undefined ? address : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when an address ends in a dotted IPv4 part with a leading zero (`::5efe:10.020.0.011`):
 * ipaddr.js reads 020 as 20, inet_aton and many other tools as octal 16 (CVE-2021-29921), so the
 * text means two addresses.
 */
export function hasAmbiguousIpv4Tail(text: string): boolean {
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  return tail !== undefined && tail.split(".").some((octet) => /^0\d/.test(octet));
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
  const mask = netmaskParts(prefix.length);
  return new ipaddr.IPv6(prefix.address.parts.map((part, i) => part & mask[i]));
}

/** The netmask of a prefix length, e.g. 59 → `ffff:ffff:ffff:ffe0::`. */
export function netmask(length: number): ipaddr.IPv6 {
  return ipaddr.IPv6.subnetMaskFromPrefixLength(length);
}

/** The eight 16-bit parts of each prefix length's netmask, made once per length. */
const NETMASK_PARTS = new Map<number, readonly number[]>();

function netmaskParts(length: number): readonly number[] {
  let parts = NETMASK_PARTS.get(length);
  if (parts === undefined) {
    parts = netmask(length).parts;
    NETMASK_PARTS.set(length, parts);
  }
  return parts;
}

/** True when the prefix's address has no host bits set. */
export function isNetworkAddress(prefix: Ipv6Prefix): boolean {
  const mask = netmaskParts(prefix.length);
  return prefix.address.parts.every((part, i) => (part & mask[i]) === part);
}

/** Canonical (RFC 5952) text of an address: lowercase, longest zero run compressed. */
export function formatAddress(address: ipaddr.IPv6): string {
  return address.toRFC5952String();
}

/** Canonical text of a prefix's network, `<network address>/<length>`. */
export function formatPrefix(prefix: Ipv6Prefix): string {
  return `${formatAddress(networkAddress(prefix))}/${prefix.length}`;
}

/** The address as a 128-bit integer, for ordering and range arithmetic. */
export function toBigInt(address: ipaddr.IPv6): bigint {
  return address.parts.reduce((value, part) => (value << 16n) | BigInt(part), 0n);
}

/** First and last address of a prefix, as integers. */
export function prefixRange(prefix: Ipv6Prefix): { start: bigint; end: bigint } {
  const start = toBigInt(networkAddress(prefix));
  return { start, end: start + (1n << BigInt(128 - prefix.length)) - 1n };
}

/** True when `inner` lies inside `outer` (or is the same network). */
export function prefixContains(outer: Ipv6Prefix, inner: Ipv6Prefix): boolean {
  if (inner.length < outer.length) return false;
  const { start, end } = prefixRange(outer);
  const innerStart = prefixRange(inner).start;
  return innerStart >= start && innerStart <= end;
}

/** True when the address lies inside the prefix. */
export function addressInPrefix(address: ipaddr.IPv6, prefix: Ipv6Prefix): boolean {
  return address.match(networkAddress(prefix), prefix.length);
}

/**
 * True when the interface id (last 64 bits) is an ISATAP one, `0:5efe:a.b.c.d` or
 * `200:5efe:a.b.c.d` (RFC 5214).
 */
export function hasIsatapInterfaceId(address: ipaddr.IPv6): boolean {
  const [, , , , marker, type] = address.parts;
  return (marker === 0 || marker === 0x200) && type === 0x5efe;
}

/**
 * The ipaddr.js name of the special-purpose range an address lies in, e.g. `linkLocal`,
 * `multicast`, `loopback`, `unspecified`, `ipv4Mapped`, `teredo`; `unicast` otherwise.
 */
export function addressRange(address: ipaddr.IPv6): string {
  return address.range();
}

/** Why an address cannot be a routable unicast host (next hop, pool member), by its range. */
const NOT_ROUTABLE_UNICAST: Record<string, string> = {
  linkLocal: "a link-local address is not routable from the BIG-IP",
  multicast: "a multicast address cannot be a pool member",
  loopback: "the loopback address names the BIG-IP itself",
  unspecified: "the unspecified address :: names no host",
};

/** Why the address is not a routable unicast address, or `undefined` when it is one. */
export function whyNotRoutableUnicast(address: ipaddr.IPv6): string | undefined {
  return NOT_ROUTABLE_UNICAST[address.range()];
}

/** Why an address of a translator or a tunnel is not a host's own address, by its range. */
const TRANSLATED: Record<string, string> = {
  ipv4Mapped: "an IPv4-mapped address (::ffff:0:0/96) stands for an IPv4 host",
  rfc6145: "an IPv4-translated address (::ffff:0:0:0/96) belongs to a stateless translator",
  rfc6052:
    "a NAT64 address (64:ff9b::/96, 64:ff9b:1::/48) stands for an IPv4 host behind a NAT64 translator",
  // Not 6to4 (2002::/16): when an intranet has no native IPv6, Microsoft's DirectAccess setup
  // derives a 6to4-based /48 for it (2002:WWXX:YYZZ::/48 from the DA server's first public IPv4
  // address) and makes the DA server an ISATAP router (Microsoft, "Choose an Intranet IPv6
  // Connectivity Design"): internal addresses in 2002::/16 are what such deployments use.
  teredo: "a Teredo address (2001::/32) is a tunnel address",
};

/**
 * Why the address is one that a translator or a tunnel answers for rather than the host itself
 * (NAT64, IPv4-mapped or -translated, IPv4-compatible, Teredo), or `undefined`. 6to4 addresses are
 * accepted: Microsoft's own setup numbers IPv4-only intranets from 2002::/16.
 */
export function whyTranslated(address: ipaddr.IPv6): string | undefined {
  const why = TRANSLATED[address.range()];
  if (why) return why;
  const [high, ...rest] = [address.parts.slice(0, 6), address.parts.slice(6)];
  const ipv4Compatible = high.every((part) => part === 0) && rest[0].some((part) => part > 1);
  return ipv4Compatible
    ? "an IPv4-compatible address (::a.b.c.d, deprecated by RFC 4291) stands for an IPv4 host"
    : undefined;
}

/**
 * The address written with its last 32 bits as a dotted IPv4 tail (RFC 4291 section 2.2, form 3),
 * e.g. `ffff:ffff:ffff:ffe0::0.0.0.0`: the same 128-bit value as `ffff:ffff:ffff:ffe0::`.
 */
export function formatWithDottedTail(address: ipaddr.IPv6): string {
  const hex = address.parts.slice(0, 6);
  const bytes = address.toByteArray().slice(12);
  return `${compressHextets(hex)}${bytes.join(".")}`;
}

/** Six hextets as IPv6 text ending in `:` (ready for a tail), longest zero run (≥ 2) as `::`. */
function compressHextets(parts: readonly number[]): string {
  let best = { start: -1, length: 0 };
  for (let i = 0; i < parts.length;) {
    if (parts[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < parts.length && parts[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const text = parts.map((part) => part.toString(16));
  if (best.length < 2) return `${text.join(":")}:`;
  const head = text.slice(0, best.start).join(":");
  const tail = text.slice(best.start + best.length).join(":");
  return `${head}::${tail ? `${tail}:` : ""}`;
}
