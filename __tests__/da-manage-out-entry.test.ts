// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
import { TerraformVariable, Testing } from "cdktf";
import { LtmPool } from "../.gen/providers/bigip/ltm-pool";
import { LtmPoolAttachment } from "../.gen/providers/bigip/ltm-pool-attachment";
import { LtmVirtualServer } from "../.gen/providers/bigip/ltm-virtual-server";
import {
  DaManageOutEntry,
  type DaManageOutEntryProps,
} from "../lib/constructs/da-manage-out-entry";
// cdktf's matchers (toHaveResourceWithProperties, ...) and their types, in the one suite that
// uses them: set up for every suite, they loaded cdktf into suites that never use it.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();

const props: DaManageOutEntryProps = {
  entryPointName: "east",
  serverName: "da-east-2",
  internalAddress: "2001:db8:10::12",
  clientPrefix: "2131:0:0:1001::/64",
  vlans: ["/Common/internal"],
};

function synth(overrides: Partial<DaManageOutEntryProps> = {}): string {
  return Testing.synthScope((scope) => {
    new DaManageOutEntry(scope, "da-east-2", { ...props, ...overrides });
  });
}

/** The only apply-time `bigip_command` of a synthesized scope (destroy-time ones left out). */
function onlyApplyCommand(synthesized: string): Record<string, unknown> {
  const commands = Object.values(JSON.parse(synthesized).resource.bigip_command ?? {}) as Record<
    string,
    unknown
  >[];
  const applyTime = commands.filter((command) => command.when !== "destroy");
  expect(applyTime).toHaveLength(1);
  return applyTime[0];
}

/** The only resource of a type in a synthesized scope. */
function onlyResource(synthesized: string, type: string): Record<string, unknown> {
  const resources = Object.values(JSON.parse(synthesized).resource[type] ?? {});
  expect(resources).toHaveLength(1);
  return resources[0] as Record<string, unknown>;
}

describe("DaManageOutEntry with Terraform references (tokens)", () => {
  // Every other prop refuses a reference: __tests__/tmsh-command-inputs.test.ts.
  test("a monitor reference passes through to the pool, and reaches no tmsh command", () => {
    const synthesized = Testing.synthScope((scope) => {
      const monitor = new TerraformVariable(scope, "monitor", { type: "string" });
      new DaManageOutEntry(scope, "da-east-2", {
        ...props,
        monitor: monitor.stringValue,
        routeDomain: 2,
      });
    });
    expect(onlyResource(synthesized, "bigip_ltm_pool").monitors).toEqual(["${var.monitor}"]);
    expect(JSON.stringify(onlyApplyCommand(synthesized).commands)).not.toContain("var.monitor");
  });
});

describe("DaManageOutEntry", () => {
  test("emits one pool named after entry point and server, with the gateway ICMP monitor", () => {
    expect(synth()).toHaveResourceWithProperties(LtmPool, {
      name: "/Common/da_mo_east_da-east-2_pool",
      monitors: ["/Common/gateway_icmp"],
      description:
        "DirectAccess Manage Out to IP-HTTPS clients 2131:0:0:1001::/64 via DA server da-east-2",
    });
  });

  test("makes the DA server's internal address the only pool member, in the <address>.0 form", () => {
    const attachment = onlyResource(synth(), "bigip_ltm_pool_attachment");
    expect(attachment.node).toBe("2001:db8:10::12.0");
    expect(attachment.pool).toMatch(/^\$\{bigip_ltm_pool\.\S+\.name\}$/);
  });

  test("emits a network virtual server for the whole client prefix, forwarding without translation", () => {
    const virtualServer = onlyResource(
      synth({ clientPrefix: "2131:0:0:1000::/59" }),
      "bigip_ltm_virtual_server",
    );
    expect(virtualServer).toMatchObject({
      name: "/Common/da_mo_east_da-east-2_vs",
      destination: "2131:0:0:1000::",
      mask: "ffff:ffff:ffff:ffe0::0.0.0.0",
      port: 0,
      ip_protocol: "any",
      translate_address: "disabled",
      translate_port: "disabled",
      source_address_translation: "none",
      profiles: ["/Common/fastL4"],
      vlans: ["/Common/internal"],
      vlans_enabled: true,
    });
    expect(virtualServer.pool).toMatch(/^\$\{bigip_ltm_pool\.\S+\.name\}$/);
  });

  test("uses the partition, name prefix and monitor given", () => {
    const synthesized = synth({ partition: "DA", namePrefix: "mo", monitor: "/DA/icmp_fast" });
    expect(synthesized).toHaveResourceWithProperties(LtmPool, {
      name: "/DA/mo_east_da-east-2_pool",
      monitors: ["/DA/icmp_fast"],
    });
    expect(synthesized).toHaveResourceWithProperties(LtmVirtualServer, {
      name: "/DA/mo_east_da-east-2_vs",
    });
  });

  test('leaves the monitor out for "none"', () => {
    expect(onlyResource(synth({ monitor: "none" }), "bigip_ltm_pool")).not.toHaveProperty(
      "monitors",
    );
  });

  test("adds the route domain to destination and pool member", () => {
    const synthesized = synth({ routeDomain: 2 });
    expect(synthesized).toHaveResourceWithProperties(LtmVirtualServer, {
      destination: "2131:0:0:1001::%2",
    });
    expect(synthesized).toHaveResourceWithProperties(LtmPoolAttachment, {
      node: "2001:db8:10::12%2.0",
    });
  });

  describe("provider defect workarounds", () => {
    test("dotted mask: ignores the mask's read-back drift, and only the mask without a route domain", () => {
      const virtualServer = onlyResource(synth(), "bigip_ltm_virtual_server");
      expect(virtualServer.lifecycle).toMatchObject({ ignore_changes: ["mask"] });
    });

    test("in a route domain: no provider updates at all, one tmsh command sets every setting with %<id>", () => {
      const synthesized = JSON.parse(
        synth({
          routeDomain: 2,
          vlans: ["/Common/a", "/Common/b"],
          clientPrefix: "2131:0:0:1000::/59",
        }),
      );
      const [[vsName, virtualServer]] = Object.entries(
        synthesized.resource.bigip_ltm_virtual_server,
      ) as [string, Record<string, unknown>][];
      // The provider drops %2 when it reads the destination: any update it sends moves the
      // virtual server out of route domain 2.
      expect(virtualServer.lifecycle).toMatchObject({ ignore_changes: "all" });
      expect(virtualServer.destination).toBe("2131:0:0:1000::%2");
      const command = onlyApplyCommand(JSON.stringify(synthesized));
      expect(command).toMatchObject({
        commands: [
          'modify ltm virtual /Common/da_mo_east_da-east-2_vs destination 2131:0:0:1000::%2.0 mask ffff:ffff:ffff:ffe0:: source ::%2/0 ip-protocol any translate-address disabled translate-port disabled source-address-translation { type none } profiles replace-all-with { /Common/fastL4 } vlans replace-all-with { /Common/a /Common/b } vlans-enabled pool /Common/da_mo_east_da-east-2_pool description "DirectAccess Manage Out to IP-HTTPS clients 2131:0:0:1000::/59 via DA server da-east-2"',
        ],
        depends_on: [`bigip_ltm_virtual_server.${vsName}`],
        lifecycle: { replace_triggered_by: [`bigip_ltm_virtual_server.${vsName}`] },
      });
      expect(command).not.toHaveProperty("when");
    });

    test("route domain 0 is written exactly as no route domain", () => {
      const withZero = JSON.parse(synth({ routeDomain: 0 }));
      const without = JSON.parse(synth());
      expect(withZero).toEqual(without);
      expect(onlyResource(synth({ routeDomain: 0 }), "bigip_ltm_pool_attachment").node).toBe(
        "2001:db8:10::12.0",
      );
    });

    test("refuses a name that would break out of the tmsh command, as an invalid BIG-IP name", () => {
      expect(() => synth({ routeDomain: 2, serverName: "x' ; rm -rf / ; '" })).toThrow(
        /serverName is not a valid BIG-IP name, got 'x' ; rm -rf \/ ; ''; use letters/,
      );
    });

    test("replaces the virtual server when prefix or route domain change, through a terraform_data address", () => {
      const synthesized = JSON.parse(synth({ routeDomain: 2 }));
      const [[triggerName, trigger]] = (
        Object.entries(synthesized.resource.terraform_data) as [string, { input: unknown }][]
      ).filter(([name]) => name.includes("_prefix_trigger_"));
      expect(trigger.input).toEqual({ client_prefix: "2131:0:0:1001::/64", route_domain: 2 });
      const virtualServer = onlyResource(JSON.stringify(synthesized), "bigip_ltm_virtual_server");
      // A plain address: "${terraform_data.x}" would be rejected by Terraform.
      expect(virtualServer.lifecycle).toMatchObject({
        replace_triggered_by: [`terraform_data.${triggerName}`],
      });
    });

    test("tmsh mask: leaves the mask out and sets it with a checked tmsh command after create", () => {
      const synthesized = JSON.parse(
        synth({ clientPrefix: "2131:0:0:1000::/59", maskWorkaround: "tmsh" }),
      );
      const [[vsName, virtualServer]] = Object.entries(
        synthesized.resource.bigip_ltm_virtual_server,
      ) as [string, Record<string, unknown>][];
      expect(virtualServer).not.toHaveProperty("mask");
      expect(virtualServer.lifecycle).not.toHaveProperty("ignore_changes");
      const command = onlyApplyCommand(JSON.stringify(synthesized));
      expect(command).toMatchObject({
        commands: ["modify ltm virtual /Common/da_mo_east_da-east-2_vs mask ffff:ffff:ffff:ffe0::"],
        depends_on: [`bigip_ltm_virtual_server.${vsName}`],
        lifecycle: { replace_triggered_by: [`bigip_ltm_virtual_server.${vsName}`] },
      });
      const [postcondition] = (command.lifecycle as { postcondition: { condition: string }[] })
        .postcondition;
      expect(postcondition.condition).toContain("self.command_result");
    });

    test("dotted mask: emits no apply-time tmsh command", () => {
      const commands = Object.values(JSON.parse(synth()).resource.bigip_command) as {
        when?: string;
      }[];
      expect(commands.map((command) => command.when)).toEqual(["destroy"]);
    });

    test.each([
      [{}, "/Common/2001:db8:10::12"],
      [{ routeDomain: 2 }, "/Common/2001:db8:10::12%2"],
      [{ existingPool: "/DA/hand_built_pool" }, "/DA/2001:db8:10::12"],
    ])(
      "deletes the member's node (left behind by the provider) after the pool is destroyed: %j",
      (overrides, node) => {
        const synthesized = JSON.parse(synth(overrides));
        const [[cleanupId, cleanup]] = Object.entries(synthesized.resource.bigip_command).filter(
          ([, command]) => (command as { when?: string }).when === "destroy",
        ) as [string, Record<string, unknown>][];
        expect(cleanup).toMatchObject({
          commands: [`delete ltm node ${node}`],
          when: "destroy",
          lifecycle: { ignore_changes: ["command_result"] },
        });
        const pool = onlyResource(JSON.stringify(synthesized), "bigip_ltm_pool");
        expect(pool.depends_on).toEqual([`bigip_command.${cleanupId}`]);
        // The old member goes before its node; a new node (address, route domain) replaces the
        // cleanup, which then deletes the old node.
        const member = onlyResource(JSON.stringify(synthesized), "bigip_ltm_pool_attachment");
        expect(member.depends_on).toEqual([`bigip_command.${cleanupId}`]);
        const [[nodeTriggerName, nodeTrigger]] = (
          Object.entries(synthesized.resource.terraform_data) as [string, { input: unknown }][]
        ).filter(([name]) => name.includes("_node_trigger_"));
        expect(nodeTrigger.input).toEqual({ node });
        expect(cleanup.lifecycle).toMatchObject({
          replace_triggered_by: [`terraform_data.${nodeTriggerName}`],
        });
      },
    );
  });

  test("with an existing node, the member uses it by name and no destroy-time command deletes it", () => {
    const synthesized = JSON.parse(synth({ existingNode: "/Common/DA2", routeDomain: 2 }));
    const member = onlyResource(JSON.stringify(synthesized), "bigip_ltm_pool_attachment");
    expect(member.node).toBe("/Common/DA2:0");
    expect(member.depends_on).toBeUndefined();
    const destroyTime = Object.values(synthesized.resource.bigip_command ?? {}).filter(
      (command) => (command as { when?: string }).when === "destroy",
    );
    expect(destroyTime).toEqual([]);
    expect(JSON.stringify(synthesized)).not.toContain("node_trigger");
  });

  test.each(["/Common/folder/DA2", "/Co.mmon/DA2", "DA2"])(
    "rejects an existing node the provider would not take by name: %s",
    (existingNode) => {
      expect(() => synth({ existingNode })).toThrow(/existingNode must be/);
    },
  );

  test("uses the fastL4 profile given", () => {
    expect(synth({ fastL4Profile: "/Common/fastL4_loose" })).toHaveResourceWithProperties(
      LtmVirtualServer,
      {
        profiles: ["/Common/fastL4_loose"],
      },
    );
  });

  test.each([
    [
      { clientPrefix: "2131:0:0:1001::" },
      "clientPrefix must be an IPv6 prefix in CIDR form, got '2131:0:0:1001::'",
    ],
    [{ internalAddress: "10.0.0.12" }, "internalAddress must be an IPv6 address, got '10.0.0.12'"],
    [{ vlans: [] }, "vlans must list at least one VLAN, got none"],
  ])("rejects bad props %j", (bad, message) => {
    expect(() => synth(bad)).toThrow(message);
  });
});
