import * as ipaddr from "ipaddr.js";
import { isRouteDomainId, splitSuffix } from "../../address/bigip-addressing";
import { hasAmbiguousIpv4Tail } from "../../address/ipv6";
import type { InventoryRule } from "./rule";
import type { ProblemDetails } from "../inventory-source";

/** client prefixes are IPv6 CIDR and internal addresses plain IPv6 addresses. */
export const ipv6Syntax: InventoryRule = {
  id: "ipv6-syntax",
  summary:
    "client prefixes are IPv6 CIDR, internal addresses plain IPv6; no IPv4, IPv4-mapped, zone id or route domain suffix",
  check({ source, addresses }) {
    return [
      ...addresses.clientPrefixes
        .filter((entry) => !entry.prefix)
        .map((entry) => source.problemAt(entry.path, prefixSyntaxProblem(entry.text))),
      ...addresses.internalAddresses
        .filter((entry) => !entry.address)
        .map((entry) => source.problemAt(entry.path, addressSyntaxProblem(entry.text))),
    ];
  },
};

const PREFIX_EXAMPLE = "write it as <address>/<length>, e.g. 2131:0:0:1000::/59";

function prefixSyntaxProblem(text: string): ProblemDetails {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const length = slash < 0 ? undefined : text.slice(slash + 1);
  const addressProblem = addressTextProblem(address, "IP-HTTPS client prefixes are IPv6", "prefix");
  if (addressProblem) return { ...addressProblem, value: text };
  if (length === undefined) {
    return {
      message: "must be in CIDR form <address>/<length>",
      value: text,
      hint: "add the prefix length, e.g. /64 for a node or /59 for a cluster",
    };
  }
  return {
    message: "must have a prefix length from 0 to 128",
    value: text,
    hint: PREFIX_EXAMPLE,
  };
}

/** Why a text is not a plain IPv6 address (for a key that holds one address). */
export function addressSyntaxProblem(text: string): ProblemDetails {
  const slash = text.indexOf("/");
  if (slash >= 0 && ipaddr.IPv6.isValid(text.slice(0, slash))) {
    return {
      message: "must be a single address, without a prefix length",
      value: text,
      hint: `drop '${text.slice(slash)}'`,
    };
  }
  return (
    addressTextProblem(text, "Manage Out runs over IPv6", "address") ?? {
      message: "must be an IPv6 address",
      value: text,
    }
  );
}

/** Why an address text is not a plain IPv6 address, or `undefined` when it is one. */
function addressTextProblem(
  text: string,
  why: string,
  kind: "prefix" | "address",
): ProblemDetails | undefined {
  const { address, suffix } = splitSuffix(text);
  if (suffix !== undefined && ipaddr.IPv6.isValid(address)) {
    // fe80::...%12 is how Windows shows a link-local address: %12 is its interface index, and the
    // root cause is that a link-local address is not routable from the BIG-IP.
    if (ipaddr.IPv6.parse(address).range() === "linkLocal") {
      return {
        message: "is a link-local address, which never leaves its link",
        value: text,
        hint: `'%${suffix}' ${isRouteDomainId(suffix) ? "is the interface index Windows shows" : "names a local interface"}; give the DA server's global or unique-local address of the corporate interface (Get-NetIPAddress -AddressFamily IPv6, not fe80::)`,
      };
    }
    return isRouteDomainId(suffix)
      ? {
          message: "must not carry a route domain suffix",
          value: text,
          hint: `set bigip.routeDomain: ${suffix} once for the whole inventory instead`,
        }
      : {
          message: "must not carry a zone id",
          value: text,
          hint: `remove '%${suffix}'; zone ids only name a local interface`,
        };
  }
  if (hasAmbiguousIpv4Tail(text)) {
    return {
      message:
        "has an IPv4 part with a leading zero, which tools read differently (020 as 20 or as octal 16)",
      value: text,
      hint: `write the dotted part without leading zeros: ${text.replace(
        /(\d+\.\d+\.\d+\.\d+)$/,
        (tail) =>
          tail
            .split(".")
            .map((octet) => String(Number(octet)))
            .join("."),
      )} if the numbers are decimal`,
    };
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return {
      message: "must be IPv6, not IPv4",
      value: text,
      hint: `${why}: take the value from the DA server's IPv6 configuration`,
    };
  }
  if (ipaddr.IPv6.isValid(text)) {
    const address = ipaddr.IPv6.parse(text);
    if (address.isIPv4MappedAddress()) {
      return {
        message: "must not be an IPv4-mapped address",
        value: text,
        hint: `${why}: ${text} is the IPv4 address ${address.toIPv4Address()} in IPv6 notation`,
      };
    }
    return undefined;
  }
  return {
    message: `is not an IPv6 ${kind}`,
    value: text,
    hint: "check for typos: eight groups of up to four hex digits, '::' at most once",
  };
}
