import { createHash } from "node:crypto";
import type { ITerraformDependable } from "./cdk";
import { Construct } from "constructs";
import type { Command } from "../../.gen/providers/bigip/command";
import { resourceAddress } from "./resource-address";
import { TerraformData } from "./terraform-data";
import { tmshCommand } from "./tmsh-command";
import { configSyncCommandLine } from "./tmsh-command-lines";
import { propError, requireLiteral } from "./prop-error";
import { objectNameProblem } from "../validation/entry-values";

/** Props of the config sync of an HA pair. */
export interface ConfigSyncProps {
  /**
   * The sync-failover device group, e.g. `Sync-Failover-Group`: a literal, since it goes into the
   * tmsh command line (a Terraform reference is refused).
   */
  readonly deviceGroup: string;
  /** Every resource the sync must follow: the stack's pools, pool members and virtual servers. */
  readonly after: ITerraformDependable[];
  /** The desired configuration, in any JSON form; a change of it runs the sync again. */
  readonly desiredConfiguration: unknown;
}

/**
 * `run cm config-sync to-group <group>` after all Manage Out objects of a stack are in place, and
 * again whenever the desired configuration changes, so the standby unit of an HA pair gets every
 * change.
 */
export class ConfigSync extends Construct {
  /** The tmsh command that pushes the configuration to the device group. */
  public readonly command: Command;
  /** Holds a digest of the desired configuration; its change replaces (re-runs) the command. */
  public readonly trigger: TerraformData;

  constructor(scope: Construct, id: string, props: ConfigSyncProps) {
    super(scope, id);
    requireLiteral(
      "ConfigSync",
      this,
      "deviceGroup",
      props.deviceGroup,
      "give the device group's name itself: it goes into a tmsh command bash runs on the BIG-IP",
    );
    const problem = objectNameProblem(props.deviceGroup);
    if (problem) throw propError("ConfigSync", this, "deviceGroup", problem, props.deviceGroup);
    const digest = createHash("sha256")
      .update(JSON.stringify(props.desiredConfiguration))
      .digest("hex");
    this.trigger = new TerraformData(this, "trigger", { configuration_sha256: digest });
    this.command = tmshCommand(this, "command", {
      command: configSyncCommandLine(props.deviceGroup),
      failureMessage: `config sync to device group ${props.deviceGroup} failed; the standby unit does not have this change`,
      dependsOn: props.after,
      replaceTriggeredBy: [resourceAddress(this.trigger)],
    });
  }
}
