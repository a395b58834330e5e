/**
 * What `doctor` and `audit` read from the device: whole collections with `$select`, so that the
 * number of requests does not grow with the number of DA servers; virtual servers and pools with
 * `expandSubcollections=true` in pages of `LTM_PAGE_SIZE`, since one expanded read of a large
 * device outlasts any timeout (BigIPReport issue 74: ~250 to 1,350 virtual servers).
 */
import type { IcontrolClient } from "./icontrol-client";

/** What these reads need of a session: GET below `/mgmt/tm/` (a fixture can stand in). */
export type DeviceReader = Pick<IcontrolClient, "get">;

/**
 * Objects per page of an expanded read (`$top`). f5-ansible's `bigip_device_info` pages every
 * collection (10 a page by default) until a page has no items; 100 expanded virtual servers are
 * far from the sizes reported to time out.
 */
export const LTM_PAGE_SIZE = 100;

/** Monitor types whose collections `doctor` looks a monitor up in. */
export const MONITOR_TYPES = [
  "gateway-icmp",
  "icmp",
  "tcp",
  "tcp-half-open",
  "http",
  "https",
  "udp",
] as const;

/** Which device answered: its own host name and its failover state. */
export interface DeviceIdentity {
  /** `sys/global-settings` hostname, e.g. `bigip-east-1.corp.example`. */
  readonly hostname?: string;
  /** The failover state of this unit (`cm/device`, the item with `selfDevice` "true"): active, standby... */
  readonly failoverState?: string;
}

/** A virtual server as the device shows it. */
export interface DeviceVirtualServer {
  readonly fullPath: string;
  /** `/Common/2001:db8::%2.0` */
  readonly destination?: string;
  /** `ffff:ffff:ffff:ffff::`, `any6` (a /0 IPv6 mask) or `any` */
  readonly mask?: string;
  /** Clients it takes traffic from: `::/0`, `::%2/0` */
  readonly source?: string;
  readonly ipProtocol?: string;
  readonly pool?: string;
  readonly translateAddress?: string;
  readonly translatePort?: string;
  readonly description?: string;
  readonly sourceAddressTranslation?: { readonly type?: string };
  readonly vlansEnabled?: boolean;
  readonly vlans?: readonly string[];
  readonly profiles: readonly string[];
}

/** A pool member as the device shows it. */
export interface DevicePoolMember {
  /** `2001:db8:10::12%2.0` */
  readonly name: string;
  /** Monitor state: `up`, `down`, `unchecked`, `user-down`, ... */
  readonly state?: string;
  /** `monitor-enabled`, `user-enabled`, `user-disabled`, ... */
  readonly session?: string;
}

/** A pool and its members. */
export interface DevicePool {
  readonly fullPath: string;
  readonly description?: string;
  /** `/Common/gateway_icmp ` (the device may add a space), `min 1 of { … }`; absent for none. */
  readonly monitor?: string;
  /** Seconds of slow ramp for a member that comes up: the device's default is 10. */
  readonly slowRampTime?: number;
  readonly members: readonly DevicePoolMember[];
}

/**
 * Every virtual server and pool, and each partition's default route domain, to read their
 * addresses in whichever form the device shows (shown-address.ts).
 */
export interface DeviceLtm {
  readonly virtualServers: DeviceVirtualServer[];
  readonly pools: DevicePool[];
  /** As `DeviceInventory.partitionRouteDomains`. */
  readonly partitionRouteDomains: ReadonlyMap<string, number>;
}

/** The device's configuration objects that matter for checks before a deploy. */
export interface DeviceInventory {
  readonly version?: string;
  readonly partitions: ReadonlySet<string>;
  readonly vlans: ReadonlySet<string>;
  readonly routeDomains: ReadonlySet<number>;
  readonly deviceGroups: ReadonlySet<string>;
  readonly fastL4Profiles: ReadonlySet<string>;
  readonly monitors: ReadonlySet<string>;
  /**
   * Default route domain of each partition (`auth/partition` `defaultRouteDomain`), by name; a
   * partition not listed has 0.
   */
  readonly partitionRouteDomains: ReadonlyMap<string, number>;
  /** Nodes: full path → address as the device shows it (`2001:db8:10::11%2`). */
  readonly nodes: ReadonlyMap<string, string>;
  /** Virtual servers: full path → destination as the device shows it (`/Common/2001:db8::.0`). */
  readonly destinations: ReadonlyMap<string, string>;
}

/**
 * The objects of a collection answer. The device's answers are read as untrusted data: anything
 * that is not a list of objects counts as none, and each field is taken only with its type.
 */
function items(answer: unknown): readonly Record<string, unknown>[] {
  const list = isObject(answer) ? answer.items : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function fullPaths(answer: unknown): Set<string> {
  return new Set(
    items(answer)
      .map((item) => item.fullPath)
      .filter((path): path is string => typeof path === "string"),
  );
}

/** The TMOS version from `sys/version`, e.g. `17.1.1`. */
function versionOf(answer: unknown): string | undefined {
  const entries = isObject(answer) && isObject(answer.entries) ? answer.entries : {};
  for (const entry of Object.values(entries)) {
    const nested = isObject(entry) && isObject(entry.nestedStats) ? entry.nestedStats.entries : {};
    const version = isObject(nested) && isObject(nested.Version) ? nested.Version : {};
    if (typeof version.description === "string") return version.description;
  }
  return undefined;
}

/** Reads what `doctor` checks: a fixed number of requests. */
export async function readDeviceInventory(client: DeviceReader): Promise<DeviceInventory> {
  const select = { $select: "fullPath" };
  // Every read inside the one Promise.all: a failed read left outside it would reject with no
  // one waiting, which ends the process before the session logs out.
  const [
    nodes,
    destinations,
    partitionRouteDomains,
    [version, folders, vlans, routeDomains, deviceGroups, fastL4, ...monitors],
  ] = await Promise.all([
    readNodes(client),
    readPages(client, "ltm/virtual", { $select: "fullPath,destination" }),
    readPartitionRouteDomains(client),
    Promise.all([
      client.get("sys/version"),
      client.get("sys/folder", select),
      client.get("net/vlan", select),
      client.get("net/route-domain", { $select: "fullPath,id" }),
      client.get("cm/device-group", { $select: "fullPath,name" }),
      client.get("ltm/profile/fastl4", select),
      ...MONITOR_TYPES.map((type) => client.get(`ltm/monitor/${type}`, select)),
    ]),
  ]);
  return {
    version: versionOf(version),
    partitions: new Set(
      [...fullPaths(folders)].filter((path) => /^\/[^/]+$/.test(path)).map((path) => path.slice(1)),
    ),
    vlans: fullPaths(vlans),
    routeDomains: new Set(
      items(routeDomains)
        .map((item) => item.id)
        .filter((id): id is number => typeof id === "number"),
    ),
    deviceGroups: new Set(
      items(deviceGroups)
        .map((item) => item.name)
        .filter((name): name is string => typeof name === "string"),
    ),
    fastL4Profiles: fullPaths(fastL4),
    monitors: new Set(monitors.flatMap((answer) => [...fullPaths(answer)])),
    partitionRouteDomains,
    nodes,
    destinations: new Map(
      destinations.flatMap((item) => {
        const fullPath = text(item.fullPath);
        const destination = text(item.destination);
        return fullPath === undefined || destination === undefined ? [] : [[fullPath, destination]];
      }),
    ),
  };
}

/**
 * Default route domain of each partition (`auth/partition` `defaultRouteDomain`), by name: one
 * request. A partition not listed has 0.
 */
export async function readPartitionRouteDomains(
  client: DeviceReader,
): Promise<Map<string, number>> {
  const answer = await client.get("auth/partition", { $select: "name,defaultRouteDomain" });
  return new Map(
    items(answer).flatMap((partition) => {
      const name = text(partition.name);
      const id = partition.defaultRouteDomain;
      return name === undefined || typeof id !== "number" ? [] : [[name, id]];
    }),
  );
}

/** The nodes: full path → address as the device shows it. One request. */
export async function readNodes(client: DeviceReader): Promise<Map<string, string>> {
  return new Map(
    items(await client.get("ltm/node", { $select: "fullPath,address" })).flatMap((node) => {
      const fullPath = text(node.fullPath);
      const address = text(node.address);
      return fullPath === undefined || address === undefined ? [] : [[fullPath, address]];
    }),
  );
}

/**
 * The device's host name and failover state: two requests. `selfDevice` is the string "true" on
 * the unit that answers (f5-ansible `bigip_hostname.py`, `bigip_device_info.py` and their test
 * fixtures `load_tm_cm_device_default.json`, `load_sys_global_settings.json`).
 */
export async function readDeviceIdentity(client: DeviceReader): Promise<DeviceIdentity> {
  const [settings, devices] = await Promise.all([
    client.get("sys/global-settings", { $select: "hostname" }),
    client.get("cm/device", { $select: "hostname,selfDevice,failoverState" }),
  ]);
  const self = items(devices).find((device) => device.selfDevice === "true");
  return {
    hostname: text(isObject(settings) ? settings.hostname : undefined) ?? text(self?.hostname),
    failoverState: text(self?.failoverState),
  };
}

/**
 * The objects of a collection, a page of `LTM_PAGE_SIZE` at a time (`$top`, `$skip`), as
 * f5-ansible's `bigip_device_info` reads: one request per page, each well within the client's
 * timeout. A page with fewer objects than asked for is the last (f5-ansible reads one more, empty
 * page; this saves it); a page that repeats the one before means the device ignored `$skip`.
 */
async function readPages(
  client: DeviceReader,
  path: string,
  query: Record<string, string>,
): Promise<readonly Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let previous: string | undefined;
  for (let skip = 0; ; skip += LTM_PAGE_SIZE) {
    const page = items(
      await client.get(path, { ...query, $top: String(LTM_PAGE_SIZE), $skip: String(skip) }),
    );
    const shown = JSON.stringify(page);
    if (shown === previous) return all;
    previous = shown;
    all.push(...page);
    if (page.length < LTM_PAGE_SIZE) return all;
  }
}

/**
 * Every virtual server and pool, with profiles and members: per collection one request per
 * `LTM_PAGE_SIZE` objects (and one that finds none when the count is a multiple of it); and the
 * partitions' default route domains (one request).
 */
export async function readLtm(client: DeviceReader): Promise<DeviceLtm> {
  const [partitionRouteDomains, virtuals, pools] = await Promise.all([
    readPartitionRouteDomains(client),
    readPages(client, "ltm/virtual", {
      expandSubcollections: "true",
      $select:
        "fullPath,description,destination,mask,source,ipProtocol,pool,translateAddress,translatePort,sourceAddressTranslation,vlansEnabled,vlans,profilesReference",
    }),
    readPages(client, "ltm/pool", {
      expandSubcollections: "true",
      $select: "fullPath,description,monitor,slowRampTime,membersReference",
    }),
  ]);
  return {
    partitionRouteDomains,
    virtualServers: virtuals.map((item) => ({
      fullPath: String(item.fullPath),
      destination: text(item.destination),
      mask: text(item.mask),
      source: text(item.source),
      ipProtocol: text(item.ipProtocol),
      pool: text(item.pool),
      translateAddress: text(item.translateAddress),
      translatePort: text(item.translatePort),
      description: text(item.description),
      sourceAddressTranslation: isObject(item.sourceAddressTranslation)
        ? { type: text(item.sourceAddressTranslation.type) }
        : undefined,
      vlansEnabled: typeof item.vlansEnabled === "boolean" ? item.vlansEnabled : undefined,
      vlans: Array.isArray(item.vlans)
        ? item.vlans.filter((vlan): vlan is string => typeof vlan === "string")
        : undefined,
      profiles: items(item.profilesReference)
        .map((profile) => profile.fullPath)
        .filter((path): path is string => typeof path === "string"),
    })),
    pools: pools.map((item) => ({
      fullPath: String(item.fullPath),
      description: text(item.description),
      monitor: text(item.monitor),
      slowRampTime: typeof item.slowRampTime === "number" ? item.slowRampTime : undefined,
      members: items(item.membersReference).map((member) => ({
        name: String(member.name),
        state: text(member.state),
        session: text(member.session),
      })),
    })),
  };
}

/** A fastL4 profile with the settings a stack's loose profile writes. */
export interface DeviceFastL4Profile {
  readonly fullPath: string;
  readonly defaultsFrom?: string;
  /** `enabled` or `disabled` */
  readonly looseInitialization?: string;
  /** `enabled` or `disabled` */
  readonly looseClose?: string;
}

/** The fastL4 profiles, with parent and loose settings: one request. */
export async function readFastL4Profiles(client: DeviceReader): Promise<DeviceFastL4Profile[]> {
  const answer = await client.get("ltm/profile/fastl4", {
    $select: "fullPath,defaultsFrom,looseInitialization,looseClose",
  });
  return items(answer).flatMap((item) => {
    const fullPath = text(item.fullPath);
    return fullPath === undefined
      ? []
      : [
          {
            fullPath,
            defaultsFrom: text(item.defaultsFrom),
            looseInitialization: text(item.looseInitialization),
            looseClose: text(item.looseClose),
          },
        ];
  });
}
