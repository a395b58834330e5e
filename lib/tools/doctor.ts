/**
 * `doctor`: before a deploy, every object an inventory names on the device exists, so that a
 * deploy does not fail half-way with part of the stack applied.
 */
import { spawnSync } from "node:child_process";
import { nodeAddress, routeDomainSuffix, withRouteDomain } from "../address/bigip-addressing";
import { formatAddress, parseIpv6Address } from "../address/ipv6";
import { NO_MONITOR } from "../defaults";
import type { Inventory } from "../inventory";
import type { DeviceIdentity, DeviceInventory } from "../device/device-snapshot";
import { showValue } from "../io/show-value";
import {
  EPHEMERAL_VARIABLES_TERRAFORM_VERSION,
  REQUIRED_TERRAFORM_VERSION,
} from "../terraform-requirements";

/** One check and its outcome. */
export interface Check {
  readonly ok: boolean;
  /** What was checked and found, e.g. `terraform 1.11.4`. */
  readonly what: string;
  /** What to do when it failed. */
  readonly fix?: string;
}

/**
 * The Terraform the inventories' stacks need, and why when it is more than every stack's:
 * ephemeral variables for `bigip.credentials`.
 */
export function requiredTerraform(inventories: readonly Inventory[]): {
  readonly constraint: string;
  readonly because?: string;
} {
  const withCredentials = inventories.filter((inventory) => inventory.bigip.credentials);
  if (withCredentials.length === 0) return { constraint: REQUIRED_TERRAFORM_VERSION };
  return {
    constraint: EPHEMERAL_VARIABLES_TERRAFORM_VERSION,
    because: `${withCredentials.map((inventory) => inventory.stackName).join(", ")}: bigip.credentials are ephemeral variables`,
  };
}

/** Terraform on PATH, and its version at least the one the inventories' stacks require. */
export function checkTerraform(inventories: readonly Inventory[] = []): Check {
  const { constraint, because } = requiredTerraform(inventories);
  const fix = `install Terraform ${constraint}${because === undefined ? "" : ` (${because})`}`;
  const result = spawnSync("terraform", ["version", "-json"], {
    encoding: "utf8",
    timeout: 30_000,
    env: process.env,
  });
  if (result.error || result.status !== 0) {
    return { ok: false, what: "terraform not found on PATH", fix };
  }
  let version: string | undefined;
  try {
    version = (JSON.parse(result.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    version = undefined;
  }
  const [major, minor] = (version ?? "").split(".").map(Number);
  const [minimumMajor, minimumMinor] = constraint
    .replace(/^>=\s*/, "")
    .split(".")
    .map(Number);
  const recent = major > minimumMajor || (major === minimumMajor && minor >= minimumMinor);
  return recent
    ? { ok: true, what: `terraform ${showValue(version ?? "", 40)}` }
    : {
        ok: false,
        what: `terraform ${version === undefined ? "of unknown version" : showValue(version, 40)} is older than ${constraint.replace(/^>=\s*/, "")}`,
        fix,
      };
}

/** Checks every object each inventory names against what the device has. */
export function checkInventories(
  inventories: readonly Inventory[],
  device: DeviceInventory,
): Check[] {
  const checks: Check[] = [];
  const exists = (found: boolean, what: string, fix: string) =>
    checks.push(
      found ? { ok: true, what: `${what} exists` } : { ok: false, what: `${what} is missing`, fix },
    );
  for (const inventory of inventories) {
    const { bigip, stackName } = inventory;
    exists(
      device.partitions.has(bigip.partition),
      `${stackName}: partition /${bigip.partition}`,
      `create it (tmsh create auth partition ${bigip.partition}) or change bigip.partition`,
    );
    for (const vlan of bigip.vlans) {
      exists(
        device.vlans.has(vlan),
        `${stackName}: VLAN ${vlan}`,
        "create it or correct bigip.vlans",
      );
    }
    if (bigip.monitor !== NO_MONITOR) {
      exists(
        device.monitors.has(bigip.monitor),
        `${stackName}: monitor ${bigip.monitor}`,
        "create it or correct bigip.monitor (none for no monitor)",
      );
    }
    if (typeof bigip.fastL4Profile === "string") {
      exists(
        device.fastL4Profiles.has(bigip.fastL4Profile),
        `${stackName}: fastL4 profile ${bigip.fastL4Profile}`,
        "create it, correct bigip.fastL4Profile, or use { loose: true } to have it created",
      );
    }
    checks.push(...partitionRouteDomainChecks(inventory, device));
    const routeDomain = routeDomainSuffix(bigip.routeDomain);
    if (routeDomain !== undefined) {
      exists(
        device.routeDomains.has(routeDomain),
        `${stackName}: route domain ${routeDomain}`,
        "create it (tmsh create net route-domain) or correct bigip.routeDomain",
      );
    }
    if (bigip.configSync) {
      exists(
        device.deviceGroups.has(bigip.configSync.deviceGroup),
        `${stackName}: device group ${bigip.configSync.deviceGroup}`,
        "correct bigip.configSync.deviceGroup (tmsh list cm device-group)",
      );
    }
  }
  return checks;
}

/**
 * The inventory's route domain and its partition's default route domain agree. The device leaves
 * a partition's default route domain out of the addresses it shows (AS3 issue 73, f5-cccl PR 196),
 * so `%<id>` of the partition's default would never be read back: the provider would lose the
 * member and re-create it on every plan. And without `%<id>` (or with route domain 0, written as
 * none) objects land in the partition's default route domain, not in 0.
 */
function partitionRouteDomainChecks(inventory: Inventory, device: DeviceInventory): Check[] {
  const { bigip, stackName } = inventory;
  const implicit = device.partitionRouteDomains.get(bigip.partition) ?? 0;
  if (implicit === 0) return [];
  const where = `${stackName}: partition /${bigip.partition} has default route domain ${implicit}`;
  if (bigip.routeDomain === undefined) {
    return [{ ok: true, what: `${where}: the objects go there, shown without %${implicit}` }];
  }
  if (bigip.routeDomain === implicit) {
    return [
      {
        ok: false,
        what: `${where}, and bigip.routeDomain is ${implicit}: the device shows its addresses without %${implicit}, so the provider would not find the members it creates and no plan would be clean`,
        fix: `remove bigip.routeDomain: in /${bigip.partition} the objects are in route domain ${implicit} without it`,
      },
    ];
  }
  if (bigip.routeDomain === 0) {
    return [
      {
        ok: false,
        what: `${where}, and bigip.routeDomain is 0, which is written as no route domain: the objects would land in route domain ${implicit}`,
        fix: `use a partition whose default route domain is 0, or remove bigip.routeDomain to use ${implicit}`,
      },
    ];
  }
  return [];
}

/**
 * The address text of a node as the device shows it, canonical (`2001:db8:10::11%2`), or
 * `undefined` for a name that is not an IPv6 address (an IPv4 or FQDN node).
 */
function canonicalNodeAddress(shown: string): string | undefined {
  const match = /^([^%]+)(?:%(\d+))?$/.exec(shown);
  const address = match ? parseIpv6Address(match[1]) : undefined;
  if (!match || !address) return undefined;
  return withRouteDomain(
    formatAddress(address),
    match[2] === undefined ? undefined : Number(match[2]),
  );
}

/**
 * The nodes whose name is not their address and that hold `address` (`2001:db8:10::12%2`, as
 * `nodeAddress` writes it): hand-made nodes a member by address would collide with.
 */
export function namedNodesHolding(nodes: ReadonlyMap<string, string>, address: string): string[] {
  return [...nodes]
    .filter(([, shown]) => canonicalNodeAddress(shown) === address)
    .map(([fullPath]) => fullPath)
    .filter((fullPath) => fullPath.split("/").pop() !== address);
}

/**
 * Each DA server's member can be created: the device refuses a member by address when a node of
 * another name already has that address (HTTP 400 `0107003a:3: Pool member node (...) and
 * existing node (...) cannot use the same IP Address`, f5-ansible issue 823), so such a node must
 * be named in `existing.node`; a node named there exists with the server's address.
 */
export function checkNodes(inventories: readonly Inventory[], device: DeviceInventory): Check[] {
  const checks: Check[] = [];
  for (const inventory of inventories) {
    const routeDomain = routeDomainSuffix(inventory.bigip.routeDomain);
    for (const entryPoint of inventory.entryPoints) {
      for (const server of entryPoint.servers) {
        const where = `${inventory.stackName} ${entryPoint.name}/${server.name}`;
        const address = nodeAddress(server.internalAddress, routeDomain);
        const named = server.existing?.node;
        if (named !== undefined) {
          const shown = device.nodes.get(named);
          checks.push(
            shown === undefined
              ? {
                  ok: false,
                  what: `${where}: node ${named} (existing.node) is missing`,
                  fix: "correct existing.node (tmsh list ltm node), or remove it to have the member created by address",
                }
              : canonicalNodeAddress(shown) !== address
                ? {
                    ok: false,
                    what: `${where}: node ${named} (existing.node) has address ${showValue(shown, 60)}, not ${address}`,
                    fix: "name the node that holds the internal address, or correct internalAddress",
                  }
                : {
                    ok: true,
                    what: `${where}: node ${named} holds ${address}; the member uses it`,
                  },
          );
          continue;
        }
        const others = namedNodesHolding(device.nodes, address);
        if (others.length > 0) {
          checks.push({
            ok: false,
            what: `${where}: ${address} is already node ${others.map((path) => showValue(path, 80)).join(", ")} on the device; a pool member by address would be refused (0107003a: cannot use the same IP Address)`,
            fix: `let the member use that node: npx da-manage-out adopt ${showValue(inventory.file, 120)} --server ${entryPoint.name}/${server.name} --node ${showValue(others[0], 80)}`,
          });
        }
      }
    }
  }
  return checks;
}

/** One line per check: `ok` or `MISSING`, and what to do. */
export function formatChecks(checks: readonly Check[]): string {
  return checks
    .map((check) => (check.ok ? `ok       ${check.what}` : `FAILED   ${check.what}: ${check.fix}`))
    .join("\n");
}

/** What `doctor` knows of the device a group of inventories goes to. */
export interface DeviceAnswer {
  /** The address the session went to, e.g. `https://bigip-east.corp.example:443`. */
  readonly url: string;
  readonly identity: DeviceIdentity;
  /** The TMOS version, when it was read. @default - not shown */
  readonly version?: string;
}

/**
 * The device is the one the inventories mean: its host name is one `bigip.deviceHostname`
 * allows, and it is not the standby unit of an HA pair (changes made there are overwritten by
 * the next sync from the active unit), unless `allowStandby`.
 */
export function checkDevice(
  inventories: readonly Inventory[],
  answer: DeviceAnswer,
  options: { readonly allowStandby?: boolean } = {},
): Check[] {
  const { hostname, failoverState } = answer.identity;
  const stacks = inventories.map((inventory) => inventory.stackName).join(", ");
  const shown = (value: string | undefined) =>
    value === undefined ? "unknown" : showValue(value, 80);
  const checks: Check[] = [
    {
      ok: true,
      what: `${stacks} → ${answer.url}: device ${shown(hostname)}, ${shown(failoverState)}${answer.version === undefined ? "" : `, TMOS ${shown(answer.version)}`}`,
    },
  ];
  for (const inventory of inventories) {
    const allowed = inventory.bigip.deviceHostname;
    if (allowed === undefined) continue;
    const matches =
      hostname !== undefined &&
      allowed.some((name) => name.toLowerCase() === hostname.toLowerCase());
    checks.push(
      matches
        ? {
            ok: true,
            what: `${inventory.stackName}: the device is ${shown(hostname)}, as bigip.deviceHostname says`,
          }
        : {
            ok: false,
            what: `${inventory.stackName}: the device at ${answer.url} is ${shown(hostname)}, not ${allowed.join(" or ")}`,
            fix: "bigip.host points at another box: correct bigip.host (or bigip.deviceHostname if the device was renamed)",
          },
    );
  }
  if (failoverState === "standby") {
    checks.push(
      options.allowStandby
        ? { ok: true, what: `${stacks}: the device is the standby unit (--allow-standby)` }
        : {
            ok: false,
            what: `${stacks}: the device at ${answer.url} is the standby unit of its HA pair`,
            fix: "changes belong on the active unit (config sync copies them to the standby): point bigip.host at the active unit, or pass --allow-standby",
          },
    );
  }
  return checks;
}
