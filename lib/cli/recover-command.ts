/** `da-manage-out recover <stack>`. */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { runProcess, type RunResult } from "../deploy/process-runner";
import { stackFolder } from "../deploy/synthesized-stacks";
import { terraform, type TerraformStack } from "../deploy/terraform";
import { readDeviceIdentity, readFastL4Profiles, readLtm } from "../device/device-snapshot";
import type { Inventory } from "../inventory";
import { inventoryFolder } from "../inventory/load-inventories";
import { localStateFile } from "../inventory/state-location";
import { showValue } from "../io/show-value";
import { checkDevice, formatChecks } from "../tools/doctor";
import { formatRecovery, orderedActions, planRecovery, stateResources } from "../tools/recover";
import { checkedInventories, UsageError, type Command } from "./command";
import { DEVICE_HELP, DEVICE_OPTIONS, groupByDevice, withDeviceSession } from "./device-session";
import { EXIT } from "./exit-codes";

export const recoverCommand: Command = {
  name: "recover",
  summary:
    "after an interrupted deploy or destroy: the stack's device objects and its state agree again",
  help: `Usage: da-manage-out recover <stack> [options]

After a deploy or destroy that did not finish (terraform killed, a lost connection), the device
and the stack's Terraform state disagree, and the next deploy fails (\`already exists\`) or plans
wrong. recover compares the stack's objects on its device (bigip.host) with its state and:
- deletes from the device each object of the stack that the state does not know (a virtual
  server, a pool member, a pool, the loose fastL4 profile): the next deploy creates it again
  from the inventory;
- removes from the state each resource whose object is gone from the device.
An object counts as the stack's only with a name the inventory generates and the shape a run of
the provider leaves after one of its writes: the description the stack writes, or, for a pool
killed between its POST and the PUT of its description, nothing but its name (no description,
monitor or member, slowRampTime 0); the loose profile with the settings the stack writes.
Anything else with such a name stops recover before it changes anything, saying why. Adopted
(existing:) objects and nodes are never deleted. Other objects are never touched.

A state that holds nothing while the device holds objects of the stack is either a first deploy
interrupted before Terraform wrote its state, or a lost state: Terraform rewrites a local state
file in place, so a run killed while writing leaves it empty (the previous one is beside it as
terraform.tfstate.backup). recover then deletes nothing unless --empty-state says it is the
first case; restore a lost state instead: deleting would take Manage Out down until the next
deploy has created every object again.

Without --apply it only prints what it would do. Run it on the commit that was being deployed,
after npm run synth; it reads the state with terraform in cdktf.out/stacks/<stack>. Then deploy
again (npm run deploy -- <stack>), which verifies that the plan after it is empty.

${DEVICE_HELP.environment}

Options:
  --apply               do it (deletes on the device need an account that may write)
  --empty-state         the state is empty because the first deploy was interrupted: delete
                        its objects all the same
  --allow-standby       accept a device that is the standby unit of its HA pair
  --outdir <dir>        the synthesized output (default CDKTF_OUTDIR, else cdktf.out)
${DEVICE_HELP.options}
  -h, --help            show this help

Exit codes: 0 nothing to do or done (or, without --apply, the steps printed), 1 an object that
cannot be attributed to the stack, the wrong device, or a step failed, 2 usage error, no state
to read, or cannot connect or log in.
`,
  options: {
    ...DEVICE_OPTIONS,
    apply: { type: "boolean" },
    "empty-state": { type: "boolean" },
    "allow-standby": { type: "boolean" },
    outdir: { type: "string" },
  },
  async run(values, positionals, out) {
    if (positionals.length !== 1) throw new UsageError("name one stack: recover <stack>");
    const stack = positionals[0];
    const inventories = checkedInventories([], out);
    if (typeof inventories === "number") return inventories;
    const inventory = inventories.find((candidate) => candidate.stackName === stack);
    if (!inventory) {
      throw new UsageError(
        `no stack ${showValue(stack)} in ${showValue(inventoryFolder())}/ (stacks: ${inventories.map((i) => i.stackName).join(", ")})`,
      );
    }
    const outdir = (values.outdir as string | undefined) ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
    const where: TerraformStack = {
      stack,
      outdir,
      env: { CHECKPOINT_DISABLE: "1", ...process.env },
      run: runProcess,
    };
    const stackDirectory = stackFolder(outdir, stack);
    if (!existsSync(path.join(stackDirectory, "cdk.tf.json"))) {
      out.stderr(
        `da-manage-out recover: ${showValue(stackDirectory)} holds no synthesized stack: run npm run synth first\n`,
      );
      return EXIT.usage;
    }
    const state = readState(where);
    if ("error" in state) {
      out.stderr(`da-manage-out recover: cannot read the state of ${stack}: ${state.error}\n`);
      return EXIT.usage;
    }
    const [group] = groupByDevice([inventory]);
    return withDeviceSession("recover", values, out, group.target, async (client) => {
      const [identity, ltm, fastL4Profiles] = await Promise.all([
        readDeviceIdentity(client),
        readLtm(client),
        readFastL4Profiles(client),
      ]);
      const checks = checkDevice(
        [inventory],
        { url: client.url, identity },
        {
          allowStandby: values["allow-standby"] === true,
        },
      );
      out.stdout(formatChecks(checks) + "\n");
      if (checks.some((check) => !check.ok)) return EXIT.invalidInput;

      const plan = planRecovery(inventory, state.resources, { ...ltm, fastL4Profiles });
      const lines = formatRecovery(plan);
      out.stdout(
        `${stack}: ${state.resources.length} resources in the state; ${lines.length === 0 ? "the device and the state agree, nothing to do" : "recovery:"}\n`,
      );
      if (lines.length > 0) out.stdout(lines.map((line) => `  ${line}`).join("\n") + "\n");
      if (plan.refusals.length > 0) {
        out.stderr(
          `da-manage-out recover: nothing done: ${plan.refusals.length} object(s) cannot be attributed to ${stack}\n`,
        );
        return EXIT.invalidInput;
      }
      if (plan.actions.length === 0) return EXIT.ok;
      const deletions = plan.actions.filter((action) => action.restPath).length;
      if (state.resources.length === 0 && deletions > 0 && values["empty-state"] !== true) {
        out.stderr(
          `da-manage-out recover: nothing done: ${emptyStateAdvice(inventory, deletions)}\n`,
        );
        return EXIT.invalidInput;
      }
      if (values.apply !== true) {
        out.stdout("dry run: nothing changed; run again with --apply to do this\n");
        return EXIT.ok;
      }
      const forget: string[] = [];
      for (const action of orderedActions(plan)) {
        if (action.restPath) {
          await client.delete(action.restPath);
          out.stdout(`done     ${action.kind} ${showValue(action.object)}\n`);
        } else if (action.address) {
          forget.push(action.address);
        }
      }
      if (forget.length > 0) {
        const removed = terraform(where, ["state", "rm", ...forget]);
        if (removed.status !== 0) {
          out.stderr(`da-manage-out recover: terraform state rm failed: ${lastLine(removed)}\n`);
          return EXIT.invalidInput;
        }
        out.stdout(`done     removed ${forget.length} resource(s) from the state\n`);
      }
      out.stdout(
        `${stack}: the device and the state agree; now run the interrupted deploy or destroy again: npm run deploy -- ${stack} (or npm run destroy -- ${stack})\n`,
      );
      return EXIT.ok;
    });
  },
};

/**
 * What to do about an empty state while the device holds objects of the stack: a lost state is
 * restored (Terraform rewrites a local state file in place and keeps the previous one as
 * `<file>.backup`), an interrupted first deploy is told with --empty-state.
 */
function emptyStateAdvice(inventory: Inventory, deletions: number): string {
  const stack = inventory.stackName;
  const file = localStateFile(stack, inventory.backend);
  const backup = file === undefined ? undefined : `${file}.backup`;
  const restore =
    backup !== undefined && existsSync(backup)
      ? `restore it (${showValue(path.relative(process.cwd(), backup))} is the state before the last run) and run recover again`
      : "restore it from your backend's history and run recover again";
  return `the state of ${stack} holds nothing, and the device holds ${deletions} object(s) of it. If the state was lost (a run killed while Terraform rewrote a local state file leaves it empty), ${restore}: deleting would take Manage Out down until the next deploy. If the first deploy of ${stack} was interrupted before Terraform wrote any state, run again with --empty-state`;
}

/** The stack's state through Terraform (any backend): initialises the folder first if needed. */
function readState(
  where: TerraformStack,
): { resources: ReturnType<typeof stateResources> } | { error: string } {
  if (!existsSync(path.join(stackFolder(where.outdir, where.stack), ".terraform"))) {
    const init = terraform(where, ["init", "-input=false"]);
    if (init.status !== 0) return { error: `terraform init failed: ${lastLine(init)}` };
  }
  const pull = terraform(where, ["state", "pull"]);
  if (pull.status !== 0) return { error: `terraform state pull failed: ${lastLine(pull)}` };
  if (pull.stdout.trim() === "") return { resources: [] };
  try {
    return { resources: stateResources(JSON.parse(pull.stdout)) };
  } catch {
    return { error: "terraform state pull printed no JSON" };
  }
}

function lastLine(result: RunResult): string {
  const text = `${result.stderr}${result.error?.message ?? ""}`.trim() || result.stdout.trim();
  return showValue(
    text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .pop() ?? "no output",
    300,
  );
}
