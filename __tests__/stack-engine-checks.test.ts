/**
 * What ManageOutStack gives up by skipping cdktf's preparing pass (manage-out-stack.ts,
 * `prepareStack`). On CDK Terrain that pass also records the Terraform functions, provider
 * functions and write-only attributes a stack uses, for synth checks against the declared
 * Terraform versions: run here by hand, it must find nothing those checks would act on.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DaManageOutEntry } from "../lib/constructs/da-manage-out-entry";
import { ManageOutStack } from "../lib/constructs/manage-out-stack";
import { loadInventories } from "../lib/inventory";

/** cdktn's internals of the preparing pass (cdktn 0.24; absent from cdktf 0.21). */
interface PreparingPass {
  _runPreparingResolve(): void;
  _getUsedFunctions(): string[];
  _getUsedProviderFunctions(): string[];
}

interface ProviderFeatureUsage {
  _registeredProviderFeatures?: Map<unknown, unknown>;
}

const onCdktn = process.env.DA_MANAGE_OUT_ENGINE === "cdktn";

/** The stacks to check: the examples, and an entry whose VLAN list Terraform joins at apply time. */
function stacks(): TerraformStack[] {
  const { inventories } = loadInventories([
    "inventories/corp-east.yaml",
    "inventories/corp-west.yaml",
  ]);
  const examples = inventories.map(
    (inventory) => new ManageOutStack(Testing.app(), inventory.stackName, { inventory }),
  );
  const referenced = new TerraformStack(Testing.app(), "referenced-vlans");
  const vlans = new TerraformVariable(referenced, "vlans", { type: "list(string)" });
  new DaManageOutEntry(referenced, "da-east-2", {
    entryPointName: "east",
    serverName: "da-east-2",
    internalAddress: "2001:db8:10::12",
    clientPrefix: "2131:0:0:1001::/64",
    vlans: vlans.listValue,
    routeDomain: 2,
  });
  return [...examples, referenced];
}

(onCdktn ? test : test.skip)(
  "on cdktn the skipped pass would record only join, which no Terraform version constrains",
  async () => {
    const { functionVersionConstraints } =
      await import("cdktn/lib/functions/function-availability.generated");
    const used = stacks().map((stack) => {
      const pass = stack as unknown as PreparingPass;
      pass._runPreparingResolve();
      return { functions: pass._getUsedFunctions(), provider: pass._getUsedProviderFunctions() };
    });

    expect(used).toEqual([
      { functions: [], provider: [] },
      { functions: [], provider: [] },
      { functions: ["join"], provider: [] },
    ]);
    expect(Object.keys(functionVersionConstraints)).not.toContain("join");
  },
);

(onCdktn ? test : test.skip)(
  "on cdktn the skipped pass would find no write-only attribute on any resource",
  () => {
    for (const stack of stacks()) {
      (stack as unknown as PreparingPass)._runPreparingResolve();
      const registered = stack.node
        .findAll()
        .filter(
          (element) => (element as unknown as ProviderFeatureUsage)._registeredProviderFeatures,
        );
      expect(registered.map((element) => element.node.path)).toEqual([]);
    }
  },
);
