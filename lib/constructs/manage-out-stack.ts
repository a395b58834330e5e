import { TerraformOutput, TerraformStack, type ITerraformDependable } from "./cdk";
import { Construct } from "constructs";
import { BigipProvider } from "../../.gen/providers/bigip/provider";
import { ConfigSync } from "./config-sync";
import { DaManageOutEntry } from "./da-manage-out-entry";
import { HIDDEN_CONSTRUCT_ID } from "../defaults";
import { serverSettings } from "../manage-out-objects";
import {
  bigipWithout,
  CONNECTION_SETTINGS,
  type EntryPoint,
  type Inventory,
} from "../inventory/inventory";
import { LooseFastL4Profile } from "./loose-fastl4-profile";
import { assertPlainValues } from "./plain-inventory";
import { acceptAnyChildName } from "./prototype-free-children";
import { overrideAt, terraformDocument } from "./stack-document";
import { configureTerraform } from "./terraform-settings";
import { DeviceCredentials } from "./device-credentials";
import { providerTls } from "./provider-tls";
import { providerAddress } from "../device/device-address";
import { byKey } from "../text";
import { sameEngineScope } from "./engine";

/** Props of a Manage Out stack. */
export interface ManageOutStackProps {
  /** The checked inventory the stack is built from. */
  readonly inventory: Inventory;
}

/**
 * The Terraform stack of one inventory file: the BIG-IP provider and one `DaManageOutEntry` per DA
 * server, plus what the inventory asks for (a loose fastL4 profile, config sync of an HA pair, a
 * shared backend). The provider goes to `bigip.host` (else `BIGIP_HOST`) and logs in with the
 * variables `bigip.credentials` names (else `BIGIP_USER` and `BIGIP_PASSWORD`), so no credential
 * is ever written to the synthesized JSON. The provider verifies the device's TLS certificate
 * (against `BIGIP_CA_FILE`, as `doctor` does) unless `bigip.validateCerts` is `false`.
 */
export class ManageOutStack extends TerraformStack {
  /** The entries of the stack, sorted by entry point and server name. */
  public readonly entries: readonly DaManageOutEntry[];
  /** The config sync of the HA pair, when `bigip.configSync` is set. */
  public readonly configSync?: ConfigSync;
  /** The stack's own overrides, as cdktf records them (its record is private). */
  private readonly stackOverrides: Record<string, unknown> = {};

  constructor(scope: Construct, id: string, props: ManageOutStackProps) {
    super(sameEngineScope(scope, "ManageOutStack"), id);
    // Nothing of the inventory may reach cdktf as a reference.
    assertPlainValues(props.inventory);
    const { bigip, backend } = props.inventory;
    const entryPoints = sortedEntryPoints(props.inventory.entryPoints);
    configureTerraform(this, backend);

    // The provider posts telemetry to an internet endpoint on create, without a timeout: in a
    // closed network that hangs the apply. The device and its login come from the inventory when
    // it names them, so that each stack talks to its own BIG-IP whatever the environment holds.
    // Its TLS certificate is verified unless the inventory says otherwise (provider-tls.ts).
    const credentials = bigip.credentials
      ? new DeviceCredentials(this, "device_credentials", bigip.credentials)
      : undefined;
    new BigipProvider(this, "bigip", {
      teemDisable: true,
      ...providerTls(bigip),
      ...(bigip.host === undefined ? {} : providerAddress(bigip.host)),
      ...(credentials ? { username: credentials.username, password: credentials.password } : {}),
    });

    // The loose profile is given to the entries by its full path (serverSettings: a tmsh command
    // line holds literals only), and their pools depend on it: created before, destroyed after.
    const looseProfile =
      typeof bigip.fastL4Profile === "object"
        ? new LooseFastL4Profile(this, "fastl4_loose", bigip)
        : undefined;

    // Keyed by name, never by position: reordering an inventory changes nothing. The entry points
    // live in a scope of their own, so that no inventory name can meet the stack's own construct
    // ids (bigip, backend, config_sync...). Its id, "Default", is left out of Terraform resource
    // names by cdktf: the resource addresses are those of entry point and server alone.
    const entryPointsScope = new Construct(this, HIDDEN_CONSTRUCT_ID);
    acceptAnyChildName(entryPointsScope);
    const entries: DaManageOutEntry[] = [];
    for (const entryPoint of entryPoints) {
      const entryPointScope = new Construct(entryPointsScope, entryPoint.name);
      acceptAnyChildName(entryPointScope);
      for (const server of entryPoint.servers) {
        entries.push(
          new DaManageOutEntry(entryPointScope, server.name, {
            ...serverSettings(bigip, entryPoint, server),
            maskWorkaround: bigip.maskWorkaround,
            configSyncDeviceGroup: bigip.configSync?.deviceGroup,
            dependsOn: looseProfile ? [looseProfile.profile] : undefined,
          }),
        );
      }
    }
    this.entries = entries;

    if (bigip.configSync) {
      this.configSync = new ConfigSync(this, "config_sync", {
        deviceGroup: bigip.configSync.deviceGroup,
        after: entries.flatMap((entry): ITerraformDependable[] => [
          entry.pool,
          entry.poolAttachment,
          entry.virtualServer,
          ...(entry.settingsCommand ? [entry.settingsCommand] : []),
        ]),
        // What is configured on the device; how it is reached (host, login) is not.
        desiredConfiguration: { bigip: bigipWithout(bigip, CONNECTION_SETTINGS), entryPoints },
      });
    }

    new TerraformOutput(this, "manage_out_entries", {
      description:
        "Per DA server (<entry point>/<server>): its network virtual server and client prefix",
      value: Object.fromEntries(
        entries.map((entry) => [
          `${entry.entryPointName}/${entry.serverName}`,
          { virtual_server: entry.virtualServerName, client_prefix: entry.clientPrefix },
        ]),
      ),
    });
  }

  /**
   * cdktf's preparation resolves every element of the stack once, only to discover cross-stack
   * references, before synthesis resolves everything twice more. A Manage Out stack never
   * references another stack, so the preparing pass is skipped: about a quarter of the synth
   * time of a 3,200-server stack (see docs/performance.md).
   *
   * On CDK Terrain (cdktn 0.24) the same pass also records the `Fn.*` functions, provider
   * functions and write-only attributes a stack uses, for the synth checks against the declared
   * Terraform versions; skipped, those checks see nothing. Nothing is lost: these stacks use no
   * function, and the BIG-IP provider has no write-only attribute. The stack-engine-checks test
   * runs the pass on cdktn and holds both facts.
   */
  public override prepareStack(): void {
    this.ensureBackendExists();
  }

  public override addOverride(path: string, value: unknown): void {
    overrideAt(this.stackOverrides, path, value);
    super.addOverride(path, value);
  }

  /**
   * The stack's Terraform JSON, each element resolved once (see stack-document.ts): cdktf's own
   * `toTerraform()` resolves the whole document a second time.
   */
  public override toTerraform(): ReturnType<TerraformStack["toTerraform"]> {
    return terraformDocument(this, this.stackOverrides);
  }
}

/** Entry points and their servers sorted by name: the synthesized JSON ignores file order. */
function sortedEntryPoints(entryPoints: readonly EntryPoint[]): EntryPoint[] {
  return byName(entryPoints).map((entryPoint) => ({
    ...entryPoint,
    servers: byName(entryPoint.servers),
  }));
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort(byKey((item) => item.name));
}
