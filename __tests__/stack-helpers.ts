/** Shared by the stack tests: a small valid inventory and synthesis helpers. */
import { Testing } from "cdktf";
import { parseInventory, type Inventory } from "../lib/inventory";
import { ManageOutStack } from "../lib/constructs/manage-out-stack";

/** A three-node cluster and a single branch server, in the shortest valid form. */
export const CLUSTER_AND_BRANCH = `
bigip:
  vlans: [/Common/internal]
entryPoints:
  - name: east
    clientPrefix: 2131:0:0:1000::/59
    servers:
      - { name: da-east-1, internalAddress: "2001:db8:10::11", clientPrefix: "2131:0:0:1000::/64" }
      - { name: da-east-2, internalAddress: "2001:db8:10::12", clientPrefix: "2131:0:0:1001::/64" }
      - { name: da-east-3, internalAddress: "2001:db8:10::13", clientPrefix: "2131:0:0:1002::/64" }
  - name: branch
    clientPrefix: 2131:0:0:2000::/64
    servers:
      - { name: da-branch-1, internalAddress: "2001:db8:20::11" }
`;

/** The synthesized JSON of a stack, parsed. */
export interface SynthesizedStack {
  terraform: Record<string, unknown> & { backend?: Record<string, unknown> };
  provider: { bigip: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown }>;
}

/** Parses an inventory that must be valid (the test fails on any problem). */
export function validInventory(text: string, file = "inventories/lab.yaml"): Inventory {
  const { inventory, problems } = parseInventory(file, text);
  expect(problems).toEqual([]);
  return inventory!;
}

/** The synthesized JSON text of an inventory's stack. */
export function synthText(inventory: Inventory): string {
  return Testing.synth(new ManageOutStack(Testing.app(), inventory.stackName, { inventory }));
}

/** The synthesized stack of a valid inventory text, parsed. */
export function synthStack(text: string): SynthesizedStack {
  return JSON.parse(synthText(validInventory(text)));
}
