/**
 * `recover`: after an interrupted deploy or destroy, the device and the stack's state disagree.
 * Objects the interrupted run created are on the device but not in the state (the next deploy
 * fails on `already exists`); objects it deleted may still be in the state (the provider's read
 * of a missing virtual server or fastL4 profile fails the plan). Recovery brings both back to
 * agreement without touching anything it cannot attribute to the stack.
 *
 * What a run can leave follows from the REST writes the provider sends, in this order
 * (F5Networks/bigip 1.28.0, `bigip/<file>`, through f5devcentral/go-bigip `ltm.go` and `sys.go`):
 *
 * - `bigip_ltm_profile_fastl4` (resource_bigip_ltm_profile_fastl4.go): create
 *   resourceBigipProfileLtmFastl4Create → CreateFastl4: one POST `ltm/profile/fastl4` with every
 *   setting (defaultsFrom, looseInitialization, looseClose); update → ModifyFastl4: PATCH; delete
 *   → DeleteFastl4: DELETE.
 * - `bigip_ltm_pool` (resource_bigip_ltm_pool.go): create resourceBigipLtmPoolCreate →
 *   CreatePool: POST `ltm/pool` with the name only (and `reselectTries` and `slowRampTime` 0,
 *   which its JSON always carries), then resourceBigipLtmPoolUpdate → ModifyPool: PUT with
 *   description, monitor and the other settings (a failed PUT → DeletePool: DELETE); update: the
 *   same PUT; delete resourceBigipLtmPoolDelete → DeletePool: DELETE.
 * - `bigip_ltm_pool_attachment` (resource_bigip_ltm_pool_attachment.go): create
 *   resourceBigipLtmPoolAttachmentCreate → AddPoolMember (a member by address) or
 *   AddPoolMemberNode (by node name): POST `ltm/pool/<pool>/members` with the name (the device
 *   creates the node of an address), then resourceBigipLtmPoolAttachmentUpdate → ModifyPoolMember2
 *   or ModifyPoolMember: PATCH of the member's settings, session and state; update: the same
 *   PATCH; delete → DeletePoolMember: DELETE.
 * - `bigip_ltm_virtual_server` (resource_bigip_ltm_virtual_server.go): create
 *   resourceBigipLtmVirtualServerCreate → CreateVirtualServer: one POST `ltm/virtual` with every
 *   setting, description, pool and profiles included; update → ModifyVirtualServer: PATCH; delete
 *   → DeleteVirtualServer: DELETE.
 * - `bigip_command` (resource_bigip_command.go): create (`when = "apply"`) and update
 *   resourceBigipCommandCreate/Update → RunCommand: one POST `util/bash` per command line; delete
 *   (`when = "destroy"`) resourceBigipCommandDelete: the same POSTs.
 *
 * Terraform records a created resource in the state only after its create function returned, so
 * after its last write, and forgets a deleted one after its delete returned. A run killed after
 * any write therefore leaves, per object:
 * - a fastL4 profile or virtual server: whole (one POST), not in the state;
 * - a pool: bare (name only: no description, no monitor, no member, slowRampTime 0) after its
 *   POST, or whole (the description this stack writes) after its PUT, not in the state. Members
 *   come only after the pool's create returned, so never in a bare pool;
 * - a pool member: named as the stack names it, after its POST as after its PATCH, not in the
 *   state;
 * - after a DELETE: the object gone, its resource still in the state;
 * - a tmsh command: run or not; the commands (mask, settings, config sync, node cleanup) are
 *   run again by the next deploy or destroy and may run twice, so nothing is left to mend.
 *
 * What recover does with each:
 * - an object the stack made (attributed from those shapes only) on the device but not in the
 *   state is deleted, and the next deploy creates it again from the inventory, going through the
 *   provider's whole sequence. Importing would not do: the provider's import of an IPv6 pool
 *   attachment does not work, and a bare pool would need the PUT all the same. Nothing else uses
 *   them: a pool or profile still in use by a virtual server that stays is refused;
 * - an object of the stack's name that none of those windows leaves (another description, a
 *   monitor or members without a description, other settings) was built or changed by hand:
 *   recover refuses, saying why, and changes nothing;
 * - a resource in the state whose object is gone from the device is removed from the state.
 * Adopted (`existing:`) pools and virtual servers are never deleted (the deploy imports them);
 * nodes are left (the next member uses the node of the same address).
 */
import { looseFastL4ProfileName } from "../bigip-names";
import { FASTL4_PROFILE, LOOSE_FASTL4_SETTINGS } from "../defaults";
import { describeServer, type ManageOutPool } from "../manage-out-objects";
import type {
  DeviceFastL4Profile,
  DevicePool,
  DeviceVirtualServer,
} from "../device/device-snapshot";
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
  readonly kind:
    | "delete virtual server"
    | "delete pool member"
    | "delete pool"
    | "delete fastL4 profile"
    | "forget";
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

/** What recover reads from the device. */
export interface RecoveryDevice {
  readonly virtualServers: readonly DeviceVirtualServer[];
  readonly pools: readonly DevicePool[];
  /**
   * The fastL4 profiles.
   * @default - not read: no profile is deleted or forgotten
   */
  readonly fastL4Profiles?: readonly DeviceFastL4Profile[];
  /**
   * Each partition's default route domain, to match a member whether the device shows `%<id>` of
   * it or not (shown-address.ts).
   * @default - none listed: 0 everywhere
   */
  readonly partitionRouteDomains?: ReadonlyMap<string, number>;
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

/** The device's name of a member from the attachment's `node`: `/Common/DA2:0` → `DA2:0`. */
function memberName(node: string): string {
  return node.replace(/^\/[^/]+\//, "");
}

/** What a refusal tells the operator: the object is someone's, and how to get past it. */
function byHand(orElse = "adopt it (existing: in the inventory)"): string {
  return `built or changed by hand? Remove or rename it by hand, or ${orElse}`;
}

/**
 * Whose a pool on the device but not in the state is: the window of the provider's create that
 * leaves it (`ours`), or why no run of this stack leaves it.
 */
function poolAttribution(
  pool: DevicePool,
  expected: ManageOutPool,
  server: { readonly where: string; readonly member: string },
): { ours: string } | { notOurs: string } {
  const { member } = server;
  const members = pool.members.map((m) => m.name);
  const others = members.filter((name) => name !== member);
  const shown = (names: string[]) => names.map((name) => showValue(name)).join(", ");
  if (pool.description === expected.description) {
    if (others.length > 0) {
      return {
        notOurs: `it has the description this stack writes, but also members this stack never adds (${shown(others)}): added by hand? Remove them by hand first`,
      };
    }
    return {
      ours: `with the description this stack writes: created by the interrupted run (POST, then the PUT of its description)${members.length > 0 ? "; its member goes with it" : ""}`,
    };
  }
  const description = pool.description ?? "";
  if (description !== "") {
    return {
      notOurs: `its description is not the one this stack writes for DA server ${server.where} (found ${showValue(description)}): ${byHand()}`,
    };
  }
  const monitor = (pool.monitor ?? "").trim();
  if (members.length > 0 || monitor !== "" || pool.slowRampTime !== 0) {
    const found = [
      ...(members.length > 0 ? [`members ${shown(members)}`] : []),
      ...(monitor !== "" ? [`monitor ${showValue(monitor)}`] : []),
      ...(pool.slowRampTime !== 0
        ? [`slowRampTime ${pool.slowRampTime ?? "not shown"} (the provider's POST writes 0)`]
        : []),
    ];
    return {
      notOurs: `it has no description, and is not the bare pool the provider's POST leaves before its PUT writes the description (found ${found.join(", ")}): ${byHand()}`,
    };
  }
  return {
    ours: "bare (no description, monitor or member, slowRampTime 0): created by the interrupted run's POST, which was stopped before the PUT of its description",
  };
}

/** Whether a fastL4 profile has what the provider's one POST of the loose profile writes. */
function looseProfileSettingsProblem(profile: DeviceFastL4Profile): string | undefined {
  const expected = {
    defaultsFrom: FASTL4_PROFILE,
    looseInitialization: LOOSE_FASTL4_SETTINGS.looseInitiation,
    looseClose: LOOSE_FASTL4_SETTINGS.looseClose,
  };
  const differ = (Object.keys(expected) as (keyof typeof expected)[]).filter(
    (key) => profile[key] !== expected[key],
  );
  return differ.length === 0
    ? undefined
    : differ.map((key) => `${key} ${showValue(profile[key] ?? "not shown")}`).join(", ");
}

/** Plans the recovery of one stack from its state and what its device holds. */
export function planRecovery(
  inventory: Inventory,
  state: readonly StateResource[],
  device: RecoveryDevice,
): RecoveryPlan {
  const { bigip } = inventory;
  // A member's name in its pool's partition's form: `%<id>` of its default shown or not.
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
  const stateProfiles = named("bigip_ltm_profile_fastl4");
  const stateMembers = new Set(
    state
      .filter((resource) => resource.type === "bigip_ltm_pool_attachment")
      .map((resource) =>
        inPool(String(resource.attributes.pool), memberName(String(resource.attributes.node))),
      ),
  );
  const virtualServers = new Map(device.virtualServers.map((vs) => [vs.fullPath, vs]));
  const pools = new Map(device.pools.map((pool) => [pool.fullPath, pool]));
  const profiles = device.fastL4Profiles
    ? new Map(device.fastL4Profiles.map((p) => [p.fullPath, p]))
    : undefined;

  const actions: RecoveryAction[] = [];
  const refusals: string[] = [];
  const expected = new Set<string>();
  const notInState = (object: string, why: string) =>
    refusals.push(`${showValue(object)} is on the device and not in the state, but ${why}`);

  const deletedVirtualServers = new Set<string>();
  /** Pools and profiles to delete once no virtual server that stays uses them. */
  const inUseChecked: { action: RecoveryAction; uses: (vs: DeviceVirtualServer) => boolean }[] = [];
  for (const entryPoint of inventory.entryPoints) {
    for (const server of entryPoint.servers) {
      const objects = describeServer(bigip, entryPoint, server);
      const poolPath = objects.pool.name;
      const virtualServerPath = objects.virtualServer.name;
      expected.add(poolPath).add(virtualServerPath);
      const where = `${entryPoint.name}/${server.name}`;
      const member = objects.member.name;

      const vs = virtualServers.get(virtualServerPath);
      if (vs && !stateVirtualServers.has(virtualServerPath) && !objects.virtualServer.adopted) {
        if (vs.description === objects.virtualServer.description) {
          deletedVirtualServers.add(virtualServerPath);
          actions.push({
            kind: "delete virtual server",
            object: virtualServerPath,
            restPath: `ltm/virtual/${restName(virtualServerPath)}`,
            why: `${where}: on the device, not in the state, with the description this stack writes: created by the interrupted run (one POST with every setting)`,
          });
        } else {
          notInState(
            virtualServerPath,
            `its description is not the one this stack writes for DA server ${where}${vs.description ? ` (found ${showValue(vs.description)})` : ""}, and the provider writes it in the POST that creates the virtual server: ${byHand()}`,
          );
        }
      }

      const pool = pools.get(poolPath);
      if (!pool) continue;
      // The server's member as the device names it, in either route-domain form.
      const onDevice = pool.members.find(
        (m) => inPool(poolPath, m.name) === inPool(poolPath, member),
      );
      if (!statePools.has(poolPath) && !objects.pool.adopted) {
        const attribution = poolAttribution(pool, objects.pool, {
          where,
          member: onDevice?.name ?? member,
        });
        if ("notOurs" in attribution) {
          notInState(poolPath, attribution.notOurs);
        } else {
          inUseChecked.push({
            action: {
              kind: "delete pool",
              object: poolPath,
              restPath: `ltm/pool/${restName(poolPath)}`,
              why: `${where}: on the device, not in the state, ${attribution.ours}`,
            },
            uses: (user) => user.pool === poolPath,
          });
        }
        continue;
      }
      // A pool the state knows (or an adopted one): its member of this server, if the state has
      // no attachment for it. Other members were added by someone else and stay.
      if (onDevice && !stateMembers.has(inPool(poolPath, member))) {
        const partition = objects.node.fullPath.split("/")[1];
        actions.push({
          kind: "delete pool member",
          object: `${poolPath} member ${onDevice.name}`,
          restPath: `ltm/pool/${restName(poolPath)}/members/~${partition}~${encodeURIComponent(onDevice.name)}`,
          why: `${where}: on the device, not in the state: added by the interrupted run (POST, then the PATCH of its settings; the state records it after both)${objects.pool.adopted ? ", or the hand-built member that adopt says to remove before the first deploy" : ""}`,
        });
      }
    }
  }

  // The loose fastL4 profile the inventory asks for.
  if (typeof bigip.fastL4Profile === "object") {
    const profilePath = looseFastL4ProfileName(bigip);
    expected.add(profilePath);
    const profile = profiles?.get(profilePath);
    if (profile && !stateProfiles.has(profilePath)) {
      const problem = looseProfileSettingsProblem(profile);
      if (problem) {
        notInState(
          profilePath,
          `its settings are not the ones the provider's one POST of this stack's loose profile writes (found ${problem}): ${byHand("give it as bigip.fastL4Profile")}`,
        );
      } else {
        inUseChecked.push({
          action: {
            kind: "delete fastL4 profile",
            object: profilePath,
            restPath: `ltm/profile/fastl4/${restName(profilePath)}`,
            why: `bigip.fastL4Profile: on the device, not in the state, with the settings this stack writes: created by the interrupted run (one POST with every setting)`,
          },
          uses: (user) => user.profiles.includes(profilePath),
        });
      }
    }
  }

  // A pool or profile is deleted only when no virtual server that stays on the device uses it.
  for (const { action, uses } of inUseChecked) {
    const users = device.virtualServers.filter(
      (vs) => uses(vs) && !deletedVirtualServers.has(vs.fullPath),
    );
    if (users.length > 0) {
      notInState(
        action.object,
        `${users.map((vs) => showValue(vs.fullPath)).join(", ")} uses it, which no interrupted run of this stack leaves: change that virtual server by hand first`,
      );
    } else {
      actions.push(action);
    }
  }

  actions.push(...forgotten(state, { virtualServers, pools, profiles, inPool }));

  const prefix = `/${bigip.partition}/${bigip.namePrefix}_`;
  const known = new Set([...expected, ...statePools, ...stateVirtualServers, ...stateProfiles]);
  const untouched = [...virtualServers.keys(), ...pools.keys(), ...(profiles?.keys() ?? [])].filter(
    (path) => path.startsWith(prefix) && !known.has(path),
  );
  return { actions, refusals, untouched };
}

/** Resources the state holds whose object the device no longer has: deleted before recorded. */
function forgotten(
  state: readonly StateResource[],
  device: {
    readonly virtualServers: ReadonlyMap<string, DeviceVirtualServer>;
    readonly pools: ReadonlyMap<string, DevicePool>;
    /** Not read: no profile is forgotten. */
    readonly profiles?: ReadonlyMap<string, DeviceFastL4Profile>;
    /** A member's name in its pool's partition's form. */
    readonly inPool: (poolPath: string, name: string) => string;
  },
): RecoveryAction[] {
  return state.flatMap((resource): RecoveryAction[] => {
    const name = resource.attributes.name;
    const pool = resource.attributes.pool;
    let gone: string | undefined;
    if (resource.type === "bigip_ltm_virtual_server" && typeof name === "string") {
      if (!device.virtualServers.has(name)) gone = name;
    } else if (resource.type === "bigip_ltm_pool" && typeof name === "string") {
      if (!device.pools.has(name)) gone = name;
    } else if (resource.type === "bigip_ltm_profile_fastl4" && typeof name === "string") {
      if (device.profiles && !device.profiles.has(name)) gone = name;
    } else if (resource.type === "bigip_ltm_pool_attachment" && typeof pool === "string") {
      const node = String(resource.attributes.node);
      const member = memberName(node);
      const inPool = (name: string) => device.inPool(pool, name);
      if (!device.pools.get(pool)?.members.some((m) => inPool(m.name) === inPool(member))) {
        gone = `${pool} member ${member}`;
      }
    }
    return gone === undefined
      ? []
      : [
          {
            kind: "forget",
            object: gone,
            address: resource.address,
            why: "in the state, gone from the device: a DELETE went through before Terraform recorded it (or it was deleted by hand)",
          },
        ];
  });
}

/** The steps in the order they must run: virtual servers, members, pools, profiles, the state. */
export function orderedActions(plan: RecoveryPlan): RecoveryAction[] {
  const rank: Record<RecoveryAction["kind"], number> = {
    "delete virtual server": 0,
    "delete pool member": 1,
    "delete pool": 2,
    "delete fastL4 profile": 3,
    forget: 4,
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
