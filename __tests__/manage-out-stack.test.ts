import { readFileSync } from "node:fs";
import { TerraformStack, Testing } from "cdktf";
import { listInventoryFiles, type Inventory } from "../lib/inventory";
import { ManageOutStack } from "../lib/constructs/manage-out-stack";
import {
  CLUSTER_AND_BRANCH,
  synthStack,
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

  test("sends the provider to the inventory's device, without telemetry and without credentials", () => {
    expect(stack.provider.bigip).toEqual([
      { address: `https://${inventory.bigip.host!.host}`, port: "443", teem_disable: true },
    ]);
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

describe("the device and its login", () => {
  const withBigip = (lines: string) => CLUSTER_AND_BRANCH.replace("bigip:\n", `bigip:\n${lines}\n`);

  test("without bigip.host the provider reads BIGIP_HOST, BIGIP_USER and BIGIP_PASSWORD", () => {
    const stack = synthStack(CLUSTER_AND_BRANCH) as SynthesizedStack & { variable?: unknown };
    expect(stack.provider.bigip).toEqual([{ teem_disable: true }]);
    expect(stack.variable).toBeUndefined();
  });

  test.each([
    ["bigip-east.corp.example", "https://bigip-east.corp.example", "443"],
    ["https://BIGIP-East.corp.example:8443/", "https://bigip-east.corp.example", "8443"],
    ["2001:db8::5", "https://[2001:db8::5]", "443"],
    ["[2001:db8::5]:8443", "https://[2001:db8::5]", "8443"],
    ["[2001:0DB8:00f5:0:0:0:0:5]:443", "https://[2001:db8:f5::5]", "443"],
    ["[::ffff:10.20.0.5]", "https://10.20.0.5", "443"],
  ])("host %s is address %s and port %s, the port always written", (host, address, port) => {
    const stack = synthStack(withBigip(`  host: "${host}"`));
    expect(stack.provider.bigip).toEqual([{ address, port, teem_disable: true }]);
  });

  test("bigip.credentials become two ephemeral, sensitive variables the provider logs in with", () => {
    const text = synthText(
      validInventory(
        withBigip(
          "  host: bigip-east.corp.example\n  credentials: { userVariable: bigip_east_user, passwordVariable: bigip_east_password }",
        ),
      ),
    );
    const stack = JSON.parse(text) as SynthesizedStack & {
      variable: Record<string, Record<string, unknown>>;
      terraform: { required_version: string };
    };
    expect(stack.provider.bigip).toEqual([
      {
        address: "https://bigip-east.corp.example",
        port: "443",
        teem_disable: true,
        username: "${var.bigip_east_user}",
        password: "${var.bigip_east_password}",
      },
    ]);
    for (const name of ["bigip_east_user", "bigip_east_password"]) {
      expect(stack.variable[name]).toMatchObject({
        type: "string",
        sensitive: true,
        ephemeral: true,
        nullable: false,
      });
      expect(stack.variable[name]).not.toHaveProperty("default");
    }
    // Ephemeral input variables came with Terraform 1.10.
    expect(stack.terraform.required_version).toBe(">= 1.10");
  });
});
