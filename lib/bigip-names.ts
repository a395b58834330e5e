/** Names of the BIG-IP objects emitted for one DA server, in one place for constructs and checks. */

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

function objectName(parts: ManageOutObjectNameParts, suffix: string): string {
  return `/${parts.partition}/${parts.namePrefix}_${parts.entryPointName}_${parts.serverName}_${suffix}`;
}
