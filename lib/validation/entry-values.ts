/**
 * What makes one Manage Out entry's values valid, one check per concern, without cdktf: each
 * returns why a value is wrong and what to write instead, or `undefined`. The inventory rules use
 * them (adding the position in the file) and so does `DaManageOutEntry` (adding its construct
 * path), so a library user gets the same reason as an inventory author.
 */
import type * as ipaddr from "ipaddr.js";
import type { Ipv6Prefix } from "../address/ipv6";
import {
  addressInPrefix,
  formatPrefix,
  isNetworkAddress,
  networkAddress,
  parseIpv6Address,
  parseIpv6Prefix,
  prefixContains,
  whyNotRoutableUnicast,
  whyTranslated,
} from "../address/ipv6";
import { HIDDEN_CONSTRUCT_ID, NO_MONITOR } from "../defaults";
import type { BigipSettings } from "../inventory/inventory";
import type { ManageOutServerSettings } from "../manage-out-objects";

/** Why a value is invalid, and what to write instead. */
export interface Invalid {
  readonly reason: string;
  readonly hint?: string;
}

/** Highest route domain id BIG-IP accepts. */
export const MAX_ROUTE_DOMAIN = 65534;

/** A BIG-IP object name part: letters, digits, `_`, `-`, `.`, starting with a letter. */
export const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** A BIG-IP full path, `/<partition>/<name>`, each part an object name. */
export const FULL_PATH = /^(\/[A-Za-z][A-Za-z0-9_.-]*){2,}$/;

const NAME_HINT = "use letters, digits, '_', '-' and '.', starting with a letter";

/** A name that becomes part of BIG-IP object names (partition, name prefix, entry point...). */
export function objectNameProblem(name: string): Invalid | undefined {
  return OBJECT_NAME.test(name)
    ? undefined
    : { reason: "is not a valid BIG-IP name", hint: NAME_HINT };
}

/**
 * The device-wide settings that become part of object names or tmsh lines and so must be BIG-IP
 * names: the inventory rule `object-names` checks them at `bigip.<key>`, `DaManageOutEntry` as its
 * props, both with `objectNameProblem`. A new setting of that kind is one entry here.
 */
export const OBJECT_NAME_SETTINGS = [
  "partition",
  "namePrefix",
] as const satisfies readonly (keyof ManageOutServerSettings & keyof BigipSettings)[];

/**
 * An entry point's or server's name: a BIG-IP name, and not the construct id cdktf leaves out of
 * Terraform resource addresses (two entries could then share an address).
 */
export function entryNameProblem(name: string): Invalid | undefined {
  if (name === HIDDEN_CONSTRUCT_ID) {
    return {
      reason: `is reserved: cdktf leaves the name ${HIDDEN_CONSTRUCT_ID} out of Terraform resource addresses`,
      hint: "choose another name (any other spelling, such as default, is fine)",
    };
  }
  return objectNameProblem(name);
}

/**
 * A full path such as `/Common/internal`.
 * @param example a valid value to show
 * @param withPartition what to say when the partition is missing
 */
export function fullPathProblem(
  value: string,
  example: string,
  withPartition = "write it with its partition",
): Invalid | undefined {
  if (FULL_PATH.test(value)) return undefined;
  const parts = value.split("/");
  return {
    reason: "must be a full path",
    hint:
      value.startsWith("/") && parts.length > 2
        ? `each part of a full path uses letters, digits, '_', '-' and '.', starting with a letter, e.g. ${example}`
        : `${withPartition}, e.g. ${example}`,
  };
}

/** The example and advice for an adopted (hand-built) object's full path. */
export const ADOPTED_OBJECT = {
  example: "/Common/DA1_pool (tmsh list ltm pool)",
  withPartition: "give the hand-built object's name with its partition",
} as const;

/**
 * An existing node a DA server's pool member is to use (`existing.node`): `/<partition>/<name>`,
 * no folder and no `.` in the partition, the only form in which the provider (1.24.1,
 * `resource_bigip_ltm_pool_attachment.go`) adds a member by node name (`/Common/DA2:0`);
 * any other form it would take for an address.
 */
export function existingNodeProblem(path: string): Invalid | undefined {
  const example = "/Common/DA2 (tmsh list ltm node)";
  const fullPath = fullPathProblem(path, example, "give the node's name with its partition");
  if (fullPath) return fullPath;
  return /^\/[A-Za-z][A-Za-z0-9_-]*\/[A-Za-z][A-Za-z0-9_.-]*$/.test(path)
    ? undefined
    : {
        reason: "must be /<partition>/<node name>, with no folder and no '.' in the partition",
        hint: `the provider adds a member by node name only in that form, e.g. ${example}`,
      };
}

/** A pool's health monitor: a full path, or `none`. */
export function monitorProblem(monitor: string): Invalid | undefined {
  return monitor === NO_MONITOR || FULL_PATH.test(monitor)
    ? undefined
    : { reason: `must be a full path or "${NO_MONITOR}"`, hint: "e.g. /Common/gateway_icmp" };
}

/** Why a value is not one of a fixed set, as the inventory's schema reports it (`maskWorkaround`). */
export function oneOfReason(allowed: readonly unknown[]): string {
  return `must be one of ${allowed.map(String).join(", ")}`;
}

/**
 * A value of a fixed set, such as `maskWorkaround` (`MASK_WORKAROUNDS`): the same set and the same
 * reason as the inventory's schema, which is built from that set.
 */
export function oneOfProblem(value: unknown, allowed: readonly unknown[]): Invalid | undefined {
  return allowed.includes(value) ? undefined : { reason: oneOfReason(allowed) };
}

/** A route domain id: a whole number from 0 to 65534. */
export function routeDomainProblem(id: number): Invalid | undefined {
  return Number.isInteger(id) && id >= 0 && id <= MAX_ROUTE_DOMAIN
    ? undefined
    : {
        reason: `must be a whole number from 0 to ${MAX_ROUTE_DOMAIN}`,
        hint: "use the id of the route domain the corporate VLANs belong to (tmsh list net route-domain)",
      };
}

/** An IP-HTTPS client prefix written as its network address (no host bits). */
export function hostBitsProblem(prefix: Ipv6Prefix): Invalid | undefined {
  return isNetworkAddress(prefix)
    ? undefined
    : { reason: "has host bits set", hint: `did you mean ${formatPrefix(prefix)}?` };
}

/** Shortest client prefix a DA entry point hands out. */
export const MIN_CLIENT_PREFIX_LENGTH = 48;
/** Longest client prefix: one IP-HTTPS /64. */
export const MAX_CLIENT_PREFIX_LENGTH = 64;

/** A client prefix of the length DirectAccess hands out: /48 (an entry point) to /64. */
export function prefixLengthProblem(prefix: Ipv6Prefix): Invalid | undefined {
  return prefix.length >= MIN_CLIENT_PREFIX_LENGTH && prefix.length <= MAX_CLIENT_PREFIX_LENGTH
    ? undefined
    : {
        reason: `must be /${MIN_CLIENT_PREFIX_LENGTH} to /${MAX_CLIENT_PREFIX_LENGTH}`,
        hint: "use the ClientIPv6Prefix that Get-DAServer shows for the entry point (a /64 for one server, usually a /59 for a cluster)",
      };
}

/**
 * The entry point prefix lengths Remote Access gives: Add-DAEntryPoint -ClientIPv6Prefix, "The
 * prefix length must be 59 or 64 bits"
 * (https://learn.microsoft.com/en-us/powershell/module/remoteaccess/add-daentrypoint): a /59 for a
 * load-balanced entry point (each node takes a /64 of it), a /64 for a single server.
 */
export const REMOTE_ACCESS_ENTRY_POINT_PREFIX_LENGTHS: readonly number[] = [59, 64];

/**
 * An entry point prefix of a length Remote Access does not give. Only ever a warning: the BIG-IP
 * routes any length, and a hand-made or older setup may use another (never refuse a deployment).
 */
export function remoteAccessPrefixLengthNote(prefix: Ipv6Prefix): Invalid | undefined {
  if (REMOTE_ACCESS_ENTRY_POINT_PREFIX_LENGTHS.includes(prefix.length)) return undefined;
  return {
    reason: `is a /${prefix.length}; Remote Access gives an entry point a /59 (load-balanced) or a /64 (single server)`,
    hint: "check the entry point's Get-DAServer ClientIPv6Prefix and copy it as shown",
  };
}

/** The Teredo prefix (RFC 4380). */
const TEREDO = parseIpv6Prefix("2001::/32")!;

/** A client prefix of IP-HTTPS clients: Teredo clients cannot be reached this way. */
export function teredoProblem(prefix: Ipv6Prefix): Invalid | undefined {
  return prefixContains(TEREDO, prefix) || prefixContains(prefix, TEREDO)
    ? {
        reason: "lies in 2001::/32, the Teredo prefix",
        hint: "Teredo clients cannot be reached by Manage Out behind load balancers; give the IP-HTTPS prefix instead",
      }
    : undefined;
}

/** Address ranges (ipaddr.js names) that no DirectAccess client is addressed from, and why. */
const NOT_A_CLIENT_RANGE: Record<string, string> = {
  unspecified: "the unspecified prefix ::",
  linkLocal: "a link-local prefix (fe80::/10), which never leaves its link",
  multicast: "a multicast prefix (ff00::/8)",
  loopback: "the loopback address",
  ipv4Mapped: "an IPv4-mapped prefix (::ffff:0:0/96)",
  rfc6052: "the NAT64 prefix 64:ff9b::/96",
  rfc6145: "an IPv4-translated prefix (::ffff:0:0:0/96)",
};

/** A client prefix IP-HTTPS clients get routable addresses from. */
export function globalPrefixProblem(prefix: Ipv6Prefix): Invalid | undefined {
  const why = NOT_A_CLIENT_RANGE[networkAddress(prefix).range()];
  return why
    ? {
        reason: `is ${why}`,
        hint: "give the IP-HTTPS client prefix the DA server hands out (Get-DAServer ClientIPv6Prefix, or the /64 the node publishes)",
      }
    : undefined;
}

/**
 * One DA server's IP-HTTPS client prefix, all checks of a single prefix, root cause first: IPv6
 * CIDR, /48 to /64, no host bits, global, not Teredo.
 */
export function clientPrefixProblem(text: string): Invalid | undefined {
  const prefix = parseIpv6Prefix(text);
  if (!prefix) {
    return {
      reason: "must be an IPv6 prefix in CIDR form",
      hint: "e.g. 2001:db8:8000:1000::/64, as Get-DAServer shows it",
    };
  }
  return (
    prefixLengthProblem(prefix) ??
    hostBitsProblem(prefix) ??
    globalPrefixProblem(prefix) ??
    teredoProblem(prefix)
  );
}

/** An internal address that cannot be a next hop: link-local, multicast, loopback... */
export function unroutableAddressProblem(address: ipaddr.IPv6): Invalid | undefined {
  const why = whyNotRoutableUnicast(address);
  return why
    ? {
        reason: "must be a routable unicast address",
        hint: `${why}; give the DA server's corporate-facing global or unique-local IPv6 address`,
      }
    : undefined;
}

/**
 * An internal address a translator or a tunnel answers for (NAT64, IPv4-mapped, Teredo...): the
 * BIG-IP sends Manage Out traffic to it as the next hop, so the DA server must own it.
 */
export function translatedAddressProblem(address: ipaddr.IPv6): Invalid | undefined {
  const why = whyTranslated(address);
  return why
    ? {
        reason: "is not the DA server's own IPv6 address",
        hint: `${why}; give the native IPv6 address of the DA server's corporate interface (Get-NetIPAddress on the server)`,
      }
    : undefined;
}

/**
 * A DA server's internal address: plain IPv6, routable unicast, the server's own (not a
 * translated or tunnel form), and outside the client prefix it serves.
 */
export function internalAddressProblem(text: string, clientPrefix?: string): Invalid | undefined {
  const address = parseIpv6Address(text);
  if (!address) {
    return {
      reason: "must be an IPv6 address",
      hint: "give the DA server's corporate-facing IPv6 address, e.g. 2001:db8:10::11",
    };
  }
  const problem = unroutableAddressProblem(address) ?? translatedAddressProblem(address);
  if (problem) return problem;
  const prefix = clientPrefix === undefined ? undefined : parseIpv6Prefix(clientPrefix);
  if (prefix && addressInPrefix(address, prefix)) {
    return {
      reason: `lies inside the client prefix ${clientPrefix}`,
      hint: "the internal address is the DA server's corporate-side address, not an address of its IP-HTTPS clients",
    };
  }
  return undefined;
}
