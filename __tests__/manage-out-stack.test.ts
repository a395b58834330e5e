import { readFileSync } from "node:fs";
import { TerraformStack, Testing } from "cdktf";
import { listInventoryFiles, type Inventory } from "../lib/inventory";
import { ManageOutStack } from "../lib/constructs/manage-out-stack";
import {
  CLUSTER_AND_BRANCH,
  synthText,
  validInventory,
  type SynthesizedStack,
} from "./stack-helpers";

function readInventory(file: string): Inventory {
  return validInventory(readFileSync(file, "utf8"), file);
}

const exampleFiles = listInventoryFiles("inventories");

test("the example inventories exist", () => {
  expect(exampleFiles.length).toBeGreaterThan(0);
});

describe.each(exampleFiles)("stack of %s", (file) => {
  const inventory = readInventory(file);
  const synthesized = synthText(inventory);
  const stack = JSON.parse(synthesized) as SynthesizedStack;
  const servers = inventory.entryPoints.flatMap((entryPoint) => entryPoint.servers);
  const { routeDomain } = inventory.bigip;
  const routeDomainSuffix = routeDomain === undefined ? "" : `%${routeDomain}`;

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
      servers.map((server) => `${server.clientPrefix.split("/")[0]}${routeDomainSuffix}`).sort(),
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

test("names the stack after the inventory file when the inventory has no name", () => {
  expect(validInventory(CLUSTER_AND_BRANCH, "inventories/lab.yaml").stackName).toBe("lab");
  expect(validInventory(`name: corp-lab\n${CLUSTER_AND_BRANCH}`).stackName).toBe("corp-lab");
});

test("skipping cdktf's preparing resolve pass changes nothing in the synthesized JSON", () => {
  /** The stack with cdktf's own preparation, which resolves every element once more. */
  class FullyPreparedStack extends ManageOutStack {
    public override prepareStack(): void {
      TerraformStack.prototype.prepareStack.call(this);
    }
  }
  for (const file of exampleFiles) {
    const inventory = readInventory(file);
    // App.synth() prepares each stack before synthesizing it; Testing.synth() does not.
    const [ours, cdktfs] = [ManageOutStack, FullyPreparedStack].map((Stack) => {
      const stack = new Stack(Testing.app(), inventory.stackName, { inventory });
      stack.prepareStack();
      return Testing.synth(stack);
    });
    expect(ours).toBe(cdktfs);
  }
});
