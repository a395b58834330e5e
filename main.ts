/**
 * The cdktf app: one Terraform stack per inventory file in `inventories/` (or
 * DA_MANAGE_OUT_INVENTORIES). Every inventory is read
 * and checked (the same checks as `da-manage-out validate`, lib/inventory/synth-check.ts) before
 * any stack is built; on an error nothing is synthesized and the exit code is 1.
 */
import { App } from "./lib/constructs/cdk";
import { checkInventoriesForSynth, inventoryFolder } from "./lib/inventory";
import { ManageOutStack } from "./lib/constructs/manage-out-stack";

function main(): number {
  const { inventories, messages, failed } = checkInventoriesForSynth(inventoryFolder());
  for (const message of messages) console.error(message);
  if (failed) return 1;
  const app = new App();
  for (const inventory of inventories) {
    new ManageOutStack(app, inventory.stackName, { inventory });
  }
  app.synth();
  return 0;
}

process.exitCode = main();
