import { showValue } from "../../io/show-value";
import { prefixRange } from "../../address/ipv6";
import { findNestings, type AddressRange, type Nesting } from "../../address/prefix-nesting";
import { deviceLabel } from "../../device/device-address";
import { deviceGroups, deviceLink } from "../device-identity";
import type { ClientPrefixEntry } from "../inventory-addresses";
import { formatKeyPath } from "../key-path";
import type { Problem } from "../problem";
import type { CheckedInventoryFile, CrossFileRule } from "./rule";

interface OwnedPrefix {
  readonly file: CheckedInventoryFile;
  readonly entry: ClientPrefixEntry;
  /** The file's device group (lib/inventory/device-identity.ts). */
  readonly device: number;
  /** The route domain id, 0 for none: the default route domain is route domain 0. */
  readonly routeDomain: number;
}

/**
 * Client prefixes of different files must not overlap on one device and route domain, whatever
 * the partition: the BIG-IP sends a packet to the virtual server with the most specific
 * destination of its route domain (F5 K14800, "Order of precedence for virtual server matching
 * (11.3.0 and later)"), partitions being only administrative, so the narrower network virtual
 * server of one stack would take clients of the other's DA server. On two devices (as far as the
 * inventories say) an overlap is a warning: the corporate routers can send a client prefix to
 * one of them only, and two addresses of one device look like two devices.
 */
export const crossFilePrefixOverlap: CrossFileRule = {
  id: "cross-file-prefix-overlap",
  summary:
    "client prefixes of two inventory files do not overlap on one device and route domain (0 is none), whatever the partition; on two devices an overlap is a warning",
  check(files) {
    const devices = deviceGroups(files);
    // Entry point prefixes suffice: each file's own rules put its servers' prefixes inside them.
    const ranges = files.flatMap((file, index) =>
      file.addresses.clientPrefixes.flatMap((entry): AddressRange<OwnedPrefix>[] =>
        entry.prefix && entry.server === undefined
          ? [
              {
                ...prefixRange(entry.prefix),
                owner: {
                  file,
                  entry,
                  device: devices[index],
                  routeDomain: file.inventory.bigip.routeDomain ?? 0,
                },
              },
            ]
          : [],
      ),
    );
    const byListener = new Map<string, AddressRange<OwnedPrefix>[]>();
    for (const range of ranges) {
      const key = `${range.owner.device} ${range.owner.routeDomain}`;
      const group = byListener.get(key);
      if (group) group.push(range);
      else byListener.set(key, [range]);
    }
    const reported = new Set<ClientPrefixEntry>();
    const errors = [...byListener.values()].flatMap((group) =>
      betweenFiles(group).map((nesting) => {
        reported.add(nesting.inner.owner.entry);
        return sameDeviceProblem(nesting);
      }),
    );
    const warnings = betweenFiles(ranges)
      .filter(({ outer, inner }) => outer.owner.device !== inner.owner.device)
      .filter(({ inner }) => !reported.has(inner.owner.entry))
      .map(otherDeviceProblem);
    return [...errors, ...warnings];
  },
};

function betweenFiles(ranges: readonly AddressRange<OwnedPrefix>[]): Nesting<OwnedPrefix>[] {
  return findNestings(ranges).filter(({ outer, inner }) => outer.owner.file !== inner.owner.file);
}

/** `entryPoints[0].clientPrefix (2001:db8::/48) of 'west.yaml'`. */
function describe({ file, entry }: OwnedPrefix): string {
  return `${formatKeyPath(entry.path)} (${entry.text}) of ${showValue(file.inventory.file)}`;
}

function sameDeviceProblem({ outer, inner }: Nesting<OwnedPrefix>): Problem {
  const { device } = deviceLink(inner.owner.file, outer.owner.file);
  return inner.owner.file.source.problemAt(inner.owner.entry.path, {
    message: `overlaps ${describe(outer.owner)} on the same device (${device}) and route domain ${inner.owner.routeDomain}: the most specific network virtual server takes the clients, whatever its partition`,
    value: inner.owner.entry.text,
    hint: "a client prefix belongs to one DA server; remove it from one of the files (another route domain only for a separate network)",
  });
}

function otherDeviceProblem({ outer, inner }: Nesting<OwnedPrefix>): Problem {
  return inner.owner.file.source.problemAt(inner.owner.entry.path, {
    severity: "warning",
    message: `overlaps ${describe(outer.owner)}, which goes to another device (${deviceLabel(outer.owner.file.inventory.bigip)})`,
    value: inner.owner.entry.text,
    hint: "the corporate routers send a client prefix to one device only: fine while a stack moves between devices; if both addresses reach one BIG-IP, give both inventories its bigip.deviceHostname to have them checked as one",
  });
}
