/**
 * tmsh commands run through the provider's `bigip_command`. The provider stores tmsh's output in
 * `command_result` without checking it, so a failed command still "succeeds": every command here
 * carries a postcondition that fails the apply when the output reports an error.
 */
import type { ITerraformDependable, TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";
import { Command } from "../.gen/providers/bigip/command";

/** tmsh output that means the command failed. */
export const TMSH_ERROR_PATTERN = "(?i)(error|not found|invalid|unexpected)";

/** A tmsh command and what should happen around it. */
export interface TmshCommandProps {
  /** The tmsh command line, e.g. `run cm config-sync to-group Sync-Failover-Group`. */
  readonly command: string;
  /** What the apply error says when tmsh reports a failure. */
  readonly failureMessage: string;
  /**
   * `apply` runs the command on create; `destroy` runs it when the resource is destroyed.
   * @default "apply"
   */
  readonly when?: "apply" | "destroy";
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

/** A `bigip_command` whose apply fails when tmsh reports an error. */
export function tmshCommand(scope: Construct, id: string, props: TmshCommandProps): Command {
  const lifecycle: TerraformResourceLifecycle = {
    replaceTriggeredBy: props.replaceTriggeredBy,
    postcondition: [
      {
        condition: `\${alltrue([for line in self.command_result : !can(regex("${TMSH_ERROR_PATTERN}", line))])}`,
        errorMessage: props.failureMessage,
      },
    ],
  };
  return new Command(scope, id, {
    commands: [props.command],
    when: props.when,
    dependsOn: props.dependsOn,
    lifecycle,
  });
}
