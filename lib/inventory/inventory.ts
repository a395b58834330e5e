/** The checked inventory model that the stack is built from. */
import type { z } from "zod";
import type { DeviceAddress } from "../device/device-address";
import type { BackendSettings } from "./backend-schema";
import type { bigipSchema } from "./inventory-schema";

/** `T` read-only down to its leaves, lists too: nothing changes the model once it is made. */
type ReadOnly<T> = T extends readonly (infer Item)[]
  ? readonly ReadOnly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: ReadOnly<T[Key]> }
    : T;

/**
 * Settings of the internal BIG-IP, defaults applied: the schema's `bigip` (whose `.describe()`
 * texts in inventory-schema.ts document each key), with the keys `toModel` parses replaced by
 * their parsed values. A key added to the schema is here without a line of its own.
 */
export interface BigipSettings extends ReadOnly<
  Omit<z.output<typeof bigipSchema>, "host" | "deviceHostname" | "routeDomain">
> {
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
  /**
   * Route domain id of the virtual servers and pool members; never 0: route domain 0 is written
   * as none (see `routeDomainSuffix`), so every reader takes `undefined` for "no `%<id>`".
   * @default - none: the partition's default route domain
   */
  readonly routeDomain?: number;
}

/**
 * The keys of `BigipSettings` that say how the device is reached (its address and identity, the
 * login, the TLS check), not what is configured on it: a change of one reshapes no object and
 * syncs nothing.
 */
export const CONNECTION_SETTINGS = [
  "host",
  "deviceHostname",
  "credentials",
  "validateCerts",
] as const satisfies readonly (keyof BigipSettings)[];

/** `bigip` without `keys`, the others in their order, for a reader of part of the settings. */
export function bigipWithout<Key extends keyof BigipSettings>(
  bigip: BigipSettings,
  keys: readonly Key[],
): Omit<BigipSettings, Key> {
  const settings: Record<string, unknown> = { ...bigip };
  for (const key of keys) delete settings[key];
  return settings as Omit<BigipSettings, Key>;
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
