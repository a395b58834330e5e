/** The checked inventory model that the stack is built from. */
import type { MaskWorkaround } from "../address/bigip-addressing";
import type { DeviceAddress } from "../device/device-address";
import type { BackendSettings } from "./backend-schema";

/** Settings of the internal BIG-IP, defaults applied. */
export interface BigipSettings {
  /**
   * Management address of the device the stack deploys to, parsed into its canonical form (one
   * device, one value: see lib/device/device-address.ts). @default - BIGIP_HOST
   */
  readonly host?: DeviceAddress;
  /**
   * The device's own host name(s), in lower case without a final dot, checked by `doctor`.
   * @default - not checked
   */
  readonly deviceHostname?: readonly string[];
  /** Terraform variables of the device's own login. @default - BIGIP_USER and BIGIP_PASSWORD */
  readonly credentials?: { readonly userVariable: string; readonly passwordVariable: string };
  /**
   * `false`: plan and apply do not verify the device's TLS certificate (a lab). Verified against
   * the CA in `BIGIP_CA_FILE`, as `doctor` verifies it. @default true
   */
  readonly validateCerts?: boolean;
  readonly partition: string;
  readonly vlans: readonly string[];
  /** A monitor path, or `"none"`. */
  readonly monitor: string;
  readonly namePrefix: string;
  readonly routeDomain?: number;
  readonly maskWorkaround: MaskWorkaround;
  /** An existing profile's full path, or `{ loose: true }` to create a loose fastL4 profile. */
  readonly fastL4Profile?: string | { readonly loose: true };
  /** HA pair: the device group to sync after changes. */
  readonly configSync?: { readonly deviceGroup: string };
  /** The corporate-side self IP: next hop of the corporate routers' routes to client prefixes. */
  readonly selfAddress?: string;
}

/** A DA server with the client prefix it owns resolved. */
export interface Server {
  readonly name: string;
  readonly internalAddress: string;
  /** The server's own prefix, or its entry point's when it is the only server. */
  readonly clientPrefix: string;
  /** Hand-built objects to adopt (import) instead of creating them. */
  readonly existing?: {
    readonly pool?: string;
    readonly virtualServer?: string;
    /** An existing node with the internal address, e.g. `/Common/DA2`: the member uses it. */
    readonly node?: string;
  };
}

/** A DirectAccess entry point and its servers. */
export interface EntryPoint {
  readonly name: string;
  readonly clientPrefix: string;
  readonly servers: readonly Server[];
}

/** One inventory file, checked: everything a stack needs. */
export interface Inventory {
  /** The file it was read from, as given. */
  readonly file: string;
  /** Terraform stack name: the inventory's `name`, else the file name without extension. */
  readonly stackName: string;
  readonly bigip: BigipSettings;
  readonly entryPoints: readonly EntryPoint[];
  /** Where Terraform keeps the stack's state. @default - a local file */
  readonly backend?: BackendSettings;
}
