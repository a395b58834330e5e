/**
 * tmsh commands run through the provider's `bigip_command`. The provider stores tmsh's output in
 * `command_result` without checking it, so a failed command still "succeeds": every apply-time
 * command here carries a postcondition that fails the apply when the output reports an error.
 *
 * Destroy-time commands (`when = "destroy"`) are different (F5Networks/bigip 1.24.1,
 * `resource_bigip_command.go`): the provider runs them on delete and discards their output, and
 * leaves `command_result` null at create. A postcondition cannot see their result, and the SDK
 * plans the empty Optional+Computed `command_result` as unknown on every plan, so they ignore it.
 */
import type { ITerraformDependable, TerraformResourceLifecycle } from "./cdk";
import type { Construct } from "constructs";
import { Command } from "../../.gen/providers/bigip/command";
import { addDependencies } from "./resource-address";
import { tmshLineProblem } from "./tmsh-command-lines";

/**
 * tmsh output that means the command failed: words of tmsh's own syntax errors, and any line
 * starting with a BIG-IP message id (`01070333:3: Virtual Server ... illegally shares ...`),
 * which is how mcpd reports a refused change, often without any of those words.
 */
export const TMSH_ERROR_PATTERN = "(?im)(error|not found|invalid|unexpected|^[0-9a-f]{8}:[0-9]:)";

/** A tmsh command run when its resource is created (and again when it is replaced). */
export interface TmshApplyCommandProps {
  /** The tmsh command line, e.g. `run cm config-sync to-group Sync-Failover-Group`. */
  readonly command: string;
  /** What the apply error says when tmsh reports a failure. */
  readonly failureMessage: string;
  /**
   * Resources the command runs after.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Resource addresses (`<type>.<name>`) whose change runs the command again.
   * @default - none
   */
  readonly replaceTriggeredBy?: string[];
}

/** A `bigip_command` run at create whose apply fails when tmsh reports an error. */
export function tmshCommand(scope: Construct, id: string, props: TmshApplyCommandProps): Command {
  const lifecycle: TerraformResourceLifecycle = {
    replaceTriggeredBy: props.replaceTriggeredBy,
    postcondition: [
      {
        condition: `\${alltrue([for line in self.command_result : !can(regex("${TMSH_ERROR_PATTERN}", line))])}`,
        errorMessage: props.failureMessage,
      },
    ],
  };
  const command = new Command(scope, id, { commands: [checkedLine(props.command)], lifecycle });
  addDependencies(command, props.dependsOn);
  return command;
}

/**
 * A `bigip_command` that runs a tmsh command when the resource is destroyed. Its output is not
 * checked (the provider discards it), so use it only where a failure is harmless or visible
 * elsewhere.
 */
export function tmshCommandOnDestroy(
  scope: Construct,
  id: string,
  command: string,
  options: {
    /** Resources destroyed after this command runs. */
    readonly dependsOn?: ITerraformDependable[];
    /**
     * Resource addresses whose change replaces the command, which runs it (with its old command
     * line) on the way: a changed command line alone is an update, which runs nothing.
     */
    readonly replaceTriggeredBy?: string[];
  } = {},
): Command {
  const resource = new Command(scope, id, {
    commands: [checkedLine(command)],
    when: "destroy",
    lifecycle: {
      ignoreChanges: ["command_result"],
      replaceTriggeredBy: options.replaceTriggeredBy,
    },
  });
  addDependencies(resource, options.dependsOn);
  return resource;
}

/**
 * `line`, when it is fit for bash on the BIG-IP (`tmshLineProblem`): the lines are built from
 * checked words (tmsh-command-lines.ts); this keeps a line built otherwise from any `bigip_command`.
 */
function checkedLine(line: string): string {
  const problem = tmshLineProblem(line);
  if (problem) throw new Error(`a tmsh command line ${problem}; it was not written`);
  return line;
}
