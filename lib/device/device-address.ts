/**
 * The management address of a BIG-IP, as an inventory's `bigip.host` or `BIGIP_HOST` (and
 * `BIGIP_PORT`) gives it, parsed once into one canonical form: the inventory rules, the stack's
 * provider block and the tools that connect (doctor, audit, adopt, recover) all take this value,
 * so that one device has one identity whatever way it was written.
 */
import * as net from "node:net";
import { formatAddress, parseIpv6Address } from "../address/ipv6";
import { HIDDEN, showValue } from "../io/show-value";

/** The default port of the BIG-IP's management interface (iControl REST over https). */
export const DEFAULT_MANAGEMENT_PORT = 443;

/** A parsed management address, in canonical form. */
export interface DeviceAddress {
  readonly scheme: "https" | "http";
  /** A DNS host name, or an address of either family (an IPv4-mapped IPv6 address is IPv4). */
  readonly kind: "name" | "ipv4" | "ipv6";
  /**
   * A host name in lower case without a final dot, an IPv4 address in dotted decimal, or an IPv6
   * address in RFC 5952 form in brackets, `[2001:db8::5]`.
   */
  readonly host: string;
  /** 1 to 65535; 443 when none is written. */
  readonly port: number;
}

/** Why a text is not a management address, and what to write instead. */
export interface DeviceAddressProblem {
  readonly reason: string;
  readonly hint: string;
  /** The text holds a user name or password: never show it. */
  readonly secret?: true;
}

/** A problem of the environment's address, and the variable that holds it. */
export interface EnvironmentAddressProblem extends DeviceAddressProblem {
  readonly variable: "BIGIP_HOST" | "BIGIP_PORT";
}

const EXAMPLE = "e.g. bigip-east.corp.example, https://bigip-east.corp.example:8443 or 2001:db8::5";

/** A DNS host name: letters, digits and hyphens in dot-separated labels (RFC 1123). */
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** The parts of an address as written, before the host is read. */
interface WrittenAddress {
  readonly scheme: "https" | "http";
  /** `https://` or `http://` is written (in any case). */
  readonly schemeWritten: boolean;
  /** The host as written, without brackets. */
  readonly host: string;
  readonly bracketed: boolean;
  /** The port as written, when there is one. */
  readonly port?: string;
  /** A final `/` is written. */
  readonly slash: boolean;
}

/**
 * Parses a management address. A bare host means https on port 443. Refused: user names and
 * passwords (credentials never go into a file), paths, queries, other schemes, and every form
 * that names no device or that tools read as different hosts: a zone id, the unspecified
 * address, an IPv4 address not written as four decimal numbers.
 */
export function parseDeviceAddress(text: string): DeviceAddress | DeviceAddressProblem {
  const written = splitAddress(text);
  if (isAddressProblem(written)) return written;
  const host = parseHost(written.host, written.bracketed);
  if (isAddressProblem(host)) return host;
  let port = DEFAULT_MANAGEMENT_PORT;
  if (written.port !== undefined) {
    const parsed = parsePort(written.port);
    if (parsed === undefined) return problem("has a port that is not 1 to 65535", EXAMPLE);
    port = parsed;
  }
  return { scheme: written.scheme, ...host, port };
}

/**
 * The device the provider goes to when an inventory names none: `BIGIP_HOST`, and `BIGIP_PORT`
 * when set (non-empty). go-bigip builds its URL from the text as it is (`NewSession` in
 * f5devcentral/go-bigip bigip.go, vendored by F5Networks/terraform-provider-bigip 1.28): it
 * prepends `https://` unless the text begins with "http", then appends `:` and the port. So
 * besides what `parseDeviceAddress` refuses, refused here is whatever the provider would read as
 * another URL: a scheme in capitals or a host name beginning with "http" without one, an IPv6
 * address without brackets, and a port or final `/` in `BIGIP_HOST` when `BIGIP_PORT` is set.
 */
export function parseEnvironmentAddress(
  host: string,
  port: string | undefined,
): DeviceAddress | EnvironmentAddressProblem {
  const inHost = (found: DeviceAddressProblem) => ({ variable: "BIGIP_HOST" as const, ...found });
  const parsed = parseDeviceAddress(host);
  if (isAddressProblem(parsed)) return inHost(parsed);
  const written = splitAddress(host) as WrittenAddress;
  if (host.startsWith("http") !== written.schemeWritten) {
    return inHost(
      problem(
        'is read otherwise by the provider, which prepends https:// to any text that does not begin with "http"',
        `write ${parsed.scheme}://${parsed.host}${written.port === undefined ? "" : `:${parsed.port}`}`,
      ),
    );
  }
  if (net.isIPv6(host)) {
    return inHost(
      problem(
        "is an IPv6 address without brackets, which the provider puts into its URL as it is and cannot connect to",
        `write ${parsed.host}`,
      ),
    );
  }
  if (port === undefined) return parsed;
  const portNumber = parsePort(port);
  if (portNumber === undefined) {
    return {
      variable: "BIGIP_PORT",
      reason: "is not a port from 1 to 65535 (digits only)",
      hint: "the provider appends it to BIGIP_HOST as it is; give e.g. 8443, or unset it for 443",
    };
  }
  if (written.port !== undefined || written.slash) {
    return inHost(
      problem(
        `holds ${written.port === undefined ? "a final /" : "a port"}, and BIGIP_PORT is set too: the provider appends :${port} after it`,
        `give the port in one place: BIGIP_HOST=${parsed.scheme}://${parsed.host} and BIGIP_PORT=${portNumber}, or unset BIGIP_PORT`,
      ),
    );
  }
  return { ...parsed, port: portNumber };
}

/** `BIGIP_PORT is not a port ..., got '99999'; ...`: a problem of the environment in one line. */
export function formatEnvironmentProblem(
  found: EnvironmentAddressProblem,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const value = found.secret ? HIDDEN : showValue(env[found.variable] ?? "", 80);
  return `${found.variable} ${found.reason}, got '${value}'; ${found.hint}`;
}

/** True when the parse failed. */
export function isAddressProblem<T extends object>(
  parsed: T | DeviceAddressProblem,
): parsed is DeviceAddressProblem {
  return "reason" in parsed;
}

/** `https://bigip-east.corp.example:443`: the address as a URL, port always written. */
export function deviceUrl(address: DeviceAddress): string {
  return `${address.scheme}://${address.host}:${address.port}`;
}

/** The device of an inventory for people: its URL, or `BIGIP_HOST` when it names none. */
export function deviceLabel(bigip: { readonly host?: DeviceAddress }): string {
  return bigip.host === undefined ? "BIGIP_HOST" : deviceUrl(bigip.host);
}

/**
 * What identifies the device for comparisons: host and port (the scheme does not make another
 * device). The parse has made every way of writing one address the same text.
 */
export function deviceKey(address: DeviceAddress): string {
  return `${address.host}:${address.port}`;
}

/**
 * A host name as DNS compares it: in lower case, without the final dot of a fully qualified
 * name (`BIGIP-East.corp.example.` is `bigip-east.corp.example`).
 */
export function canonicalHostName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/**
 * The provider's `address` and `port` for an address: the port is always given, so that a
 * `BIGIP_PORT` in the environment cannot change the device (go-bigip appends `:<port>` to the
 * address whenever a port is set, `NewSession` in f5devcentral/go-bigip bigip.go).
 */
export function providerAddress(address: DeviceAddress): { address: string; port: string } {
  return { address: `${address.scheme}://${address.host}`, port: String(address.port) };
}

function problem(reason: string, hint: string): DeviceAddressProblem {
  return { reason, hint };
}

/** Scheme, host, port and final slash as written; the host is not read yet. */
function splitAddress(text: string): WrittenAddress | DeviceAddressProblem {
  if (text === "") return problem("is empty", `give the device's management address, ${EXAMPLE}`);
  if (/[\s\p{Cc}\p{Cf}]/u.test(text)) {
    return problem(
      "holds a space or an invisible character",
      `write the address alone, ${EXAMPLE}`,
    );
  }
  // An IPv6 address without brackets has no port: it is the whole text (a zone id included).
  if (net.isIPv6(text.split("%")[0])) {
    return { scheme: "https", schemeWritten: false, host: text, bracketed: false, slash: false };
  }
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : "https";
  if (scheme !== "https" && scheme !== "http") {
    return problem(
      `uses ${scheme}://`,
      `iControl REST is https:// (http:// only for a lab or a test fake), ${EXAMPLE}`,
    );
  }
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const [, hostPort, tail] = /^([^/?#]*)(.*)$/.exec(rest)!;
  if (hostPort.includes("@")) {
    return {
      ...problem(
        "holds a user name or password",
        "remove user:password@; the provider reads BIGIP_USER and BIGIP_PASSWORD (or bigip.credentials names the variables)",
      ),
      secret: true,
    };
  }
  if (tail !== "" && tail !== "/") {
    return problem("holds a path, query or fragment", `give only the host and port, ${EXAMPLE}`);
  }
  const parts = /^(?:\[([^\]]*)\]|([^:[\]]*))(?::(\d*))?$/.exec(hostPort);
  if (!parts) return problem("is not a host name or address", EXAMPLE);
  const [, inBrackets, bare, port] = parts;
  return {
    scheme: scheme as "https" | "http",
    schemeWritten: schemeMatch !== null,
    host: inBrackets ?? bare,
    bracketed: inBrackets !== undefined,
    port,
    slash: tail === "/",
  };
}

/** The host in canonical form, or why it names no device or is read as different hosts. */
function parseHost(
  text: string,
  bracketed: boolean,
): Pick<DeviceAddress, "kind" | "host"> | DeviceAddressProblem {
  const zone = text.indexOf("%");
  if (zone >= 0 && net.isIPv6(text.slice(0, zone))) {
    // A zone id names an interface of the machine that connects (RFC 6874): each machine that
    // runs Terraform or doctor would read it otherwise, and Node's URL parser refuses it.
    return problem(
      "has a zone id (the part after %), which names a network interface of the machine that connects, not the device",
      `give the device's host name or a global or unique local address, which need no zone id, ${EXAMPLE}`,
    );
  }
  if (bracketed || text.includes(":")) {
    const address = net.isIPv6(text) ? parseIpv6Address(text) : undefined;
    if (!address) {
      return bracketed
        ? problem("has brackets around something other than an IPv6 address", EXAMPLE)
        : problem("is not a host name or address", EXAMPLE);
    }
    if (address.isIPv4MappedAddress()) return ipv4Host(address.toIPv4Address().toString());
    if (address.range() === "unspecified") return unspecified("::");
    return { kind: "ipv6", host: `[${formatAddress(address)}]` };
  }
  if (net.isIPv4(text)) return ipv4Host(text);
  if (endsInNumber(text)) return nonCanonicalIpv4(text);
  if (!HOST_NAME.test(text)) return problem("is not a host name or address", EXAMPLE);
  return { kind: "name", host: canonicalHostName(text) };
}

function ipv4Host(text: string): Pick<DeviceAddress, "kind" | "host"> | DeviceAddressProblem {
  return text === "0.0.0.0" ? unspecified(text) : { kind: "ipv4", host: text };
}

/** `0.0.0.0` and `::` mean "any address" to a listener; a connection to them reaches itself. */
function unspecified(text: string): DeviceAddressProblem {
  return problem(
    `is the unspecified address ${text}, which names no device (a connection to it reaches the machine that connects)`,
    `give the device's management address, ${EXAMPLE}`,
  );
}

/**
 * A host whose last label is a number is an IPv4 address to a URL parser (the WHATWG URL
 * Standard's "ends in a number" checker, which Node follows): `10.20.5`, `0x0a.20.0.5`.
 */
function endsInNumber(text: string): boolean {
  const labels = text.split(".");
  if (labels.length > 1 && labels.at(-1) === "") labels.pop();
  return /^(\d+|0x[0-9a-f]*)$/i.test(labels.at(-1)!);
}

/**
 * An IPv4 address not written as four decimal numbers: Node's URL parser reads hex (`0x0a`),
 * octal (`012`) and short forms (`10.20.5`) as inet_aton does, while Go's `net.ParseIP` refuses
 * them (leading zeros since Go 1.17, golang/go#30999) and leaves them to the system resolver:
 * doctor and the provider could reach two different hosts.
 */
function nonCanonicalIpv4(text: string): DeviceAddressProblem {
  let read: string | undefined;
  try {
    read = new URL(`https://${text}`).hostname;
  } catch {
    read = undefined;
  }
  if (read === undefined || !net.isIPv4(read)) {
    return problem("is not a host name or address", EXAMPLE);
  }
  if (read === "0.0.0.0") return unspecified(read);
  return problem(
    `is an IPv4 address not written as four decimal numbers, which tools read as different hosts (Node reads ${read})`,
    `write four decimal numbers without leading zeros, ${read} if that is the device`,
  );
}

/** A port as the provider and Node both read it: digits only, 1 to 65535. */
function parsePort(text: string): number | undefined {
  const port = Number(text);
  return /^\d{1,5}$/.test(text) && port >= 1 && port <= 65535 ? port : undefined;
}
