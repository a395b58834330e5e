import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { BigipProvider } from "../.gen/providers/bigip/provider";
import { DaManageOutEntry } from "./da-manage-out-entry";
import type { Inventory } from "./inventory";

/** Props of a Manage Out stack. */
export interface ManageOutStackProps {
  /** The checked inventory the stack is built from. */
  readonly inventory: Inventory;
}

/**
 * The Terraform stack of one inventory file: the BIG-IP provider and one `DaManageOutEntry` per DA
 * server. The provider reads `BIGIP_HOST`, `BIGIP_USER` and `BIGIP_PASSWORD` from the environment,
 * so no credential is ever written to the synthesized JSON.
 */
export class ManageOutStack extends TerraformStack {
  /** The entries of the stack, sorted by entry point and server name. */
  public readonly entries: readonly DaManageOutEntry[];

  constructor(scope: Construct, id: string, props: ManageOutStackProps) {
    super(scope, id);
    const { bigip, entryPoints } = props.inventory;

    // The provider posts telemetry to an internet endpoint on create, without a timeout: in a
    // closed network that hangs the apply.
    new BigipProvider(this, "bigip", { teemDisable: true });

    // Sorted and keyed by name, never by position: reordering an inventory changes nothing.
    const entries: DaManageOutEntry[] = [];
    const outputs: Record<string, { virtual_server: string; client_prefix: string }> = {};
    for (const entryPoint of byName(entryPoints)) {
      const entryPointScope = new Construct(this, entryPoint.name);
      for (const server of byName(entryPoint.servers)) {
        const entry = new DaManageOutEntry(entryPointScope, server.name, {
          entryPointName: entryPoint.name,
          serverName: server.name,
          internalAddress: server.internalAddress,
          clientPrefix: server.clientPrefix,
          vlans: bigip.vlans,
          partition: bigip.partition,
          namePrefix: bigip.namePrefix,
          monitor: bigip.monitor,
          routeDomain: bigip.routeDomain,
        });
        entries.push(entry);
        outputs[`${entryPoint.name}/${server.name}`] = {
          virtual_server: entry.virtualServer.name,
          client_prefix: entry.clientPrefix,
        };
      }
    }
    this.entries = entries;

    new TerraformOutput(this, "manage_out_entries", {
      description:
        "Per DA server (<entry point>/<server>): its network virtual server and client prefix",
      value: outputs,
    });
  }
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
