/**
 * Terraform's proof that a run finished. cdktf's own exit code is not proof: with its terraform
 * child killed mid-apply (a stopped runner, out of memory) `cdktf deploy` was seen to exit 0 and
 * print the old outputs. So after a deploy, `terraform plan -detailed-exitcode` must find no
 * changes (exit 0 clean, 2 changes); after a destroy, the state must hold nothing.
 */
import type { Output } from "../cli/output";
import { lastLines } from "./process-runner";
import { terraform, type TerraformStack } from "./terraform";

/** After a deploy: true when the plan finds nothing to do; else says what is left. */
export function checkConverged(where: TerraformStack, out: Output): boolean {
  const { stack } = where;
  // TF_CLI_ARGS_plan carries the lock timeout.
  const plan = terraform(where, ["plan", "-detailed-exitcode", "-input=false"]);
  if (plan.status === 0) {
    out.stdout(
      `da-manage-out deploy: ${stack}: converged (the plan after the deploy finds no changes)\n`,
    );
    return true;
  }
  if (plan.status === 2) {
    const pending = plan.stdout
      .split("\n")
      .filter((line) => /^\s+# \S+ (will|must) be /.test(line) || /^Plan: /.test(line))
      .map((line) => `  ${line.trim()}`);
    out.stderr(
      `da-manage-out deploy: ${stack}: NOT converged: after the deploy Terraform still plans changes\n${pending.join("\n")}\n`,
    );
    return false;
  }
  out.stderr(
    `da-manage-out deploy: ${stack}: the plan after the deploy failed (exit ${plan.status}):\n${lastLines(plan)}\n`,
  );
  return false;
}

/** After a destroy: true when the state holds no resource; else says what is left. */
export function checkDestroyed(where: TerraformStack, out: Output): boolean {
  const { stack } = where;
  const list = terraform(where, ["state", "list"]);
  if (list.status !== 0) {
    out.stderr(`da-manage-out destroy: ${stack}: cannot read the state:\n${lastLines(list)}\n`);
    return false;
  }
  const left = list.stdout.split("\n").filter((line) => line.trim() !== "");
  if (left.length === 0) {
    out.stdout(`da-manage-out destroy: ${stack}: destroyed (the state holds nothing)\n`);
    return true;
  }
  out.stderr(
    `da-manage-out destroy: ${stack}: NOT destroyed: the state still holds ${left.length} resources, e.g. ${left.slice(0, 3).join(", ")}\n`,
  );
  return false;
}
