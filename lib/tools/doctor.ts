/**
 * `doctor`: before a deploy, every object an inventory names on the device exists, so that a
 * deploy does not fail half-way with part of the stack applied.
 */
import { spawnSync } from "node:child_process";
import { NO_MONITOR } from "../defaults";
import type { Inventory } from "../inventory";
import type { DeviceIdentity, DeviceInventory } from "../device/device-snapshot";
import {
  addressKey,
  parseShownAddress,
  partitionDefaultOf,
  sameAddressIn,
} from "../device/shown-address";
import { showValue } from "../io/show-value";
import { checkRouteDomainForm } from "./device-forms";
import { describeServer } from "../manage-out-objects";
import {
  EPHEMERAL_VARIABLES_TERRAFORM_VERSION,
  REQUIRED_TERRAFORM_VERSION,
} from "../terraform-requirements";

/** One check and its outcome. */
export interface Check {
  readonly ok: boolean;
  /**
   * Passed, but something may be wrong that the device's answers cannot settle: shown as
   * `WARNING` with `fix`; the exit code stays 0. @default false
   */
  readonly warning?: boolean;
  /** What was checked and found, e.g. `terraform 1.11.4`. */
  readonly what: string;
  /** What to do when it failed (or what to check, with `warning`). */
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
    checks.push(...checkRouteDomainForm(inventory, device));
    const { routeDomain } = bigip;
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
 * The nodes whose name is not their address, by the address each holds (`addressKey`, read in
 * the node's partition): hand-made nodes a member by address would collide with. The node the
 * device made for a member by address is named by its address, and left out. Made once per
 * device; `namedNodesHolding` looks addresses up in it.
 */
export function namedNodesByAddress(
  nodes: ReadonlyMap<string, string>,
  partitionRouteDomains: ReadonlyMap<string, number> = new Map(),
): ReadonlyMap<string, readonly string[]> {
  const byAddress = new Map<string, string[]>();
  for (const [fullPath, shown] of nodes) {
    const node = parseShownAddress(shown);
    if (node === undefined) continue;
    const partitionDefault = partitionDefaultOf(fullPath, partitionRouteDomains);
    const key = addressKey(node, partitionDefault);
    const name = parseShownAddress(fullPath.split("/").pop() ?? "");
    if (name !== undefined && addressKey(name, partitionDefault) === key) continue;
    const holding = byAddress.get(key);
    if (holding) holding.push(fullPath);
    else byAddress.set(key, [fullPath]);
  }
  return byAddress;
}

/**
 * The named nodes (`namedNodesByAddress`) that hold `address` (`2001:db8:10::12%2`, as the
 * description's node has it, for a member of a pool in `partition`), compared in their route
 * domains whether the device shows a partition's default route domain or not.
 */
export function namedNodesHolding(
  namedNodes: ReadonlyMap<string, readonly string[]>,
  address: string,
  partitionRouteDomains: ReadonlyMap<string, number> = new Map(),
  partition = "Common",
): readonly string[] {
  const target = parseShownAddress(address);
  if (target === undefined) return [];
  return namedNodes.get(addressKey(target, partitionRouteDomains.get(partition) ?? 0)) ?? [];
}

/**
 * True when the node at `fullPath`, whose address the device shows as `shown`, holds `address`
 * written for an object in `partition`: the same address in the same route domain.
 */
function nodeHolds(
  fullPath: string,
  shown: string,
  address: string,
  partitionRouteDomains: ReadonlyMap<string, number>,
  partition: string,
): boolean {
  const node = parseShownAddress(shown);
  const target = parseShownAddress(address);
  return (
    node !== undefined &&
    target !== undefined &&
    sameAddressIn(
      node,
      partitionDefaultOf(fullPath, partitionRouteDomains),
      target,
      partitionRouteDomains.get(partition) ?? 0,
    )
  );
}

/**
 * Each DA server's member can be created: the device refuses a member by address when a node of
 * another name already has that address (HTTP 400 `0107003a:3: Pool member node (...) and
 * existing node (...) cannot use the same IP Address`, f5-ansible issue 823), so such a node must
 * be named in `existing.node`; a node named there exists with the server's address.
 */
export function checkNodes(inventories: readonly Inventory[], device: DeviceInventory): Check[] {
  const checks: Check[] = [];
  const namedNodes = namedNodesByAddress(device.nodes, device.partitionRouteDomains);
  for (const inventory of inventories) {
    for (const entryPoint of inventory.entryPoints) {
      for (const server of entryPoint.servers) {
        const where = `${inventory.stackName} ${entryPoint.name}/${server.name}`;
        const { node, pool } = describeServer(inventory.bigip, entryPoint, server);
        const { address } = node;
        // The member is written for its pool, whose partition reads the address.
        const partition = pool.name.split("/")[1];
        if (node.adopted) {
          const named = node.fullPath;
          const shown = device.nodes.get(named);
          checks.push(
            shown === undefined
              ? {
                  ok: false,
                  what: `${where}: node ${named} (existing.node) is missing`,
                  fix: "correct existing.node (tmsh list ltm node), or remove it to have the member created by address",
                }
              : !nodeHolds(named, shown, address, device.partitionRouteDomains, partition)
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
        const others = namedNodesHolding(
          namedNodes,
          address,
          device.partitionRouteDomains,
          partition,
        );
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

/** One line per check: `ok`, `WARNING` or `FAILED`, and what to do. */
export function formatChecks(checks: readonly Check[]): string {
  return checks
    .map((check) =>
      !check.ok
        ? `FAILED   ${check.what}: ${check.fix}`
        : check.warning
          ? `WARNING  ${check.what}: ${check.fix}`
          : `ok       ${check.what}`,
    )
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
