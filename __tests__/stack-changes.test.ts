// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * What a change of the inventory changes in the synthesized Terraform: the input of the next
 * `cdktf diff`. Resources are compared by address (`<type>.<name>`), as Terraform plans them.
 */
import { CLUSTER_AND_BRANCH, synthStack } from "./stack-helpers";

const BASE = CLUSTER_AND_BRANCH;

/** Every resource of the stack of an inventory text, by Terraform address. */
function resources(text: string): Map<string, unknown> {
  const byAddress = new Map<string, unknown>();
  for (const [type, ofType] of Object.entries(synthStack(text).resource)) {
    for (const [name, value] of Object.entries(ofType)) byAddress.set(`${type}.${name}`, value);
  }
  return byAddress;
}

/** Addresses added, removed and changed from `before` to `after`. */
function changes(before: Map<string, unknown>, after: Map<string, unknown>) {
  const same = (address: string) =>
    JSON.stringify(before.get(address)) === JSON.stringify(after.get(address));
  return {
    added: [...after.keys()].filter((address) => !before.has(address)).sort(),
    removed: [...before.keys()].filter((address) => !after.has(address)).sort(),
    changed: [...before.keys()].filter((address) => after.has(address) && !same(address)).sort(),
  };
}

const before = resources(BASE);

test("changing one server's prefix changes only that server's trigger, virtual server and pool description", () => {
  const after = resources(BASE.replace("2131:0:0:1001::/64", "2131:0:0:1003::/64"));
  const { added, removed, changed } = changes(before, after);
  expect(added).toEqual([]);
  expect(removed).toEqual([]);
  expect(changed.map((address) => address.replace(/_[0-9A-F]{8}$/, ""))).toEqual([
    "bigip_ltm_pool.east_da-east-2_pool",
    "bigip_ltm_virtual_server.east_da-east-2_virtual_server",
    "terraform_data.east_da-east-2_prefix_trigger",
  ]);
  const pool = changed.find((address) => address.startsWith("bigip_ltm_pool."))!;
  const { description: descriptionBefore, ...poolBefore } = before.get(pool) as Record<
    string,
    unknown
  >;
  const { description: descriptionAfter, ...poolAfter } = after.get(pool) as Record<
    string,
    unknown
  >;
  expect(poolAfter).toEqual(poolBefore);
  expect(descriptionAfter).not.toEqual(descriptionBefore);
});

test("renaming a server replaces that server's resources and touches nothing else", () => {
  const after = resources(BASE.replace("name: da-east-2,", "name: da-east-9,"));
  const { added, removed, changed } = changes(before, after);
  expect(changed).toEqual([]);
  // Pool, member, virtual server, prefix and node triggers, node cleanup.
  expect(removed).toHaveLength(6);
  expect(removed.every((address) => address.includes("_da-east-2_"))).toBe(true);
  expect(
    added.map((address) =>
      address.replace("_da-east-9_", "_da-east-2_").replace(/_[0-9A-F]{8}$/, ""),
    ),
  ).toEqual(removed.map((address) => address.replace(/_[0-9A-F]{8}$/, "")));
});

test("reordering entry points and servers changes nothing", () => {
  const reordered = `
entryPoints:
  - name: branch
    clientPrefix: 2131:0:0:2000::/64
    servers:
      - { name: da-branch-1, internalAddress: "2001:db8:20::11" }
  - name: east
    clientPrefix: 2131:0:0:1000::/59
    servers:
      - { name: da-east-3, internalAddress: "2001:db8:10::13", clientPrefix: "2131:0:0:1002::/64" }
      - { name: da-east-1, internalAddress: "2001:db8:10::11", clientPrefix: "2131:0:0:1000::/64" }
      - { name: da-east-2, internalAddress: "2001:db8:10::12", clientPrefix: "2131:0:0:1001::/64" }
bigip:
  vlans: [/Common/internal]
`;
  expect(changes(before, resources(reordered))).toEqual({ added: [], removed: [], changed: [] });
});
