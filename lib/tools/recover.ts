/**
 * `recover`: after an interrupted deploy or destroy, the device and the stack's state disagree.
 * Objects the interrupted run created are on the device but not in the state (the next deploy
 * fails on `already exists`); objects it deleted may still be in the state (the provider's read
 * of a missing virtual server fails the plan). Recovery brings both back to agreement without
 * touching anything it cannot attribute to the stack:
 * - an object of the stack on the device but not in the state is deleted, and the next deploy
 *   creates it again from the inventory (importing it would not do: the provider's import of an
 *   IPv6 pool attachment does not work). Only objects with a name the inventory generates and the
 *   description the stack writes count as the stack's; adopted (hand-built) objects are never
 *   deleted, the deploy imports them;
 * - a resource in the state whose object is gone from the device is removed from the state.
 * Nodes are left: the next deploy's pool member uses the node of the same address.
 */
import { poolMemberNode } from "../address/bigip-addressing";
import { isManageOutDescription } from "../bigip-names";
import { managedObjectNames } from "./managed-objects";
import type { DevicePool, DeviceVirtualServer } from "../device/device-snapshot";
import { memberInPartition, partitionDefaultOf } from "../device/shown-address";
import type { Inventory } from "../inventory";
import { showValue } from "../io/show-value";

/** A resource of the stack's state (root module, first instance). */
export interface StateResource {
  /** Terraform address, e.g. `bigip_ltm_pool.east_da-east-1_pool_1A2B3C4D`. */
  readonly address: string;
  readonly type: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** One step of a recovery. */
export interface RecoveryAction {
  readonly kind: "delete virtual server" | "delete pool member" | "delete pool" | "forget";
  /** The device object's full path (with `member` for a pool member), or the state address. */
  readonly object: string;
  /** iControl REST path below `/mgmt/tm/` of a delete. */
  readonly restPath?: string;
  /** State address of a `forget`. */
  readonly address?: string;
  readonly why: string;
}

/** What `recover` would do, what stops it, and what it leaves alone. */
export interface RecoveryPlan {
  readonly actions: readonly RecoveryAction[];
  /** Objects that look like the stack's but cannot be attributed to it: nothing is done. */
  readonly refusals: readonly string[];
  /** Objects with the stack's name prefix that neither the inventory nor the state knows. */
  readonly untouched: readonly string[];
}

/** The managed resources of a state document (`terraform state pull`), read as untrusted data. */
export function stateResources(state: unknown): StateResource[] {
  const resources = isObject(state) && Array.isArray(state.resources) ? state.resources : [];
  return resources.filter(isObject).flatMap((resource): StateResource[] => {
    const instances = Array.isArray(resource.instances) ? resource.instances : [];
    const instance = instances.find(isObject);
    if (
      resource.mode !== "managed" ||
      resource.module !== undefined ||
      typeof resource.type !== "string" ||
      typeof resource.name !== "string" ||
      !instance ||
      !isObject(instance.attributes)
    ) {
      return [];
    }
    return [
      {
        address: `${resource.type}.${resource.name}`,
        type: resource.type,
        attributes: instance.attributes,
      },
    ];
  });
}

/** `/Common/name` as iControl REST writes it in a path, `~Common~name`. */
function restName(fullPath: string): string {
  return fullPath.replace(/\//g, "~");
}

/** Plans the recovery of one stack from its state and what its device holds. */
export function planRecovery(
  inventory: Inventory,
  state: readonly StateResource[],
  device: {
    readonly virtualServers: readonly DeviceVirtualServer[];
    readonly pools: readonly DevicePool[];
    /** Each partition's default route domain (none listed: 0 everywhere). */
    readonly partitionRouteDomains?: ReadonlyMap<string, number>;
  },
): RecoveryPlan {
  const { bigip } = inventory;
  // A member's name in its pool's partition's form: `%<id>` of the default shown or not.
  const inPool = (poolPath: string, name: string) =>
    `${poolPath} ${memberInPartition(name, partitionDefaultOf(poolPath, device.partitionRouteDomains ?? new Map()))}`;
  const named = (type: string) =>
    new Set(
      state
        .filter((resource) => resource.type === type)
        .map((resource) => resource.attributes.name)
        .filter((name): name is string => typeof name === "string"),
    );
  const statePools = named("bigip_ltm_pool");
  const stateVirtualServers = named("bigip_ltm_virtual_server");
  const stateMembers = new Set(
    state
      .filter((resource) => resource.type === "bigip_ltm_pool_attachment")
      .map((resource) =>
        inPool(String(resource.attributes.pool), String(resource.attributes.node)),
      ),
  );
  const virtualServers = new Map(device.virtualServers.map((vs) => [vs.fullPath, vs]));
  const pools = new Map(device.pools.map((pool) => [pool.fullPath, pool]));

  const actions: RecoveryAction[] = [];
  const refusals: string[] = [];
  const expected = new Set<string>();
  const notOurs = (object: string, server: string) =>
    refusals.push(
      `${showValue(object)} is on the device and not in the state, but its description is not the one this stack writes for DA server ${server}: built or changed by hand? Remove or rename it by hand, or adopt it (existing: in the inventory)`,
    );

  const deletedVirtualServers = new Set<string>();
  const poolsToDelete: { pool: DevicePool; server: string }[] = [];
  for (const entryPoint of inventory.entryPoints) {
    for (const server of entryPoint.servers) {
      const names = managedObjectNames(bigip, entryPoint, server);
      const poolPath = names.pool;
      const virtualServerPath = names.virtualServer;
      expected.add(poolPath).add(virtualServerPath);
      const where = `${entryPoint.name}/${server.name}`;

      const vs = virtualServers.get(virtualServerPath);
      if (vs && !stateVirtualServers.has(virtualServerPath) && !server.existing?.virtualServer) {
        if (isManageOutDescription(vs.description, server.name)) {
          deletedVirtualServers.add(virtualServerPath);
          actions.push({
            kind: "delete virtual server",
            object: virtualServerPath,
            restPath: `ltm/virtual/${restName(virtualServerPath)}`,
            why: `${where}: on the device, not in the state`,
          });
        } else {
          notOurs(virtualServerPath, where);
        }
      }

      const pool = pools.get(poolPath);
      if (!pool) continue;
      if (!statePools.has(poolPath) && !server.existing?.pool) {
        if (isManageOutDescription(pool.description, server.name)) {
          poolsToDelete.push({ pool, server: where });
        } else {
          notOurs(poolPath, where);
        }
        continue;
      }
      // A pool the state knows (or an adopted one): its member of this server, if the state has
      // no attachment for it. Other members were added by someone else and stay.
      const member = poolMemberNode(server.internalAddress, bigip.routeDomain);
      const onDevice = pool.members.find(
        (m) => inPool(poolPath, m.name) === inPool(poolPath, member),
      );
      if (onDevice && !stateMembers.has(inPool(poolPath, member))) {
        actions.push({
          kind: "delete pool member",
          object: `${poolPath} member ${onDevice.name}`,
          restPath: `ltm/pool/${restName(poolPath)}/members/~${poolPath.split("/")[1]}~${encodeURIComponent(onDevice.name)}`,
          why: `${where}: on the device, not in the state`,
        });
      }
    }
  }
  // A pool is deleted only when no virtual server that stays on the device uses it.
  for (const { pool, server } of poolsToDelete) {
    const users = device.virtualServers.filter(
      (vs) => vs.pool === pool.fullPath && !deletedVirtualServers.has(vs.fullPath),
    );
    if (users.length > 0) {
      refusals.push(
        `${showValue(pool.fullPath)} is on the device and not in the state, but ${users.map((vs) => showValue(vs.fullPath)).join(", ")} uses it`,
      );
      continue;
    }
    actions.push({
      kind: "delete pool",
      object: pool.fullPath,
      restPath: `ltm/pool/${restName(pool.fullPath)}`,
      why: `${server}: on the device, not in the state (its members go with it)`,
    });
  }

  // Resources the state holds whose object the device no longer has.
  for (const resource of state) {
    const name = resource.attributes.name;
    const pool = resource.attributes.pool;
    let gone: string | undefined;
    if (resource.type === "bigip_ltm_virtual_server" && typeof name === "string") {
      if (!virtualServers.has(name)) gone = name;
    } else if (resource.type === "bigip_ltm_pool" && typeof name === "string") {
      if (!pools.has(name)) gone = name;
    } else if (resource.type === "bigip_ltm_pool_attachment" && typeof pool === "string") {
      const node = String(resource.attributes.node);
      if (
        !pools.get(pool)?.members.some((member) => inPool(pool, member.name) === inPool(pool, node))
      ) {
        gone = `${pool} member ${node}`;
      }
    }
    if (gone !== undefined) {
      actions.push({
        kind: "forget",
        object: gone,
        address: resource.address,
        why: "in the state, gone from the device",
      });
    }
  }

  const prefix = `/${bigip.partition}/${bigip.namePrefix}_`;
  const known = new Set([...expected, ...statePools, ...stateVirtualServers]);
  const untouched = [...virtualServers.keys(), ...pools.keys()].filter(
    (path) => path.startsWith(prefix) && !known.has(path),
  );
  return { actions, refusals, untouched };
}

/** The steps in the order they must run: virtual servers, members, pools, then the state. */
export function orderedActions(plan: RecoveryPlan): RecoveryAction[] {
  const rank: Record<RecoveryAction["kind"], number> = {
    "delete virtual server": 0,
    "delete pool member": 1,
    "delete pool": 2,
    forget: 3,
  };
  return [...plan.actions].sort((a, b) => rank[a.kind] - rank[b.kind]);
}

/** The plan as lines for the terminal, in the order the steps run. */
export function formatRecovery(plan: RecoveryPlan): string[] {
  return [
    ...plan.refusals.map((refusal) => `REFUSED  ${refusal}`),
    ...orderedActions(plan).map((action) =>
      action.kind === "forget"
        ? `forget   ${action.address} (${showValue(action.object)}): ${action.why}`
        : `${action.kind} ${showValue(action.object)}: ${action.why}`,
    ),
    ...plan.untouched.map(
      (path) =>
        `left     ${showValue(path)}: has the stack's name prefix, but neither the inventory nor the state knows it`,
    ),
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
