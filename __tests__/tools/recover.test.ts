/**
 * recover's plan: what an interrupted run left is found and attributed to the stack by name and
 * description, or recovery refuses; nothing else on the device is touched.
 */
import { manageOutDescription } from "../../lib/bigip-names";
import type { DevicePool, DeviceVirtualServer } from "../../lib/device/device-snapshot";
import {
  formatRecovery,
  orderedActions,
  planRecovery,
  stateResources,
  type StateResource,
} from "../../lib/tools/recover";
import { validInventory } from "../stack-helpers";

const inventory = validInventory(`
name: lab
bigip:
  vlans: [/Common/internal]
entryPoints:
  - name: lab
    clientPrefix: 2001:db8:8000:1000::/59
    servers:
      - { name: da-1, internalAddress: "2001:db8:10::11", clientPrefix: "2001:db8:8000:1000::/64" }
      - { name: da-2, internalAddress: "2001:db8:10::12", clientPrefix: "2001:db8:8000:1001::/64" }
      - { name: da-3, internalAddress: "2001:db8:10::13", clientPrefix: "2001:db8:8000:1002::/64", existing: { pool: /Common/DA3_pool } }
`);

const ours = (n: number) => manageOutDescription(`2001:db8:8000:100${n - 1}::/64`, `da-${n}`);
const pool = (n: number, members: string[] = [], description = ours(n)): DevicePool => ({
  fullPath: `/Common/da_mo_lab_da-${n}_pool`,
  description,
  members: members.map((name) => ({ name })),
});
const vs = (n: number, description = ours(n)): DeviceVirtualServer => ({
  fullPath: `/Common/da_mo_lab_da-${n}_vs`,
  description,
  pool: `/Common/da_mo_lab_da-${n}_pool`,
  profiles: [],
});
const inState = (type: string, attributes: Record<string, unknown>): StateResource => ({
  address: `${type}.r${String(attributes.name ?? attributes.node)}`,
  type,
  attributes,
});
const statePool = (n: number) =>
  inState("bigip_ltm_pool", { name: `/Common/da_mo_lab_da-${n}_pool` });
const stateVs = (n: number) =>
  inState("bigip_ltm_virtual_server", { name: `/Common/da_mo_lab_da-${n}_vs` });
const stateMember = (n: number) =>
  inState("bigip_ltm_pool_attachment", {
    pool: `/Common/da_mo_lab_da-${n}_pool`,
    node: `2001:db8:10::1${n}.0`,
  });

test("device and state agree: nothing to do", () => {
  const plan = planRecovery(inventory, [statePool(1), stateMember(1), stateVs(1)], {
    pools: [pool(1, ["2001:db8:10::11.0"])],
    virtualServers: [vs(1)],
  });
  expect(plan).toEqual({ actions: [], refusals: [], untouched: [] });
});

test("deletes what an interrupted deploy created, virtual servers first, pools last", () => {
  const plan = planRecovery(inventory, [statePool(1)], {
    pools: [pool(1, ["2001:db8:10::11.0"]), pool(2, ["2001:db8:10::12.0"])],
    virtualServers: [vs(1), vs(2)],
  });
  expect(plan.refusals).toEqual([]);
  expect(orderedActions(plan).map((action) => [action.kind, action.restPath])).toEqual([
    ["delete virtual server", "ltm/virtual/~Common~da_mo_lab_da-1_vs"],
    ["delete virtual server", "ltm/virtual/~Common~da_mo_lab_da-2_vs"],
    [
      "delete pool member",
      "ltm/pool/~Common~da_mo_lab_da-1_pool/members/~Common~2001%3Adb8%3A10%3A%3A11.0",
    ],
    ["delete pool", "ltm/pool/~Common~da_mo_lab_da-2_pool"],
  ]);
});

test("refuses, doing nothing, an object with the stack's name but not its description", () => {
  const plan = planRecovery(inventory, [], {
    pools: [pool(1, [], "built by hand")],
    virtualServers: [
      vs(
        1,
        "DirectAccess Manage Out to IP-HTTPS clients 2001:db8:8000:1000::/64 via DA server da-2",
      ),
    ],
  });
  expect(plan.refusals).toHaveLength(2);
  expect(plan.refusals[0]).toContain(
    "/Common/da_mo_lab_da-1_vs is on the device and not in the state",
  );
  expect(plan.actions).toEqual([]);
});

test("refuses to delete a pool that a virtual server outside the recovery uses", () => {
  const plan = planRecovery(inventory, [stateVs(1)], {
    pools: [pool(1)],
    virtualServers: [vs(1)],
  });
  expect(plan.refusals).toEqual([
    "/Common/da_mo_lab_da-1_pool is on the device and not in the state, but /Common/da_mo_lab_da-1_vs uses it",
  ]);
});

test("never deletes an adopted pool; only the member the stack adds to it", () => {
  const adopted: DevicePool = {
    fullPath: "/Common/DA3_pool",
    description: "hand-built",
    members: [{ name: "2001:db8:10::13.0" }, { name: "2001:db8:99::1.0" }],
  };
  const plan = planRecovery(inventory, [], { pools: [adopted], virtualServers: [] });
  expect(plan.refusals).toEqual([]);
  expect(plan.actions.map((action) => action.object)).toEqual([
    "/Common/DA3_pool member 2001:db8:10::13.0",
  ]);
});

test("forgets state resources whose object is gone, and leaves unknown objects alone", () => {
  const plan = planRecovery(inventory, [statePool(1), stateMember(1), stateVs(1)], {
    pools: [pool(1), { fullPath: "/Common/da_mo_lab_old_pool", members: [] }],
    virtualServers: [],
  });
  expect(plan.actions.map((action) => [action.kind, action.address])).toEqual([
    ["forget", "bigip_ltm_pool_attachment.r2001:db8:10::11.0"],
    ["forget", "bigip_ltm_virtual_server.r/Common/da_mo_lab_da-1_vs"],
  ]);
  expect(plan.untouched).toEqual(["/Common/da_mo_lab_old_pool"]);
  expect(formatRecovery(plan).at(-1)).toMatch(/^left {5}\/Common\/da_mo_lab_old_pool: /);
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
