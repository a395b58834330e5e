/** Names of the BIG-IP objects emitted for one DA server, in one place for constructs and checks. */
import { DEFAULT_NAME_PREFIX, DEFAULT_PARTITION } from "./defaults";

/** What a Manage Out object name is composed of. */
export interface ManageOutObjectNameParts {
  readonly partition: string;
  readonly namePrefix: string;
  readonly entryPointName: string;
  readonly serverName: string;
}

/** Full path of the LTM pool, `/<partition>/<namePrefix>_<entryPoint>_<server>_pool`. */
export function poolName(parts: ManageOutObjectNameParts): string {
  return objectName(parts, "pool");
}

/** Full path of the network virtual server, `/<partition>/<namePrefix>_<entryPoint>_<server>_vs`. */
export function virtualServerName(parts: ManageOutObjectNameParts): string {
  return objectName(parts, "vs");
}

/** What a DA server's object names come from: the parts, defaults applied, or adopted names. */
export interface ManageOutNameSettings {
  readonly entryPointName: string;
  readonly serverName: string;
  /** @default "Common" */
  readonly partition?: string;
  /** @default "da_mo" */
  readonly namePrefix?: string;
  /** @default - composed */
  readonly existingPool?: string;
  /** @default - composed */
  readonly existingVirtualServer?: string;
}

/**
 * Full paths of a DA server's pool and virtual server: the adopted ones where given, else
 * composed from partition, name prefix, entry point and server.
 */
export function manageOutNames(settings: ManageOutNameSettings): {
  readonly pool: string;
  readonly virtualServer: string;
} {
  const parts = {
    partition: settings.partition ?? DEFAULT_PARTITION,
    namePrefix: settings.namePrefix ?? DEFAULT_NAME_PREFIX,
    entryPointName: settings.entryPointName,
    serverName: settings.serverName,
  };
  return {
    pool: settings.existingPool ?? poolName(parts),
    virtualServer: settings.existingVirtualServer ?? virtualServerName(parts),
  };
}

/**
 * Full path of a stack's loose fastL4 profile (`fastL4Profile: { loose: true }`),
 * `/<partition>/<namePrefix>_fastl4_loose`.
 */
export function looseFastL4ProfileName(parts: {
  readonly partition: string;
  readonly namePrefix: string;
}): string {
  return `/${parts.partition}/${parts.namePrefix}_fastl4_loose`;
}

function objectName(parts: ManageOutObjectNameParts, suffix: string): string {
  return `/${parts.partition}/${parts.namePrefix}_${parts.entryPointName}_${parts.serverName}_${suffix}`;
}

/** Start of the description of every pool and virtual server a stack creates. */
const DESCRIPTION_START = "DirectAccess Manage Out to IP-HTTPS clients ";

/**
 * The description of a DA server's pool and virtual server: says on the device what the object
 * is for, and marks it as made by this tool (`recover` attributes objects by it, as the
 * description of manage-out-objects.ts gives it).
 */
export function manageOutDescription(clientPrefix: string, serverName: string): string {
  return `${DESCRIPTION_START}${clientPrefix} via DA server ${serverName}`;
}

/** True when a device object's description is the one a stack writes for this DA server. */
export function isManageOutDescription(
  description: string | undefined,
  serverName: string,
): boolean {
  return (
    description !== undefined &&
    description.startsWith(DESCRIPTION_START) &&
    description.endsWith(` via DA server ${serverName}`)
  );
}
