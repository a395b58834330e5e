/** Terraform in a synthesized stack's folder, through an injectable runner. */
import type { RunProcess, RunResult } from "./process-runner";
import { stackFolder } from "./synthesized-stacks";

/** Where and with what a stack's Terraform runs. */
export interface TerraformStack {
  readonly stack: string;
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly run: RunProcess;
}

/** `terraform <args> -no-color` in the stack's folder, its output captured. */
export function terraform({ stack, outdir, env, run }: TerraformStack, args: string[]): RunResult {
  return run("terraform", [...args, "-no-color"], { cwd: stackFolder(outdir, stack), env });
}
