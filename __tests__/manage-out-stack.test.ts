import { readFileSync } from "node:fs";
import { Testing } from "cdktf";
import { listInventoryFiles, parseInventory, type Inventory } from "../lib/inventory";
import { ManageOutStack } from "../lib/manage-out-stack";

function readInventory(file: string, text = readFileSync(file, "utf8")): Inventory {
  const { inventory, problems } = parseInventory(file, text);
  expect(problems).toEqual([]);
  return inventory!;
}

function synthStack(inventory: Inventory): string {
  return Testing.synth(new ManageOutStack(Testing.app(), inventory.stackName, { inventory }));
}

interface SynthesizedStack {
  provider: { bigip: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown }>;
}

const exampleFiles = listInventoryFiles("inventories");

test("the example inventories exist", () => {
  expect(exampleFiles.length).toBeGreaterThan(0);
});

describe.each(exampleFiles)("stack of %s", (file) => {
  const inventory = readInventory(file);
  const synthesized = synthStack(inventory);
  const stack = JSON.parse(synthesized) as SynthesizedStack;
  const servers = inventory.entryPoints.flatMap((entryPoint) => entryPoint.servers);

  test("matches the snapshot", () => {
    expect(synthesized).toMatchSnapshot();
  });

  test("holds exactly one pool, one pool member and one virtual server per DA server", () => {
    for (const type of [
      "bigip_ltm_pool",
      "bigip_ltm_pool_attachment",
      "bigip_ltm_virtual_server",
    ]) {
      expect(Object.keys(stack.resource[type])).toHaveLength(servers.length);
    }
  });

  test("gives every virtual server one of the servers' client prefixes, without translation", () => {
    const destinations = Object.values(stack.resource.bigip_ltm_virtual_server).map((vs) => {
      expect(vs).toMatchObject({
        translate_address: "disabled",
        translate_port: "disabled",
        vlans_enabled: true,
      });
      return vs.destination;
    });
    expect(destinations.sort()).toEqual(
      servers.map((server) => server.clientPrefix.split("/")[0]).sort(),
    );
  });

  test("configures the provider without telemetry and without credentials", () => {
    expect(stack.provider.bigip).toEqual([{ teem_disable: true }]);
    expect(synthesized).not.toMatch(/"(password|username|token_value)"\s*:/);
  });

  test("outputs each entry's virtual server and prefix", () => {
    const value = stack.output.manage_out_entries.value as Record<
      string,
      { client_prefix: string }
    >;
    expect(Object.keys(value)).toHaveLength(servers.length);
  });
});

describe("stack identity", () => {
  const text = `
bigip:
  vlans: [/Common/internal]
entryPoints:
  - name: east
    clientPrefix: 2131:0:0:1000::/59
    servers:
      - { name: da-east-1, internalAddress: "2001:db8:10::11", clientPrefix: "2131:0:0:1000::/64" }
      - { name: da-east-2, internalAddress: "2001:db8:10::12", clientPrefix: "2131:0:0:1001::/64" }
  - name: west
    clientPrefix: 2131:0:0:2000::/64
    servers:
      - { name: da-west-1, internalAddress: "2001:db8:20::11" }
`;

  test("names the stack after the inventory file when the inventory has no name", () => {
    expect(readInventory("inventories/lab.yaml", text).stackName).toBe("lab");
  });

  test("reordering servers and entry points in the file changes nothing in the synthesized JSON", () => {
    const reorderedText = `
entryPoints:
  - name: west
    servers:
      - { internalAddress: "2001:db8:20::11", name: da-west-1 }
    clientPrefix: 2131:0:0:2000::/64
  - servers:
      - { name: da-east-2, internalAddress: "2001:db8:10::12", clientPrefix: "2131:0:0:1001::/64" }
      - { name: da-east-1, internalAddress: "2001:db8:10::11", clientPrefix: "2131:0:0:1000::/64" }
    name: east
    clientPrefix: 2131:0:0:1000::/59
bigip:
  vlans: [/Common/internal]
`;
    const original = synthStack(readInventory("inventories/lab.yaml", text));
    expect(synthStack(readInventory("inventories/lab.yaml", reorderedText))).toBe(original);
  });
});
