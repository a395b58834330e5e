/**
 * Every address and prefix of one inventory, parsed once, with the key path it was written at:
 * client prefixes, internal addresses, and the device (`bigip.host`, `bigip.deviceHostname`).
 * The rules and the model read these instead of parsing the text again.
 */
import type { IPv6 } from "ipaddr.js";
import {
  parseIpv6Address,
  parseIpv6Prefix,
  prefixRange,
  toBigInt,
  type Ipv6Prefix,
} from "../address/ipv6";
import { findNestings, type AddressRange, type Nesting } from "../address/prefix-nesting";
import {
  canonicalHostName,
  parseDeviceAddress,
  type DeviceAddress,
  type DeviceAddressProblem,
} from "../device/device-address";
import type { InventoryDocument } from "./inventory-schema";
import type { KeyPath } from "./key-path";

/** A client prefix as written: an entry point's, or a server's own. */
export interface ClientPrefixEntry {
  readonly kind: "clientPrefix";
  readonly path: KeyPath;
  readonly text: string;
  /** The parsed prefix; `undefined` when the text is not IPv6 CIDR (or is IPv4-mapped). */
  readonly prefix?: Ipv6Prefix;
  readonly entryPoint: number;
  /** Index of the server in its entry point; `undefined` for the entry point's own prefix. */
  readonly server?: number;
}

/** A DA server's internal (corporate-facing) address as written. */
export interface InternalAddressEntry {
  readonly kind: "internalAddress";
  readonly path: KeyPath;
  readonly text: string;
  /** The parsed address; `undefined` when the text is not a plain IPv6 address (or is IPv4-mapped). */
  readonly address?: IPv6;
  readonly entryPoint: number;
  readonly server: number;
}

/** `bigip.host` as written, parsed once (lib/device/device-address.ts). */
export interface DeviceAddressEntry {
  readonly path: KeyPath;
  readonly text: string;
  readonly parsed: DeviceAddress | DeviceAddressProblem;
}

/** One name of `bigip.deviceHostname` as written. */
export interface DeviceHostnameEntry {
  readonly path: KeyPath;
  readonly text: string;
  /** In lower case, without a final dot: how two inventories' names are compared. */
  readonly name: string;
}

/** Either kind of entry. */
export type AddressEntry = ClientPrefixEntry | InternalAddressEntry;

/** The parsed addresses of an inventory and how they nest. */
export class InventoryAddresses {
  /** Entry point prefixes, then server prefixes that are written in the file, in file order. */
  public readonly clientPrefixes: readonly ClientPrefixEntry[];
  public readonly internalAddresses: readonly InternalAddressEntry[];
  /** The device's management address; `undefined` when the inventory names none. */
  public readonly device?: DeviceAddressEntry;
  /** The device's own host names, in file order. */
  public readonly deviceHostnames: readonly DeviceHostnameEntry[];
  private nestingsCache?: Nesting<AddressEntry>[];

  constructor(document: InventoryDocument) {
    const prefixes: ClientPrefixEntry[] = [];
    const addresses: InternalAddressEntry[] = [];
    document.entryPoints.forEach((entryPoint, e) => {
      const path = ["entryPoints", e];
      prefixes.push(prefixEntry([...path, "clientPrefix"], entryPoint.clientPrefix, e));
      entryPoint.servers.forEach((server, s) => {
        const serverPath = [...path, "servers", s];
        if (server.clientPrefix !== undefined) {
          prefixes.push(prefixEntry([...serverPath, "clientPrefix"], server.clientPrefix, e, s));
        }
        addresses.push({
          kind: "internalAddress",
          path: [...serverPath, "internalAddress"],
          text: server.internalAddress,
          address: usable(parseIpv6Address(server.internalAddress)),
          entryPoint: e,
          server: s,
        });
      });
    });
    this.clientPrefixes = prefixes;
    this.internalAddresses = addresses;
    const { host, deviceHostname } = document.bigip;
    if (host !== undefined) {
      this.device = { path: ["bigip", "host"], text: host, parsed: parseDeviceAddress(host) };
    }
    this.deviceHostnames = (deviceHostname === undefined ? [] : [deviceHostname].flat()).map(
      (text, index) => ({
        path:
          typeof deviceHostname === "string"
            ? ["bigip", "deviceHostname"]
            : ["bigip", "deviceHostname", index],
        text,
        name: canonicalHostName(text),
      }),
    );
  }

  /** Every pair of a parsed prefix or address lying inside another, computed once. */
  get nestings(): readonly Nesting<AddressEntry>[] {
    this.nestingsCache ??= findNestings([
      ...this.clientPrefixes.flatMap((entry) =>
        entry.prefix ? [{ ...prefixRange(entry.prefix), owner: entry as AddressEntry }] : [],
      ),
      ...this.internalAddresses.flatMap((entry) =>
        entry.address ? [singleAddressRange(entry)] : [],
      ),
    ]);
    return this.nestingsCache;
  }
}

function prefixEntry(
  path: KeyPath,
  text: string,
  entryPoint: number,
  server?: number,
): ClientPrefixEntry {
  const prefix = parseIpv6Prefix(text);
  return {
    kind: "clientPrefix",
    path,
    text,
    prefix: usable(prefix?.address) && prefix,
    entryPoint,
    server,
  };
}

/** IPv4-mapped addresses parse as IPv6 but are IPv4 hosts: the ipv6-syntax rule reports them. */
function usable(address: IPv6 | undefined): IPv6 | undefined {
  return address && !address.isIPv4MappedAddress() ? address : undefined;
}

/** An address as the range of its /128. */
function singleAddressRange(entry: InternalAddressEntry): AddressRange<AddressEntry> {
  const value = toBigInt(entry.address!);
  return { start: value, end: value, owner: entry };
}
