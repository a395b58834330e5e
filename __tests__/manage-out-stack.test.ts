// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
import { readFileSync } from "node:fs";
import { TerraformStack, Testing } from "cdktf";
import { listInventoryFiles, parseInventory, type Inventory } from "../lib/inventory";
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
      {
        address: `https://${inventory.bigip.host!.host}`,
        port: "443",
        teem_disable: true,
        validate_certs_disable: false,
      },
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
    expect(stack.provider.bigip).toEqual([{ teem_disable: true, validate_certs_disable: false }]);
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
    expect(stack.provider.bigip).toEqual([
      { address, port, teem_disable: true, validate_certs_disable: false },
    ]);
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
        validate_certs_disable: false,
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

describe("the device's TLS certificate", () => {
  const withBigip = (lines: string) => CLUSTER_AND_BRANCH.replace("bigip:\n", `bigip:\n${lines}\n`);
  /** The stack of an inventory with `validateCerts: false`, which validate warns about. */
  function unverifiedStack(extraLines = ""): SynthesizedStack {
    const { inventory, problems } = parseInventory(
      "inventories/lab.yaml",
      withBigip(`  validateCerts: false\n${extraLines}`),
    );
    expect(problems.map((problem) => [problem.severity, problem.rule])).toEqual([
      ["warning", "device-certificate"],
    ]);
    return JSON.parse(synthText(inventory!));
  }

  test("is verified by default: validate_certs_disable written as false, not left to BIGIP_VERIFY_CERT_DISABLE", () => {
    // The provider's default, where the block leaves it out, is BIGIP_VERIFY_CERT_DISABLE, else
    // true: no check at all.
    const [provider] = synthStack(CLUSTER_AND_BRANCH).provider.bigip;
    expect(provider).toHaveProperty("validate_certs_disable", false);
    const [explicit] = synthStack(withBigip("  validateCerts: true")).provider.bigip;
    expect(explicit).toHaveProperty("validate_certs_disable", false);
  });

  test("validateCerts: false turns the check off, visibly in the provider block", () => {
    expect(unverifiedStack().provider.bigip).toEqual([
      { teem_disable: true, validate_certs_disable: true },
    ]);
  });

  test("the CA is never in the synthesized JSON, whatever the environment names", () => {
    const saved = { ...process.env };
    try {
      process.env.BIGIP_CA_FILE = "/home/runner/secret-ca-folder/bigip-ca.pem";
      process.env.BIGIP_TRUSTED_CERT_PATH = "/home/runner/secret-ca-folder/bigip-ca.pem";
      const text = synthText(validInventory(withBigip("  host: bigip-east.corp.example")));
      expect(text).not.toContain("secret-ca-folder");
      expect(text).not.toContain("trusted_cert_path");
    } finally {
      process.env = saved;
    }
  });

  test("switching the check off does not count as a configuration change to sync", () => {
    const configSync = "  configSync: { deviceGroup: Sync-Failover-Group }";
    const triggers = (stack: SynthesizedStack) =>
      Object.values(stack.resource.terraform_data).map((data) => data.input);
    expect(triggers(unverifiedStack(configSync))).toEqual(
      triggers(synthStack(withBigip(configSync))),
    );
  });
});
