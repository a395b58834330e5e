/**
 * The management address of a BIG-IP, as an inventory's `bigip.host` or `BIGIP_HOST` gives it:
 * a host name or address, optionally with `https://` (or `http://` for a lab) and `:port`. One
 * parser for the inventory rule, the stack's provider configuration and the tools that connect,
 * so that all three mean the same device by the same text.
 */
import * as net from "node:net";

/** The default port of the BIG-IP's management interface (iControl REST over https). */
export const DEFAULT_MANAGEMENT_PORT = 443;

/** A parsed management address. */
export interface DeviceAddress {
  readonly scheme: "https" | "http";
  /** Host name (lower case) or address; an IPv6 address in brackets, `[2001:db8::5]`. */
  readonly host: string;
  readonly port: number;
}

/** Why a text is not a management address, and what to write instead. */
export interface DeviceAddressProblem {
  readonly reason: string;
  readonly hint: string;
}

const EXAMPLE = "e.g. bigip-east.corp.example, https://bigip-east.corp.example:8443 or 2001:db8::5";

/** A DNS host name: letters, digits and hyphens in dot-separated labels (RFC 1123). */
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * Parses a management address. A bare host means https on port 443. Refused: user names and
 * passwords (credentials never go into a file), paths, queries, other schemes.
 */
export function parseDeviceAddress(text: string): DeviceAddress | DeviceAddressProblem {
  if (text === "") return problem("is empty", `give the device's management address, ${EXAMPLE}`);
  if (/[\s\p{Cc}\p{Cf}]/u.test(text)) {
    return problem(
      "holds a space or an invisible character",
      `write the address alone, ${EXAMPLE}`,
    );
  }
  // An IPv6 address without brackets has no port: it is the whole text.
  if (net.isIPv6(text))
    return { scheme: "https", host: `[${text.toLowerCase()}]`, port: DEFAULT_MANAGEMENT_PORT };
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : "https";
  if (scheme !== "https" && scheme !== "http") {
    return problem(
      `uses ${scheme}://`,
      `iControl REST is https:// (http:// only for a lab or a test fake), ${EXAMPLE}`,
    );
  }
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const authority = /^([^/?#]*)(.*)$/.exec(rest)!;
  const [, hostPort, tail] = authority;
  if (hostPort.includes("@")) {
    return problem(
      "holds a user name or password",
      "remove user:password@; the provider reads BIGIP_USER and BIGIP_PASSWORD (or bigip.credentials names the variables)",
    );
  }
  if (tail !== "" && tail !== "/") {
    return problem("holds a path, query or fragment", `give only the host and port, ${EXAMPLE}`);
  }
  const parts = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!parts) return problem("is not a host name or address", EXAMPLE);
  const [, rawHost, rawPort] = parts;
  let host: string;
  if (rawHost.startsWith("[")) {
    const inner = rawHost.slice(1, -1);
    if (!net.isIPv6(inner))
      return problem("has brackets around something other than an IPv6 address", EXAMPLE);
    host = `[${inner.toLowerCase()}]`;
  } else if (net.isIPv4(rawHost) || HOST_NAME.test(rawHost)) {
    if (/^\d+(\.\d+)*$/.test(rawHost) && !net.isIPv4(rawHost)) {
      return problem("is not a host name or address", EXAMPLE);
    }
    host = rawHost.toLowerCase().replace(/\.$/, "");
  } else {
    return problem("is not a host name or address", EXAMPLE);
  }
  let port = DEFAULT_MANAGEMENT_PORT;
  if (rawPort !== undefined) {
    port = Number(rawPort);
    if (rawPort === "" || !/^\d{1,5}$/.test(rawPort) || port < 1 || port > 65535) {
      return problem("has a port that is not 1 to 65535", EXAMPLE);
    }
  }
  return { scheme: scheme as "https" | "http", host, port };
}

/** True when the parse failed. */
export function isAddressProblem(
  parsed: DeviceAddress | DeviceAddressProblem,
): parsed is DeviceAddressProblem {
  return "reason" in parsed;
}

/** `https://bigip-east.corp.example:443`: the address as a URL, port always written. */
export function deviceUrl(address: DeviceAddress): string {
  return `${address.scheme}://${address.host}:${address.port}`;
}

/**
 * What identifies the device for comparisons: host and port (the scheme does not make another
 * device). Host names compare without case, as DNS does.
 */
export function deviceKey(address: DeviceAddress): string {
  return `${address.host}:${address.port}`;
}

function problem(reason: string, hint: string): DeviceAddressProblem {
  return { reason, hint };
}

/**
 * The provider's `address` and `port` for an address: the port is always given, so that a
 * `BIGIP_PORT` in the environment cannot change the device (go-bigip appends `:<port>` to the
 * address whenever a port is set, `NewSession` in f5devcentral/go-bigip bigip.go).
 */
export function providerAddress(address: DeviceAddress): { address: string; port: string } {
  return { address: `${address.scheme}://${address.host}`, port: String(address.port) };
}
