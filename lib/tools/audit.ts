/**
 * `audit`: the device's Manage Out objects compared with the inventories. Drift is anything that
 * makes a DA server's virtual server or pool differ from its description (manage-out-objects.ts),
 * which is what the stack deploys; the members' health is information, not drift. Also: foreign
 * virtual servers whose destination overlaps a client prefix, which would steal or shadow Manage
 * Out traffic.
 */
import * as ipaddr from "ipaddr.js";
import { withRouteDomain } from "../address/bigip-addressing";
import { formatAddress, formatPrefix, prefixContains, type Ipv6Prefix } from "../address/ipv6";
import {
  formInPartition,
  memberInPartition,
  parseShownAddress,
  parseShownDestination,
  parseShownNetwork,
  partitionDefaultOf,
  routeDomainIn,
} from "../device/shown-address";
import {
  describeServer,
  type ManageOutObjects,
  type ManageOutPool,
  type ManageOutVirtualServer,
} from "../manage-out-objects";
import type { Inventory } from "../inventory";
import { showValue } from "../io/show-value";
import type { DevicePool, DeviceVirtualServer } from "../device/device-snapshot";

/** One difference between the device and the inventory. */
export interface Drift {
  readonly stack: string;
  /** `<entry point>/<server>`, or `-` for a foreign object. */
  readonly server: string;
  /** `virtual server /Common/x`, `pool /Common/y`. */
  readonly object: string;
  readonly attribute: string;
  readonly device: string;
  readonly expected: string;
}

/** Something an operator wants to know that is not a configuration difference. */
export interface AuditInfo {
  readonly stack: string;
  readonly server: string;
  readonly message: string;
}

/** The result of comparing the device with the inventories. */
export interface AuditReport {
  readonly drift: readonly Drift[];
  readonly info: readonly AuditInfo[];
}

/** A destination as the device shows it, read in its virtual server's partition. */
function destinationIn(
  vs: DeviceVirtualServer,
  partitionRouteDomains: ReadonlyMap<string, number>,
): { address: ipaddr.IPv6; routeDomain: number; port: number } | undefined {
  const destination = parseShownDestination(vs.destination ?? "");
  if (!destination) return undefined;
  const partitionDefault = partitionDefaultOf(vs.fullPath, partitionRouteDomains);
  return {
    address: destination.address,
    routeDomain: routeDomainIn(destination, partitionDefault),
    port: destination.port,
  };
}

/** `::%2/0` in the partition's form (shown-address.ts), or `undefined` when not a network. */
function sourceIn(text: string | undefined, partitionDefault: number): string | undefined {
  const source = parseShownNetwork(text ?? "");
  return source ? `${formInPartition(source, partitionDefault)}/${source.length}` : undefined;
}

/** A mask's prefix length; `any6` (IPv6) and `any` (IPv4 wording) are /0. */
function maskLength(mask: string | undefined): number | undefined {
  if (mask === "any" || mask === "any6") return 0;
  if (!mask || !ipaddr.IPv6.isValid(mask)) return undefined;
  return ipaddr.IPv6.parse(mask).prefixLengthFromSubnetMask() ?? undefined;
}

/** An attribute as the device shows it and as the description expects it, in one form. */
type Compared = readonly [attribute: string, device: string, expected: string];

/** What a comparison reads the device's values in: the object's partition's default route domain. */
interface Where {
  readonly partitionRouteDomains: ReadonlyMap<string, number>;
  readonly partitionDefault: number;
}

/** The device's value and the expected one of every field of an object's description. */
type Comparisons<Description, Device> = {
  readonly [Field in keyof Description]-?: (
    device: Device,
    expected: Description,
    where: Where,
  ) => readonly Compared[];
};

/** A list, order aside, `(none)` when empty. */
function asSet(values: readonly string[] | undefined): string {
  return [...(values ?? [])].sort().join(" ") || "(none)";
}

/** Found by it, or how the stack takes the object over: nothing to compare on the device. */
const NOT_AN_ATTRIBUTE = () => [];

/** Every field of a virtual server's description, compared. */
const VIRTUAL_SERVER: Comparisons<ManageOutVirtualServer, DeviceVirtualServer> = {
  name: NOT_AN_ATTRIBUTE,
  adopted: NOT_AN_ATTRIBUTE,
  description: (vs, expected) => [
    ["description", vs.description ?? "(none)", expected.description],
  ],
  destination: (vs, expected, where) => {
    const found = destinationIn(vs, where.partitionRouteDomains);
    const wanted = parseShownAddress(expected.destination)!;
    return [
      [
        "destination",
        found ? formatAddress(found.address) : String(vs.destination),
        formatAddress(wanted.address),
      ],
    ];
  },
  // Without a route domain of its own the virtual server is in its partition's default.
  routeDomain: (vs, expected, where) => {
    const found = destinationIn(vs, where.partitionRouteDomains);
    return [
      [
        "route domain",
        String(found?.routeDomain ?? where.partitionDefault),
        String(expected.routeDomain ?? where.partitionDefault),
      ],
    ];
  },
  port: (vs, expected, where) => {
    const found = destinationIn(vs, where.partitionRouteDomains);
    // A destination of another shape is drift of the destination already.
    return found ? [["port", String(found.port), String(expected.port)]] : [];
  },
  mask: (vs, expected) => {
    const length = maskLength(vs.mask);
    return [
      [
        "mask",
        length === undefined ? String(vs.mask) : `/${length}`,
        `/${maskLength(expected.mask)}`,
      ],
    ];
  },
  source: (vs, expected, where) => [
    [
      "source",
      sourceIn(vs.source, where.partitionDefault) ?? String(vs.source),
      sourceIn(expected.source, where.partitionDefault)!,
    ],
  ],
  ipProtocol: (vs, expected) => [["ip-protocol", String(vs.ipProtocol), expected.ipProtocol]],
  translateAddress: (vs, expected) => [
    ["translate-address", String(vs.translateAddress), expected.translateAddress],
  ],
  translatePort: (vs, expected) => [
    ["translate-port", String(vs.translatePort), expected.translatePort],
  ],
  sourceAddressTranslation: (vs, expected) => [
    [
      "source-address-translation",
      String(vs.sourceAddressTranslation?.type ?? "none"),
      expected.sourceAddressTranslation,
    ],
  ],
  profiles: (vs, expected) => [["profiles", asSet(vs.profiles), asSet(expected.profiles)]],
  vlans: (vs, expected) => [["vlans", asSet(vs.vlans), asSet(expected.vlans)]],
  vlansEnabled: (vs, expected) => {
    const enabled = (on: boolean | undefined) =>
      on ? "enabled on the VLANs" : "not enabled on the VLANs";
    return [["vlans-enabled", enabled(vs.vlansEnabled), enabled(expected.vlansEnabled)]];
  },
  pool: (vs, expected) => [["pool", vs.pool ?? "(none)", expected.pool]],
};

/** Every field of a pool's description, compared; its member apart (`memberDrift`). */
const POOL: Comparisons<ManageOutPool, DevicePool> = {
  name: NOT_AN_ATTRIBUTE,
  adopted: NOT_AN_ATTRIBUTE,
  description: (pool, expected) => [
    ["description", pool.description ?? "(none)", expected.description],
  ],
  // The device may write a space after the monitor's name.
  monitor: (pool, expected) => [
    ["monitor", pool.monitor?.trim() || "none", expected.monitor ?? "none"],
  ],
};

/** The attributes of `device` that differ from `expected`, by the comparisons of every field. */
function differences<Description, Device>(
  comparisons: Comparisons<Description, Device>,
  device: Device,
  expected: Description,
  where: Where,
): Compared[] {
  return (Object.keys(comparisons) as (keyof Description)[])
    .flatMap((field) => comparisons[field](device, expected, where))
    .filter(([, found, wanted]) => found !== wanted);
}

/** Compares the device's virtual servers and pools with every DA server of the inventories. */
export function auditDevice(
  inventories: readonly Inventory[],
  device: {
    virtualServers: readonly DeviceVirtualServer[];
    pools: readonly DevicePool[];
    /** Each partition's default route domain (none listed: 0 everywhere). */
    partitionRouteDomains?: ReadonlyMap<string, number>;
  },
): AuditReport {
  const partitionRouteDomains = device.partitionRouteDomains ?? new Map<string, number>();
  const where = (fullPath: string): Where => ({
    partitionRouteDomains,
    partitionDefault: partitionDefaultOf(fullPath, partitionRouteDomains),
  });
  const drift: Drift[] = [];
  const info: AuditInfo[] = [];
  const virtualServers = new Map(device.virtualServers.map((vs) => [vs.fullPath, vs]));
  const pools = new Map(device.pools.map((pool) => [pool.fullPath, pool]));
  const managed = new Set<string>();
  const prefixes: { stack: string; server: string; prefix: Ipv6Prefix; routeDomain: number }[] = [];

  for (const inventory of inventories) {
    for (const entryPoint of inventory.entryPoints) {
      for (const server of entryPoint.servers) {
        const expected = describeServer(inventory.bigip, entryPoint, server);
        const { virtualServer, pool } = expected;
        const at = { stack: inventory.stackName, server: `${entryPoint.name}/${server.name}` };
        const differ = (object: string, found: readonly Compared[]) =>
          drift.push(
            ...found.map(([attribute, device, wanted]) => ({
              ...at,
              object,
              attribute,
              device,
              expected: wanted,
            })),
          );
        managed.add(virtualServer.name);
        prefixes.push({ ...at, ...clientPrefixOf(virtualServer, where(virtualServer.name)) });

        const vs = virtualServers.get(virtualServer.name);
        const vsObject = `virtual server ${virtualServer.name}`;
        differ(
          vsObject,
          vs
            ? differences(VIRTUAL_SERVER, vs, virtualServer, where(virtualServer.name))
            : [["presence", "missing", "present"]],
        );

        const onDevice = pools.get(pool.name);
        const poolObject = `pool ${pool.name}`;
        if (!onDevice) {
          differ(poolObject, [["presence", "missing", "present"]]);
          continue;
        }
        differ(poolObject, differences(POOL, onDevice, pool, where(pool.name)));
        const member = memberDrift(onDevice, expected, where(pool.name));
        differ(poolObject, member.drift);
        const health = member.found ? memberHealth(member.found) : undefined;
        if (health) {
          info.push({
            ...at,
            message: `Manage Out to ${server.name}'s clients ${health.verdict}: member ${expected.member.name} ${health.why}`,
          });
        }
      }
    }
  }

  for (const vs of device.virtualServers) {
    if (managed.has(vs.fullPath)) continue;
    const destination = destinationIn(vs, partitionRouteDomains);
    const length = maskLength(vs.mask);
    if (!destination || length === undefined) continue;
    const network: Ipv6Prefix = { address: destination.address, length };
    for (const owner of prefixes) {
      if (destination.routeDomain !== owner.routeDomain) continue;
      if (prefixContains(network, owner.prefix) || prefixContains(owner.prefix, network)) {
        drift.push({
          stack: owner.stack,
          server: owner.server,
          object: `virtual server ${vs.fullPath}`,
          attribute: "overlaps the client prefix",
          device: `${withRouteDomain(formatAddress(destination.address), destination.routeDomain)}/${length}`,
          expected: `no other virtual server on ${formatPrefix(owner.prefix)}`,
        });
      }
    }
  }
  return { drift, info };
}

/** The client prefix a described virtual server takes, and the route domain it is in. */
function clientPrefixOf(
  vs: ManageOutVirtualServer,
  where: Where,
): { prefix: Ipv6Prefix; routeDomain: number } {
  const destination = parseShownAddress(vs.destination)!;
  return {
    prefix: { address: destination.address, length: maskLength(vs.mask)! },
    routeDomain: routeDomainIn(destination, where.partitionDefault),
  };
}

/**
 * The pool's members compared with the one described, in the pool's partition's form (`%<id>`
 * of its default route domain shown or not: the same member, shown-address.ts), and that member
 * as the device shows it.
 */
function memberDrift(
  pool: DevicePool,
  expected: ManageOutObjects,
  where: Where,
): { drift: Compared[]; found?: DevicePoolMember } {
  const inPool = (name: string) => memberInPartition(name, where.partitionDefault);
  const wanted = expected.member.name;
  const found = pool.members.find((m) => inPool(m.name) === inPool(wanted));
  const names =
    pool.members
      .map((m) => m.name)
      .sort()
      .join(" ") || "(none)";
  return {
    drift: pool.members.length !== 1 || !found ? [["members", names, wanted]] : [],
    found,
  };
}

/**
 * Why a member does not carry traffic, or `undefined` when it does (or is not monitored). The
 * device's values (f5-ansible `bigip_pool_member.py`): forced offline is `state` user-down with
 * `session` user-disabled, so `state` is read first; disabled is `session` user-disabled;
 * a monitored member is `checking` until its monitor first answers, then `up` or `down`.
 */
function memberHealth(member: DevicePoolMember): { verdict: string; why: string } | undefined {
  if (member.state === "user-down") return { verdict: "is down", why: "forced offline" };
  if (member.session === "user-disabled") return { verdict: "is down", why: "disabled" };
  if (member.state === "down" || member.state === "offline") {
    return { verdict: "is down", why: "offline" };
  }
  if (member.state === "checking") {
    return { verdict: "is not up yet", why: "still being checked by its monitor (state checking)" };
  }
  return undefined;
}

type DevicePoolMember = DevicePool["members"][number];

/**
 * One line per drift, then the `problems` found beside the comparison (a device group not In
 * Sync), then one line per information.
 */
export function formatAudit(report: AuditReport, problems: readonly string[] = []): string {
  // Object names and values come from the device: shown escaped, like every value in a message.
  const lines = [
    ...report.drift.map(
      (d) =>
        `${d.stack} ${d.server}: ${showValue(d.object)} ${d.attribute}: device ${showValue(d.device)}, expected ${d.expected}`,
    ),
    ...problems,
    ...report.info.map((i) => `${i.stack} ${i.server}: ${i.message}`),
  ];
  return lines.length > 0 ? lines.join("\n") : "the device matches the inventories";
}
