// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * What ManageOutStack gives up by skipping cdktf's preparing pass (manage-out-stack.ts,
 * `prepareStack`). On CDK Terrain that pass also records the Terraform functions, provider
 * functions and write-only attributes a stack uses, for synth checks against the declared
 * Terraform versions: run here by hand, it must find nothing those checks would act on.
 */
import { TerraformStack, Testing } from "cdktf";
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

/** The stacks to check: the examples (corp-west: a route domain, a loose profile, config sync). */
function stacks(): TerraformStack[] {
  const { inventories } = loadInventories([
    "inventories/corp-east.yaml",
    "inventories/corp-west.yaml",
  ]);
  return inventories.map(
    (inventory) => new ManageOutStack(Testing.app(), inventory.stackName, { inventory }),
  );
}

(onCdktn ? test : test.skip)(
  "on cdktn the skipped pass would record no function, which a Terraform version could constrain",
  () => {
    const used = stacks().map((stack) => {
      const pass = stack as unknown as PreparingPass;
      pass._runPreparingResolve();
      return { functions: pass._getUsedFunctions(), provider: pass._getUsedProviderFunctions() };
    });

    expect(used).toEqual([
      { functions: [], provider: [] },
      { functions: [], provider: [] },
    ]);
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
