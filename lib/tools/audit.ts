/**
 * `audit`: the device's Manage Out objects compared with the inventories. Drift is anything that
 * makes a DA server's virtual server or pool differ from what the stack deploys; the members'
 * health is information, not drift. Also: foreign virtual servers whose destination overlaps a
 * client prefix, which would steal or shadow Manage Out traffic.
 */
import { MANAGE_OUT_FORWARDING } from "../manage-out-forwarding";
import * as ipaddr from "ipaddr.js";
import { anySource, routeDomainSuffix, withRouteDomain } from "../address/bigip-addressing";
import {
  formatAddress,
  formatPrefix,
  networkAddress,
  parseIpv6Prefix,
  prefixContains,
  type Ipv6Prefix,
} from "../address/ipv6";
import {
  formInPartition,
  memberInPartition,
  parseShownDestination,
  parseShownNetwork,
  partitionDefaultOf,
  routeDomainIn,
} from "../device/shown-address";
import { managedMemberName, managedObjectNames } from "./managed-objects";
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
): { address: ipaddr.IPv6; routeDomain: number } | undefined {
  const destination = parseShownDestination(vs.destination ?? "");
  if (!destination) return undefined;
  const partitionDefault = partitionDefaultOf(vs.fullPath, partitionRouteDomains);
  return {
    address: destination.address,
    routeDomain: routeDomainIn(destination, partitionDefault),
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
  const defaultOf = (fullPath: string) => partitionDefaultOf(fullPath, partitionRouteDomains);
  const drift: Drift[] = [];
  const info: AuditInfo[] = [];
  const virtualServers = new Map(device.virtualServers.map((vs) => [vs.fullPath, vs]));
  const pools = new Map(device.pools.map((pool) => [pool.fullPath, pool]));
  const managed = new Set<string>();
  const prefixes: { stack: string; server: string; prefix: Ipv6Prefix; routeDomain: number }[] = [];

  for (const inventory of inventories) {
    const { bigip } = inventory;
    const routeDomain = routeDomainSuffix(bigip.routeDomain);
    for (const entryPoint of inventory.entryPoints) {
      for (const server of entryPoint.servers) {
        const names = managedObjectNames(bigip, entryPoint, server);
        const vsName = names.virtualServer;
        const expectedPool = names.pool;
        const where = `${entryPoint.name}/${server.name}`;
        managed.add(vsName);
        const prefix = parseIpv6Prefix(server.clientPrefix)!;
        // Without a route domain of its own the virtual server is in its partition's default.
        const vsDefault = defaultOf(vsName);
        const vsRouteDomain = routeDomain ?? vsDefault;
        prefixes.push({
          stack: inventory.stackName,
          server: where,
          prefix,
          routeDomain: vsRouteDomain,
        });
        const differ = (object: string, attribute: string, found: string, expected: string) => {
          if (found !== expected) {
            drift.push({
              stack: inventory.stackName,
              server: where,
              object,
              attribute,
              device: found,
              expected,
            });
          }
        };

        const vs = virtualServers.get(vsName);
        const vsObject = `virtual server ${vsName}`;
        if (!vs) {
          differ(vsObject, "presence", "missing", "present");
        } else {
          const destination = destinationIn(vs, partitionRouteDomains);
          differ(
            vsObject,
            "destination",
            destination ? formatAddress(destination.address) : String(vs.destination),
            formatAddress(networkAddress(prefix)),
          );
          differ(
            vsObject,
            "route domain",
            String(destination?.routeDomain ?? vsDefault),
            String(vsRouteDomain),
          );
          const length = maskLength(vs.mask);
          differ(
            vsObject,
            "mask",
            length === undefined ? String(vs.mask) : `/${length}`,
            `/${prefix.length}`,
          );
          differ(
            vsObject,
            "source",
            sourceIn(vs.source, vsDefault) ?? String(vs.source),
            sourceIn(anySource(routeDomain), vsDefault)!,
          );
          const forwarding = MANAGE_OUT_FORWARDING;
          differ(
            vsObject,
            "translate-address",
            String(vs.translateAddress),
            forwarding.translateAddress,
          );
          differ(vsObject, "translate-port", String(vs.translatePort), forwarding.translatePort);
          differ(
            vsObject,
            "source-address-translation",
            String(vs.sourceAddressTranslation?.type ?? "none"),
            forwarding.sourceAddressTranslation,
          );
          differ(vsObject, "ip-protocol", String(vs.ipProtocol), forwarding.ipProtocol);
          const enabled = (on: boolean | undefined) =>
            on ? "enabled on the VLANs" : "not enabled on the VLANs";
          differ(
            vsObject,
            "vlans-enabled",
            enabled(vs.vlansEnabled),
            enabled(forwarding.vlansEnabled),
          );
          differ(
            vsObject,
            "vlans",
            [...(vs.vlans ?? [])].sort().join(" ") || "(none)",
            [...bigip.vlans].sort().join(" "),
          );
          differ(vsObject, "pool", vs.pool ?? "(none)", expectedPool);
        }

        const pool = pools.get(expectedPool);
        const poolObject = `pool ${expectedPool}`;
        const member = managedMemberName(bigip, server);
        if (!pool) {
          differ(poolObject, "presence", "missing", "present");
          continue;
        }
        // Member names compared in the pool's partition's form: `%<id>` of its default route
        // domain shown or not, the same member (shown-address.ts).
        const poolDefault = defaultOf(expectedPool);
        const inPool = (name: string) => memberInPartition(name, poolDefault);
        const found = pool.members.find((m) => inPool(m.name) === inPool(member));
        if (pool.members.length !== 1 || !found) {
          differ(
            poolObject,
            "members",
            pool.members
              .map((m) => m.name)
              .sort()
              .join(" ") || "(none)",
            member,
          );
        }
        const health = found ? memberHealth(found) : undefined;
        if (health) {
          info.push({
            stack: inventory.stackName,
            server: where,
            message: `Manage Out to ${server.name}'s clients ${health.verdict}: member ${member} ${health.why}`,
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
