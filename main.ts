/**
 * The cdktf app: one Terraform stack per inventory file in `inventories/`. Every inventory is read
 * and checked (the same checks as `da-manage-out validate`) before any stack is built; on an error
 * nothing is synthesized and the exit code is 1.
 */
import { App } from "cdktf";
import { formatProblem, hasErrors, listInventoryFiles, loadInventories } from "./lib/inventory";
import { ManageOutStack } from "./lib/constructs/manage-out-stack";

const INVENTORY_DIRECTORY = process.env.DA_MANAGE_OUT_INVENTORIES ?? "inventories";

function main(): number {
  let files: string[];
  try {
    files = listInventoryFiles(INVENTORY_DIRECTORY);
  } catch {
    console.error(
      `da-manage-out: no inventory folder ${INVENTORY_DIRECTORY}/, nothing synthesized`,
    );
    return 1;
  }
  const { inventories, problems, unreadable } = loadInventories(files);
  for (const reason of unreadable) console.error(`da-manage-out: cannot read ${reason}`);
  for (const problem of problems) console.error(formatProblem(problem));
  if (hasErrors(problems) || unreadable.length > 0) {
    console.error("da-manage-out: inventory errors, nothing synthesized");
    return 1;
  }
  const app = new App();
  for (const inventory of inventories) {
    new ManageOutStack(app, inventory.stackName, { inventory });
  }
  app.synth();
  return 0;
}

process.exitCode = main();
