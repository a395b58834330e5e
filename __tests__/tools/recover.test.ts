/**
 * recover's plan: what an interrupted run left is attributed to the stack by the shape each of the
 * provider's writes leaves (lib/tools/recover.ts lists them), or recovery refuses, saying why;
 * nothing else on the device is touched. One test per window of the create, update and delete
 * sequences.
 */
import { manageOutDescription } from "../../lib/bigip-names";
import type {
  DeviceFastL4Profile,
  DevicePool,
  DeviceVirtualServer,
} from "../../lib/device/device-snapshot";
import {
  formatRecovery,
  orderedActions,
  planRecovery,
  stateResources,
  type RecoveryDevice,
  type StateResource,
} from "../../lib/tools/recover";
import { validInventory } from "../stack-helpers";

/** The lab inventory: DA server da-<n> at 2001:db8:10::1<n> for each n, `existing:` as given. */
function lab(servers: Record<number, string>, bigip = ""): ReturnType<typeof validInventory> {
  const lines = Object.entries(servers).map(
    ([n, existing]) =>
      `      - { name: da-${n}, internalAddress: "2001:db8:10::1${n}", clientPrefix: "2001:db8:8000:100${Number(n) - 1}::/64"${existing ? `, existing: ${existing}` : ""} }`,
  );
  return validInventory(
    `name: lab\nbigip:\n  vlans: [/Common/internal]\n${bigip}entryPoints:\n  - name: lab\n    clientPrefix: 2001:db8:8000:1000::/59\n    servers:\n${lines.join("\n")}\n`,
  );
}
const inventory = lab({ 1: "", 2: "", 3: "{ pool: /Common/DA3_pool }" });
const loose = lab({ 1: "" }, "  fastL4Profile: { loose: true }\n");

const ours = (n: number) => manageOutDescription(`2001:db8:8000:100${n - 1}::/64`, `da-${n}`);
const member = (n: number) => `2001:db8:10::1${n}.0`;
/** A pool as the provider's PUT leaves it: the stack's description and monitor, slowRampTime 0. */
const pool = (n: number, members: string[] = [], fields: Partial<DevicePool> = {}): DevicePool => ({
  fullPath: `/Common/da_mo_lab_da-${n}_pool`,
  description: ours(n),
  monitor: "/Common/gateway_icmp ",
  slowRampTime: 0,
  members: members.map((name) => ({ name })),
  ...fields,
});
/** A pool as the provider's POST leaves it: its name, and slowRampTime 0 from go-bigip's JSON. */
const barePool = (n: number, fields: Partial<DevicePool> = {}): DevicePool => ({
  fullPath: `/Common/da_mo_lab_da-${n}_pool`,
  slowRampTime: 0,
  members: [],
  ...fields,
});
const vs = (n: number, description = ours(n), profiles: string[] = []): DeviceVirtualServer => ({
  fullPath: `/Common/da_mo_lab_da-${n}_vs`,
  description,
  pool: `/Common/da_mo_lab_da-${n}_pool`,
  profiles,
});
const LOOSE = "/Common/da_mo_fastl4_loose";
const looseProfile = (fields: Partial<DeviceFastL4Profile> = {}): DeviceFastL4Profile => ({
  fullPath: LOOSE,
  defaultsFrom: "/Common/fastL4",
  looseInitialization: "enabled",
  looseClose: "enabled",
  ...fields,
});
const inState = (type: string, attributes: Record<string, unknown>): StateResource => ({
  address: `${type}.r${String(attributes.name ?? attributes.node ?? attributes.id)}`,
  type,
  attributes,
});
const statePool = (n: number) =>
  inState("bigip_ltm_pool", { name: `/Common/da_mo_lab_da-${n}_pool` });
const stateVs = (n: number) =>
  inState("bigip_ltm_virtual_server", { name: `/Common/da_mo_lab_da-${n}_vs` });
const stateMember = (n: number, pool = `/Common/da_mo_lab_da-${n}_pool`, node = member(n)) =>
  inState("bigip_ltm_pool_attachment", { pool, node });
const stateProfile = () => inState("bigip_ltm_profile_fastl4", { name: LOOSE });
/** Server 1 deployed and recorded. */
const deployed = [statePool(1), stateMember(1), stateVs(1)];
const onDevice = (device: Partial<RecoveryDevice>): RecoveryDevice => ({
  pools: [pool(1, [member(1)])],
  virtualServers: [vs(1)],
  ...device,
});
const lines = (plan: ReturnType<typeof planRecovery>) => formatRecovery(plan);
const BY_HAND =
  "built or changed by hand? Remove or rename it by hand, or adopt it (existing: in the inventory)";

test("device and state agree: nothing to do", () => {
  const plan = planRecovery(inventory, deployed, onDevice({}));
  expect(plan).toEqual({ actions: [], refusals: [], untouched: [] });
});

describe("create windows: on the device, not in the state", () => {
  test("a pool after its POST (name only, slowRampTime 0): the stack's, deleted", () => {
    const plan = planRecovery(
      inventory,
      deployed,
      onDevice({ pools: [pool(1, [member(1)]), barePool(2)] }),
    );
    expect(lines(plan)).toEqual([
      "delete pool /Common/da_mo_lab_da-2_pool: lab/da-2: on the device, not in the state, bare (no description, monitor or member, slowRampTime 0): created by the interrupted run's POST, which was stopped before the PUT of its description",
    ]);
    expect(plan.actions[0].restPath).toBe("ltm/pool/~Common~da_mo_lab_da-2_pool");
  });

  test("a pool after its PUT (the stack's description): deleted, with its member", () => {
    const plan = planRecovery(
      inventory,
      deployed,
      onDevice({ pools: [pool(1, [member(1)]), pool(2, [member(2)])] }),
    );
    expect(lines(plan)).toEqual([
      "delete pool /Common/da_mo_lab_da-2_pool: lab/da-2: on the device, not in the state, with the description this stack writes: created by the interrupted run (POST, then the PUT of its description); its member goes with it",
    ]);
  });

  test("a pool without description that no window leaves: refused, naming what it has", () => {
    const refusals = (found: DevicePool) =>
      planRecovery(inventory, deployed, onDevice({ pools: [pool(1, [member(1)]), found] }))
        .refusals;
    const start =
      "/Common/da_mo_lab_da-2_pool is on the device and not in the state, but it has no description, and is not the bare pool the provider's POST leaves before its PUT writes the description (found";
    expect(refusals(barePool(2, { members: [{ name: member(2) }] }))).toEqual([
      `${start} members 2001:db8:10::12.0): ${BY_HAND}`,
    ]);
    expect(refusals(barePool(2, { monitor: "/Common/http " }))).toEqual([
      `${start} monitor /Common/http): ${BY_HAND}`,
    ]);
    // tmsh `create ltm pool` and the GUI leave the device's default, 10; go-bigip writes 0.
    expect(refusals(barePool(2, { slowRampTime: 10 }))).toEqual([
      `${start} slowRampTime 10 (the provider's POST writes 0)): ${BY_HAND}`,
    ]);
    expect(refusals(barePool(2, { slowRampTime: undefined, description: "" }))).toEqual([
      `${start} slowRampTime not shown (the provider's POST writes 0)): ${BY_HAND}`,
    ]);
  });

  test("a pool with another description, or with members the stack never adds: refused", () => {
    const plan = planRecovery(inventory, [], {
      pools: [
        pool(1, [], { description: "built by hand" }),
        pool(2, [member(2), "2001:db8:99::1.0"]),
      ],
      virtualServers: [],
    });
    expect(lines(plan)).toEqual([
      `REFUSED  /Common/da_mo_lab_da-1_pool is on the device and not in the state, but its description is not the one this stack writes for DA server lab/da-1 (found built by hand): ${BY_HAND}`,
      "REFUSED  /Common/da_mo_lab_da-2_pool is on the device and not in the state, but it has the description this stack writes, but also members this stack never adds (2001:db8:99::1.0): added by hand? Remove them by hand first",
    ]);
    expect(plan.actions).toEqual([]);
  });

  test("a member after its POST or its PATCH, in a pool the state knows: deleted", () => {
    const plan = planRecovery(inventory, [statePool(1), stateVs(1)], onDevice({}));
    expect(lines(plan)).toEqual([
      "delete pool member /Common/da_mo_lab_da-1_pool member 2001:db8:10::11.0: lab/da-1: on the device, not in the state: added by the interrupted run (POST, then the PATCH of its settings; the state records it after both)",
    ]);
    expect(plan.actions[0].restPath).toBe(
      "ltm/pool/~Common~da_mo_lab_da-1_pool/members/~Common~2001%3Adb8%3A10%3A%3A11.0",
    );
  });

  test("a virtual server after its one POST: deleted, before the pool it uses", () => {
    const plan = planRecovery(inventory, [], {
      pools: [pool(1, [member(1)])],
      virtualServers: [vs(1)],
    });
    expect(lines(plan)).toEqual([
      "delete virtual server /Common/da_mo_lab_da-1_vs: lab/da-1: on the device, not in the state, with the description this stack writes: created by the interrupted run (one POST with every setting)",
      "delete pool /Common/da_mo_lab_da-1_pool: lab/da-1: on the device, not in the state, with the description this stack writes: created by the interrupted run (POST, then the PUT of its description); its member goes with it",
    ]);
  });

  test("a virtual server without the stack's description: no window leaves it, refused", () => {
    const plan = planRecovery(
      inventory,
      [statePool(1), stateMember(1)],
      onDevice({ virtualServers: [vs(1, ours(2))] }),
    );
    expect(lines(plan)).toEqual([
      `REFUSED  /Common/da_mo_lab_da-1_vs is on the device and not in the state, but its description is not the one this stack writes for DA server lab/da-1 (found ${ours(2)}), and the provider writes it in the POST that creates the virtual server: ${BY_HAND}`,
    ]);
  });

  test("a pool that a virtual server outside the recovery uses: refused", () => {
    const plan = planRecovery(inventory, [stateVs(1)], onDevice({}));
    expect(plan.refusals).toEqual([
      "/Common/da_mo_lab_da-1_pool is on the device and not in the state, but /Common/da_mo_lab_da-1_vs uses it, which no interrupted run of this stack leaves: change that virtual server by hand first",
    ]);
  });

  test("the loose fastL4 profile after its one POST: deleted last; other settings or in use: refused", () => {
    const plan = planRecovery(loose, [], {
      pools: [barePool(1)],
      virtualServers: [],
      fastL4Profiles: [looseProfile()],
    });
    expect(orderedActions(plan).map((action) => [action.kind, action.restPath])).toEqual([
      ["delete pool", "ltm/pool/~Common~da_mo_lab_da-1_pool"],
      ["delete fastL4 profile", "ltm/profile/fastl4/~Common~da_mo_fastl4_loose"],
    ]);
    expect(lines(plan)[1]).toBe(
      "delete fastL4 profile /Common/da_mo_fastl4_loose: bigip.fastL4Profile: on the device, not in the state, with the settings this stack writes: created by the interrupted run (one POST with every setting)",
    );
    const changed = planRecovery(loose, deployed, {
      ...onDevice({}),
      fastL4Profiles: [looseProfile({ looseClose: "disabled", defaultsFrom: "/Common/fastL4-x" })],
    });
    expect(changed.refusals).toEqual([
      "/Common/da_mo_fastl4_loose is on the device and not in the state, but its settings are not the ones the provider's one POST of this stack's loose profile writes (found defaultsFrom /Common/fastL4-x, looseClose disabled): built or changed by hand? Remove or rename it by hand, or give it as bigip.fastL4Profile",
    ]);
    const used = planRecovery(loose, deployed, {
      pools: [pool(1, [member(1)])],
      virtualServers: [vs(1, ours(1), [LOOSE])],
      fastL4Profiles: [looseProfile()],
    });
    expect(used.refusals).toEqual([
      "/Common/da_mo_fastl4_loose is on the device and not in the state, but /Common/da_mo_lab_da-1_vs uses it, which no interrupted run of this stack leaves: change that virtual server by hand first",
    ]);
  });

  test("an adopted pool is never deleted; only the member the stack adds to it, by address or node name", () => {
    const adopted: DevicePool = {
      fullPath: "/Common/DA3_pool",
      description: "hand-built",
      members: [{ name: member(3) }, { name: "2001:db8:99::1.0" }],
    };
    const plan = planRecovery(inventory, [], { pools: [adopted], virtualServers: [] });
    expect(lines(plan)).toEqual([
      "delete pool member /Common/DA3_pool member 2001:db8:10::13.0: lab/da-3: on the device, not in the state: added by the interrupted run (POST, then the PATCH of its settings; the state records it after both), or the hand-built member that adopt says to remove before the first deploy",
    ]);
    const byNode = lab({ 3: "{ pool: /Common/DA3_pool, node: /Common/DA3 }" });
    const withNode = { ...adopted, members: [{ name: "DA3:0" }] };
    const added = planRecovery(byNode, [], { pools: [withNode], virtualServers: [] });
    expect(added.actions.map((action) => action.restPath)).toEqual([
      "ltm/pool/~Common~DA3_pool/members/~Common~DA3%3A0",
    ]);
    // Recorded as /Common/DA3:0 (the attachment's node), shown by the device as DA3:0.
    const recorded = [
      inState("bigip_ltm_pool", { name: "/Common/DA3_pool" }),
      stateMember(3, "/Common/DA3_pool", "/Common/DA3:0"),
    ];
    expect(
      planRecovery(byNode, recorded, { pools: [withNode], virtualServers: [] }).actions,
    ).toEqual([]);
  });
});

test("update windows (one PUT or PATCH each): the object stays in the state, nothing to do", () => {
  const halfUpdated = planRecovery(inventory, [...deployed, stateProfile()], {
    pools: [pool(1, [member(1)], { description: ours(2), monitor: undefined })],
    virtualServers: [vs(1, "old description")],
    fastL4Profiles: [looseProfile({ looseClose: "disabled" })],
  });
  expect(halfUpdated).toEqual({ actions: [], refusals: [], untouched: [] });
});

test("delete windows: each object gone after its DELETE is forgotten; commands need nothing", () => {
  const commands = [
    inState("bigip_command", { id: "apply", commands: ["run cm config-sync to-group g"] }),
    inState("terraform_data", { id: "x" }),
  ];
  const plan = planRecovery(loose, [...deployed, stateProfile(), ...commands], {
    pools: [pool(1)],
    virtualServers: [],
    fastL4Profiles: [],
  });
  expect(lines(plan)).toEqual([
    "forget   bigip_ltm_pool_attachment.r2001:db8:10::11.0 (/Common/da_mo_lab_da-1_pool member 2001:db8:10::11.0): in the state, gone from the device: a DELETE went through before Terraform recorded it (or it was deleted by hand)",
    "forget   bigip_ltm_virtual_server.r/Common/da_mo_lab_da-1_vs (/Common/da_mo_lab_da-1_vs): in the state, gone from the device: a DELETE went through before Terraform recorded it (or it was deleted by hand)",
    "forget   bigip_ltm_profile_fastl4.r/Common/da_mo_fastl4_loose (/Common/da_mo_fastl4_loose): in the state, gone from the device: a DELETE went through before Terraform recorded it (or it was deleted by hand)",
  ]);
  // A profile the inventory no longer asks for: forgotten all the same; profiles not read: kept.
  const profileGone = { pools: [], virtualServers: [], fastL4Profiles: [] };
  expect(planRecovery(inventory, [stateProfile()], profileGone).actions).toHaveLength(1);
  const notRead = { pools: [], virtualServers: [] };
  expect(planRecovery(inventory, [stateProfile()], notRead).actions).toEqual([]);
  const poolGone = planRecovery(inventory, [statePool(1)], { pools: [], virtualServers: [] });
  expect(poolGone.actions.map((action) => [action.kind, action.address])).toEqual([
    ["forget", "bigip_ltm_pool.r/Common/da_mo_lab_da-1_pool"],
  ]);
});

test("objects with the stack's prefix that neither inventory nor state knows are left", () => {
  const plan = planRecovery(
    inventory,
    deployed,
    onDevice({
      pools: [pool(1, [member(1)]), { fullPath: "/Common/da_mo_lab_old_pool", members: [] }],
      fastL4Profiles: [looseProfile()],
    }),
  );
  expect(plan.actions).toEqual([]);
  expect(lines(plan)).toEqual([
    "left     /Common/da_mo_lab_old_pool: has the stack's name prefix, but neither the inventory nor the state knows it",
    "left     /Common/da_mo_fastl4_loose: has the stack's name prefix, but neither the inventory nor the state knows it",
  ]);
});

test("reads a state document as untrusted data", () => {
  expect(stateResources(undefined)).toEqual([]);
  expect(stateResources({ resources: "x" })).toEqual([]);
  expect(
    stateResources({
      resources: [
        {
          mode: "managed",
          type: "bigip_ltm_pool",
          name: "p",
          instances: [{ attributes: { name: "/Common/x" } }],
        },
        { mode: "data", type: "bigip_ltm_pool", name: "d", instances: [{ attributes: {} }] },
        {
          mode: "managed",
          type: "bigip_ltm_pool",
          name: "m",
          module: "module.x",
          instances: [{ attributes: {} }],
        },
        { mode: "managed", type: "bigip_ltm_pool", name: "n", instances: [] },
        null,
      ],
    }),
  ).toEqual([
    { address: "bigip_ltm_pool.p", type: "bigip_ltm_pool", attributes: { name: "/Common/x" } },
  ]);
});
