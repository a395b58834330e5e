/**
 * The fake BIG-IP's configuration and the iControl REST collections this project touches
 * (`/mgmt/tm/<module>/<collection>/<~Partition~name>[/<sub-collection>[/<member>]]`), with the
 * device's rules where the lifecycle depends on them.
 */
import {
  formatDeviceAddress,
  isNetwork,
  maskLength,
  maskText,
  overlaps,
  parseDeviceAddress,
  type DeviceAddress,
} from "./addresses";
import { ConfigSyncState, type PeerDevice } from "./config-sync";
import { DeviceError } from "./device-error";
import {
  requestedAdminState,
  shownStatus,
  type MemberAdminState,
  type MonitorResult,
} from "./member-status";
import { runTmsh } from "./tmsh";

type Json = Record<string, unknown>;

/** A pool member as the device stores it. */
export interface Member {
  /** `<address>[%id].<port>`, e.g. `2001:db8:10::11%2.0`. */
  readonly name: string;
  readonly partition: string;
  readonly address: DeviceAddress;
  readonly port: number;
  /** Enabled, disabled or forced offline (member-status.ts). */
  admin: MemberAdminState;
  /** Everything else the member was given (ratio, connection limit...). */
  settings: Json;
}

/** An LTM pool. */
export interface Pool {
  readonly fullPath: string;
  settings: Json;
  readonly members: Map<string, Member>;
}

/** An LTM network (or host) virtual server. */
export interface VirtualServer {
  readonly fullPath: string;
  description?: string;
  destination: DeviceAddress;
  port: number;
  /** Prefix length of the mask. */
  maskLength: number;
  ipProtocol: string;
  pool: string;
  translateAddress: string;
  translatePort: string;
  sourceAddressTranslation: { type: string; pool?: string };
  vlansEnabled: boolean;
  vlans: string[];
  profiles: string[];
  enabled: boolean;
  source: string;
}

/** Full path → `~Partition~name` and back. */
function fromUriName(segment: string): string {
  return segment.startsWith("~") ? segment.replace(/~/g, "/") : `/Common/${segment}`;
}

function splitFullPath(fullPath: string): { partition: string; name: string } {
  const parts = fullPath.split("/");
  return { partition: parts[1], name: parts.slice(2).join("/") };
}

function notFound(kind: string, fullPath: string): DeviceError {
  return new DeviceError(404, `01020036:3: The requested ${kind} (${fullPath}) was not found.`);
}

/** Everything the fake device holds. */
export class DeviceState {
  readonly partitions = new Set(["Common"]);
  /**
   * Default route domain of a partition (`auth/partition` `defaultRouteDomain`, f5-ansible
   * `bigip_partition.py` and fixture `load_tm_auth_partition.json`); 0 when not set. The device
   * leaves the partition's default route domain out of the addresses it shows (AS3 issue 73;
   * f5-cccl PR 196: "typically, it doesn't, but it's also not consistent"): the fake always does,
   * for members and destinations; when a device does show it is unconfirmed.
   */
  readonly partitionRouteDomains = new Map<string, number>();
  /**
   * The other form (a switch, default off): addresses in a partition's default route domain are
   * shown with `%<id>`, as the device does in some cases ("not consistent in all cases": f5-cccl
   * PR 196; k8s-bigip-ctlr issue 425, "a slight inconsistency in how the Big-IP applies the
   * default route domain to certain resources"). Which objects, and on which releases, is
   * unconfirmed: with the switch on, the fake shows it on every member, node and destination.
   */
  defaultRouteDomainShown = false;
  /**
   * A switch, default off: an IPv6 virtual server's port 0 is shown as `.any` in its destination
   * (`/Common/2700:bc00:1f10:101::6%2.any`, f5-ansible `bigip_virtual_server.py`: "Can be a port
   * of 'any'. This only happens with IPv6"). f5-ansible's example has a route domain; that the
   * device shows `.any` without one too, and when it shows it at all, is unconfirmed.
   */
  anyPortShown = false;
  /**
   * Self IPs by full path: `address` `<address>[%id]/<prefix length>` and `vlan` (REST shape from
   * CiscoTestAutomation/genieparser `tests/test_get_net_self.py`, TMOS 14.1.2.1, and
   * f5devcentral/go-bigip `net.go` SelfIP). None unless a test adds them.
   */
  readonly selfIps = new Map<string, { address: string; vlan: string }>();
  readonly vlans = new Set<string>(["/Common/internal"]);
  readonly routeDomains = new Set<number>([0]);
  /** Monitors by full path, with their type (the collection they are listed in). */
  readonly monitors = new Map<string, string>([
    ["/Common/gateway_icmp", "gateway-icmp"],
    ["/Common/icmp", "icmp"],
  ]);
  /** TMOS version `sys/version` reports. */
  version = "17.1.1";
  /** Host name: `sys/global-settings` `hostname`, and `hostname` of the device in `cm/device`. */
  hostname = "bigip1.fake.example";
  /**
   * Name of this device in `cm/device`. A new hostname does not rename it: f5-ansible
   * `bigip_hostname.py` renames the device itself (`mv`) after changing `sys/global-settings`.
   */
  deviceName = "bigip1.fake.example";
  /** `managementIp` of this device in `cm/device`. */
  managementIp = "192.0.2.10";
  /** This device's failover state: `failoverState` in `cm/device`, `status` in `cm/failover-status`. */
  failoverState: "active" | "standby" = "active";
  readonly deviceGroups = new Set<string>();
  /** fastL4 profiles by full path, with their settings. */
  readonly fastL4Profiles = new Map<string, Json>([
    [
      "/Common/fastL4",
      { looseInitialization: "disabled", looseClose: "disabled", idleTimeout: "300" },
    ],
  ]);
  readonly pools = new Map<string, Pool>();
  readonly nodes = new Map<string, DeviceAddress>();
  /**
   * What the pool monitor finds for a member, by the member's address as the device writes it
   * (`2001:db8:10::11%2`); `up` when not set. Only monitored members show it (member-status.ts).
   */
  readonly monitorResults = new Map<string, MonitorResult>();
  readonly virtualServers = new Map<string, VirtualServer>();
  /** Device groups config-synced so far, in order. */
  readonly configSyncs: string[] = [];
  /**
   * What `cm/sync-status` shows after those syncs, and its switches: the state a sync ends in,
   * how many reads it runs, the other units of the trust domain (config-sync.ts).
   */
  readonly sync = new ConfigSyncState();
  /** tmsh command lines run through util/bash, in order. */
  readonly tmshCommands: string[] = [];

  /**
   * Answers one iControl REST request below `/mgmt/tm/`. A collection read (GET of a list) is
   * paged by `$skip` and `$top` (f5-ansible `bigip_device_info.py` reads every collection this
   * way, `data_increment` items a page, until a page has no items), and a collection or page with
   * no objects has no `items` key at all (f5-ansible: `if 'items' not in response: return []`).
   * The paging fields a device may add (`nextLink`, `totalItems`...) are unconfirmed and left out.
   */
  handle(method: string, segments: string[], body: unknown, query: URLSearchParams): unknown {
    const answer = this.answer(method, segments, body, query);
    if (method !== "GET" || !isCollection(answer)) return answer;
    const skip = Number(query.get("$skip") ?? 0);
    const top = query.has("$top") ? Number(query.get("$top")) : Infinity;
    const { items, ...rest } = answer;
    const page = items.slice(skip, skip + top);
    return page.length > 0 ? { ...rest, items: page } : rest;
  }

  private answer(
    method: string,
    segments: string[],
    body: unknown,
    query: URLSearchParams,
  ): unknown {
    const [module, collection, ...rest] = segments;
    const key = `${module}/${collection}`;
    if (key === "util/bash" && method === "POST") return this.bash(body as Json);
    if (key === "ltm/pool") return this.poolRequest(method, rest, body as Json, query);
    if (key === "ltm/virtual") return this.virtualRequest(method, rest, body as Json, query);
    if (key === "ltm/node") return this.nodeRequest(method, rest);
    if (key === "ltm/profile" && rest[0] === "fastl4") {
      return this.fastL4Request(method, rest.slice(1), body as Json);
    }
    if (method === "GET" && key === "ltm/monitor" && rest.length === 1) {
      return {
        items: [...this.monitors]
          .filter(([, type]) => type === rest[0])
          .map(([fullPath]) => named(fullPath)),
      };
    }
    if (method === "GET" && key === "sys/version") {
      return {
        kind: "tm:sys:version:versionstats",
        entries: {
          "https://localhost/mgmt/tm/sys/version/0": {
            nestedStats: {
              entries: {
                Product: { description: "BIG-IP" },
                Version: { description: this.version },
              },
            },
          },
        },
      };
    }
    if (method === "GET" && rest.length === 0) {
      if (key === "sys/global-settings") return this.globalSettingsJson();
      if (key === "cm/device") {
        return {
          kind: "tm:cm:device:devicecollectionstate",
          items: [
            this.selfDeviceJson(),
            ...this.sync.peers.map((peer) => this.peerDeviceJson(peer)),
          ],
        };
      }
      if (key === "cm/sync-status") return this.sync.json(this.deviceName, [...this.deviceGroups]);
      if (key === "cm/failover-status") return this.failoverStatusJson();
      // Read-only collections: the provider checks the connection by listing self IPs.
      if (key === "net/self") {
        return {
          kind: "tm:net:self:selfcollectionstate",
          items: [...this.selfIps].map(([fullPath, self]) => selfIpJson(fullPath, self)),
        };
      }
      if (key === "net/vlan") return { items: [...this.vlans].map(named) };
      if (key === "net/route-domain") {
        return {
          items: [...this.routeDomains].map((id) => ({
            ...named(`/Common/${id === 0 ? "0" : id}`),
            id,
          })),
        };
      }
      if (key === "auth/partition") {
        return {
          kind: "tm:auth:partition:partitioncollectionstate",
          items: [...this.partitions].map((name) => ({
            kind: "tm:auth:partition:partitionstate",
            name,
            fullPath: name,
            defaultRouteDomain: this.partitionRouteDomains.get(name) ?? 0,
          })),
        };
      }
      if (key === "sys/folder")
        return { items: [...this.partitions].map((partition) => named(`/${partition}`)) };
      if (key === "cm/device-group")
        return { items: [...this.deviceGroups].map((group) => named(`/Common/${group}`)) };
    }
    if (
      method === "GET" &&
      key === "cm/device-group" &&
      rest.length === 2 &&
      rest[1] === "devices"
    ) {
      return this.deviceGroupMembers(fromUriName(rest[0]));
    }
    throw new DeviceError(404, `Public URI path not registered: /mgmt/tm/${segments.join("/")}`);
  }

  /**
   * `cm/device-group/<group>/devices`: this device and its peers, each by its `cm/device` name
   * (f5-ansible `bigip_device_group_member.py` reads and writes members there by that name). The
   * item fields besides `name` are unconfirmed.
   */
  private deviceGroupMembers(fullPath: string): Json {
    const { name } = splitFullPath(fullPath);
    if (!this.deviceGroups.has(name)) throw notFound("Device Group", fullPath);
    return {
      kind: "tm:cm:device-group:devices:devicescollectionstate",
      items: [this.deviceName, ...this.sync.peers.map((peer) => peer.name)].map((device) => ({
        kind: "tm:cm:device-group:devices:devicesstate",
        name: device,
        partition: "Common",
        fullPath: `/Common/${device}`,
      })),
    };
  }

  // --- device identity ---------------------------------------------------------------------

  /**
   * `sys/global-settings`, one object: fields and values from F5Networks/f5-ansible unit-test
   * fixture `load_sys_global_settings.json` (TMOS 13.0.0), with this device's hostname.
   */
  private globalSettingsJson(): Json {
    return {
      kind: "tm:sys:global-settings:global-settingsstate",
      selfLink: "https://localhost/mgmt/tm/sys/global-settings",
      consoleInactivityTimeout: 0,
      guiSecurityBanner: "enabled",
      guiSetup: "disabled",
      hostAddrMode: "management",
      hostname: this.hostname,
      lcdDisplay: "enabled",
      mgmtDhcp: "enabled",
      netReboot: "disabled",
      quietBoot: "enabled",
    };
  }

  /**
   * This device in `cm/device` (a collection, kind `tm:cm:device:devicecollectionstate`; it lists
   * the peers of a trust domain too, this fake has none). Shapes from f5-ansible fixture
   * `load_tm_cm_device_default.json` (a device in no trust domain: `configsyncIp` "none", "any6"
   * addresses), f5devcentral/go-bigip `device.go` (Device) and scottdware/go-bigip `device_test.go`
   * (goodDeviceResponse): `selfDevice` is the string "true" (f5-ansible `bigip_hostname.py`
   * compares it with "true"), `failoverState` is "active" or "standby" in lower case.
   */
  private selfDeviceJson(): Json {
    return {
      kind: "tm:cm:device:devicestate",
      name: this.deviceName,
      partition: "Common",
      fullPath: `/Common/${this.deviceName}`,
      generation: 1,
      selfLink: `https://localhost/mgmt/tm/cm/device/~Common~${this.deviceName}`,
      chassisType: "individual",
      configsyncIp: "none",
      edition: "Final",
      failoverState: this.failoverState,
      haCapacity: 0,
      hostname: this.hostname,
      managementIp: this.managementIp,
      marketingName: "BIG-IP Virtual Edition",
      mirrorIp: "any6",
      mirrorSecondaryIp: "any6",
      multicastIp: "any6",
      multicastPort: 0,
      platformId: "Z100",
      product: "BIG-IP",
      selfDevice: "true",
      version: this.version,
    };
  }

  /** A peer in `cm/device`: this device's fields, its own name and failover state, not self. */
  private peerDeviceJson(peer: PeerDevice): Json {
    return {
      ...this.selfDeviceJson(),
      name: peer.name,
      fullPath: `/Common/${peer.name}`,
      selfLink: `https://localhost/mgmt/tm/cm/device/~Common~${peer.name}`,
      hostname: peer.name,
      failoverState: peer.failoverState,
      selfDevice: "false",
    };
  }

  /**
   * `cm/failover-status`: stats, not a collection (f5-ansible `examples/0006-using-rest-api-directly`
   * README). Shape and the active values (`ACTIVE`, green, "1/1 active", "active for
   * /Common/traffic-group-1") from pr8kerl/f5er `README.md` (11.6.0) and CiscoTestAutomation/
   * genieparser `src/genie/libs/parser/bigip/tests/test_get_cm_failover_status.py` (14.1.2.1);
   * `STANDBY` from F5Networks/f5-cloud-libs `test/lib/bigIpTests.js` ("standby test"). The standby
   * color, summary and details are unconfirmed.
   */
  private failoverStatusJson(): Json {
    const active = this.failoverState === "active";
    const entry = "https://localhost/mgmt/tm/cm/failover-status/0";
    const details = "https://localhost/mgmt/tm/cm/failoverStatus/0/details";
    const detail = `${this.failoverState} for /Common/traffic-group-1`;
    return {
      kind: "tm:cm:failover-status:failover-statusstats",
      selfLink: "https://localhost/mgmt/tm/cm/failover-status",
      entries: {
        [entry]: {
          nestedStats: {
            entries: {
              color: { description: active ? "green" : "gray" },
              [details]: {
                nestedStats: {
                  entries: {
                    [`${details}/0`]: {
                      nestedStats: { entries: { details: { description: detail } } },
                    },
                  },
                },
              },
              status: { description: this.failoverState.toUpperCase() },
              summary: { description: active ? "1/1 active" : "0/1 active" },
            },
          },
        },
      },
    };
  }

  // --- util/bash: tmsh ---------------------------------------------------------------------

  private bash(body: Json): Json {
    const args = String(body.utilCmdArgs ?? "");
    const result = runTmsh(this, unwrapBashTmsh(args));
    return {
      kind: "tm:util:bash:runstate",
      command: "run",
      utilCmdArgs: args,
      ...(result === "" ? {} : { commandResult: result }),
    };
  }

  // --- pools and members -------------------------------------------------------------------

  private poolRequest(method: string, rest: string[], body: Json, query: URLSearchParams): unknown {
    if (rest.length === 0) {
      if (method === "GET") {
        const expand = query.get("expandSubcollections") === "true";
        return {
          items: [...this.pools.values()].map((pool) => ({
            ...this.poolJson(pool),
            ...(expand
              ? {
                  membersReference: {
                    items: [...pool.members.values()].map((m) => this.memberJson(pool, m)),
                  },
                }
              : {}),
          })),
        };
      }
      if (method === "POST") return this.poolJson(this.createPool(body));
    }
    const fullPath = fromUriName(rest[0]);
    const pool = this.pools.get(fullPath);
    if (!pool) throw notFound("Pool", fullPath);
    if (rest.length === 1) {
      if (method === "GET") return this.poolJson(pool);
      if (method === "PUT" || method === "PATCH") {
        this.checkMonitor(body.monitor);
        pool.settings =
          method === "PUT" ? poolSettings(body) : { ...pool.settings, ...poolSettings(body) };
        return this.poolJson(pool);
      }
      if (method === "DELETE") {
        // A pool a virtual server uses cannot be deleted: HTTP 400, 01070265:3 (K23011574, as a
        // public Go F5 client's isReferenced check cites it); the message text is unconfirmed.
        const user = [...this.virtualServers.values()].find((vs) => vs.pool === fullPath);
        if (user) {
          throw new DeviceError(
            400,
            `01070265:3: The Pool (${fullPath}) cannot be deleted because it is in use by a Virtual Server (${user.fullPath}).`,
          );
        }
        this.pools.delete(fullPath);
        return {};
      }
    }
    if (rest[1] !== "members") throw new DeviceError(404, `Public URI path not registered`);
    if (rest.length === 2) {
      if (method === "GET") {
        return { items: [...pool.members.values()].map((member) => this.memberJson(pool, member)) };
      }
      if (method === "POST") return this.memberJson(pool, this.createMember(pool, body));
    }
    // go-bigip `ltm.go` deletes `members/<fullPath with / as ~>` (RemovePoolMember) or
    // `members/<name>`, percent-escaping a name with `%<id>` (DeletePoolMember).
    const memberName = rest[2].replace(/^~[^~]+~/, "");
    const member = pool.members.get(canonicalMemberName(memberName));
    if (!member) {
      throw new DeviceError(
        404,
        `01020036:3: The requested Pool Member (${fullPath} ${memberName.replace(/\.(\d+)$/, ":$1")}) was not found.`,
      );
    }
    if (method === "GET") return this.memberJson(pool, member);
    if (method === "PATCH" || method === "PUT") {
      member.admin = requestedAdminState(body) ?? member.admin;
      member.settings = { ...member.settings, ...memberSettings(body) };
      return this.memberJson(pool, member);
    }
    if (method === "DELETE") {
      // The node the device created for the member stays.
      pool.members.delete(member.name);
      return {};
    }
    throw new DeviceError(405, `Method not allowed`);
  }

  private createPool(body: Json): Pool {
    const fullPath = fullPathOf(body);
    this.checkPartition(fullPath);
    if (this.pools.has(fullPath)) {
      throw new DeviceError(
        409,
        `01020066:3: The requested Pool (${fullPath}) already exists in partition ${splitFullPath(fullPath).partition}.`,
      );
    }
    this.checkMonitor(body.monitor);
    const pool: Pool = { fullPath, settings: poolSettings(body), members: new Map() };
    this.pools.set(fullPath, pool);
    return pool;
  }

  private createMember(pool: Pool, body: Json): Member {
    const name = String(body.name ?? "");
    const byNode = this.namedNodeMember(pool, name, body);
    if (byNode) return byNode;
    const match = /^(.+)[.:](\d+)$/.exec(name);
    if (!match)
      throw new DeviceError(400, `01070587:3: The requested member name (${name}) is invalid.`);
    let address: DeviceAddress;
    try {
      address = parseDeviceAddress(match[1]);
    } catch {
      throw new DeviceError(
        400,
        `01020060:3: The requested Node (${name}) is invalid: FQDN members are not expected here.`,
      );
    }
    if (address.routeDomain !== undefined && !this.routeDomains.has(address.routeDomain)) {
      throw new DeviceError(
        400,
        `01020036:3: The requested route domain (/Common/${address.routeDomain}) was not found.`,
      );
    }
    address = this.shownInPartition(address, splitFullPath(pool.fullPath).partition);
    const memberName = `${formatDeviceAddress(address)}.${match[2]}`;
    if (pool.members.has(memberName)) {
      throw new DeviceError(
        409,
        `01020066:3: The requested Pool Member (${pool.fullPath} ${formatDeviceAddress(address)} ${match[2]}) already exists.`,
      );
    }
    const partition = String(body.partition ?? splitFullPath(pool.fullPath).partition);
    // The device creates the member's node (named by its address) when there is none.
    const nodePath = `/${partition}/${formatDeviceAddress(address)}`;
    // A node of another name with this address: the device refuses the member (f5-ansible issue
    // 823, POSH-LTM-Rest issue 28: HTTP 400 with this text, shown there for IPv4 in /Common).
    // That it applies across partitions is unconfirmed; the fake refuses in any partition.
    const other = [...this.nodes].find(
      ([path, node]) =>
        path !== nodePath &&
        node.address === address.address &&
        node.routeDomain === address.routeDomain,
    );
    if (other) {
      throw new DeviceError(
        400,
        `0107003a:3: Pool member node (${nodePath}) and existing node (${other[0]}) cannot use the same IP Address (${formatDeviceAddress(address)}).`,
      );
    }
    if (!this.nodes.has(nodePath)) this.nodes.set(nodePath, address);
    return this.addMember(pool, body, memberName, partition, address, Number(match[2]));
  }

  /**
   * A member by node name, `[/<partition>/]<node>:<port>` (go-bigip AddPoolMemberNode posts
   * `{ name: "/Common/DA2:0" }`, the provider's pool attachment does so for a `node` of that
   * form): it takes the node's address, and the device names it `<node>:<port>` (the issue's
   * `DA2:0`; for IPv6 nodes the `:` separator is unconfirmed). `undefined` when no such node.
   */
  private namedNodeMember(pool: Pool, name: string, body: Json): Member | undefined {
    const match = /^(?:\/([^/]+)\/)?([^/:%]+):(\d+)$/.exec(name);
    if (!match) return undefined;
    const partition = match[1] ?? String(body.partition ?? splitFullPath(pool.fullPath).partition);
    const address = this.nodes.get(`/${partition}/${match[2]}`);
    if (!address) return undefined;
    return this.addMember(
      pool,
      body,
      `${match[2]}:${match[3]}`,
      partition,
      address,
      Number(match[3]),
    );
  }

  private addMember(
    pool: Pool,
    body: Json,
    memberName: string,
    partition: string,
    address: DeviceAddress,
    port: number,
  ): Member {
    if (pool.members.has(memberName)) {
      throw new DeviceError(
        409,
        `01020066:3: The requested Pool Member (${pool.fullPath} ${memberName}) already exists.`,
      );
    }
    const member: Member = {
      name: memberName,
      partition,
      address,
      port,
      admin: requestedAdminState(body) ?? "enabled",
      settings: {
        ratio: 1,
        priorityGroup: 0,
        connectionLimit: 0,
        dynamicRatio: 1,
        rateLimit: "disabled",
        monitor: "default",
      },
    };
    pool.members.set(memberName, member);
    return member;
  }

  /** A member as the device shows it, with its session and state (member-status.ts). */
  private memberJson(pool: Pool, member: Member): Json {
    const monitored = typeof pool.settings.monitor === "string" && pool.settings.monitor !== "";
    const result = this.monitorResults.get(formatDeviceAddress(member.address)) ?? "up";
    return {
      kind: "tm:ltm:pool:members:membersstate",
      name: member.name,
      partition: member.partition,
      fullPath: `/${member.partition}/${member.name}`,
      generation: 1,
      address: formatDeviceAddress(member.address),
      ephemeral: "false",
      fqdn: { autopopulate: "disabled" },
      inheritProfile: "enabled",
      logging: "disabled",
      ...member.settings,
      ...shownStatus(member.admin, monitored, result),
      selfLink: `https://localhost/mgmt/tm/ltm/pool/${pool.fullPath.replace(/\//g, "~")}/members/~${member.partition}~${encodeURIComponent(member.name)}`,
    };
  }

  private poolJson(pool: Pool): Json {
    const { partition, name } = splitFullPath(pool.fullPath);
    return {
      kind: "tm:ltm:pool:poolstate",
      name,
      partition,
      fullPath: pool.fullPath,
      generation: 1,
      allowNat: "yes",
      allowSnat: "yes",
      loadBalancingMode: "round-robin",
      minActiveMembers: 0,
      reselectTries: 0,
      serviceDownAction: "none",
      slowRampTime: 10,
      ...pool.settings,
      membersReference: {
        link: `https://localhost/mgmt/tm/ltm/pool/${pool.fullPath.replace(/\//g, "~")}/members`,
      },
    };
  }

  /**
   * The address as shown in a partition: its default route domain (not 0) left out, or, with
   * `defaultRouteDomainShown`, written as `%<id>` also where it was left out.
   */
  private shownInPartition(address: DeviceAddress, partition: string): DeviceAddress {
    const implicit = this.partitionRouteDomains.get(partition);
    if (implicit === undefined || implicit === 0) return address;
    if (this.defaultRouteDomainShown) {
      return { ...address, routeDomain: address.routeDomain ?? implicit };
    }
    return address.routeDomain === implicit ? { ...address, routeDomain: undefined } : address;
  }

  private checkRouteDomain(address: DeviceAddress): void {
    if (address.routeDomain !== undefined && !this.routeDomains.has(address.routeDomain)) {
      throw new DeviceError(
        400,
        `01020036:3: The requested route domain (/Common/${address.routeDomain}) was not found.`,
      );
    }
  }

  private checkMonitor(monitor: unknown): void {
    if (typeof monitor !== "string" || monitor.trim() === "") return;
    for (const name of monitor.trim().split(/\s+and\s+/)) {
      if (!this.monitors.has(name)) {
        throw new DeviceError(400, `01020036:3: The requested monitor (${name}) was not found.`);
      }
    }
  }

  private checkPartition(fullPath: string): void {
    const { partition } = splitFullPath(fullPath);
    if (!this.partitions.has(partition)) {
      throw new DeviceError(400, `01020036:3: The requested folder (/${partition}) was not found.`);
    }
  }

  // --- nodes -------------------------------------------------------------------------------

  private nodeRequest(method: string, rest: string[]): unknown {
    if (rest.length === 0 && method === "GET") {
      return {
        items: [...this.nodes.entries()].map(([fullPath, address]) => nodeJson(fullPath, address)),
      };
    }
    const fullPath = fromUriName(rest[0]);
    const node = this.nodes.get(fullPath);
    if (!node) throw notFound("Node", fullPath);
    if (method === "GET") return nodeJson(fullPath, node);
    if (method === "DELETE") {
      const user = [...this.pools.values()].find((pool) =>
        [...pool.members.values()].some(
          (member) =>
            member.address.address === node.address &&
            member.address.routeDomain === node.routeDomain,
        ),
      );
      if (user)
        throw new DeviceError(
          400,
          `01070110:3: Node address '${fullPath}' is referenced by a member of pool '${user.fullPath}'.`,
        );
      this.nodes.delete(fullPath);
      return {};
    }
    throw new DeviceError(405, `Method not allowed`);
  }

  // --- fastL4 profiles ---------------------------------------------------------------------

  private fastL4Request(method: string, rest: string[], body: Json): unknown {
    if (rest.length === 0 && method === "GET") {
      return {
        items: [...this.fastL4Profiles.keys()].map((fullPath) => this.fastL4Json(fullPath)),
      };
    }
    if (rest.length === 0 && method === "POST") {
      const fullPath = fullPathOf(body);
      this.checkPartition(fullPath);
      if (this.fastL4Profiles.has(fullPath)) {
        throw new DeviceError(
          409,
          `01020066:3: The requested profile (${fullPath}) already exists in partition ${splitFullPath(fullPath).partition}.`,
        );
      }
      const parent = String(body.defaultsFrom ?? "/Common/fastL4");
      const inherited = this.fastL4Profiles.get(parent);
      if (!inherited) throw notFound("profile", parent);
      this.fastL4Profiles.set(fullPath, {
        ...inherited,
        ...profileSettings(body),
        defaultsFrom: parent,
      });
      return this.fastL4Json(fullPath);
    }
    const fullPath = fromUriName(rest[0]);
    const profile = this.fastL4Profiles.get(fullPath);
    if (!profile) throw notFound("profile", fullPath);
    if (method === "GET") return this.fastL4Json(fullPath);
    if (method === "PATCH" || method === "PUT") {
      this.fastL4Profiles.set(fullPath, { ...profile, ...profileSettings(body) });
      return this.fastL4Json(fullPath);
    }
    if (method === "DELETE") {
      const user = [...this.virtualServers.values()].find((vs) => vs.profiles.includes(fullPath));
      if (user)
        throw new DeviceError(
          400,
          `01070083:3: The profile (${fullPath}) is in use by virtual server (${user.fullPath}).`,
        );
      this.fastL4Profiles.delete(fullPath);
      return {};
    }
    throw new DeviceError(405, `Method not allowed`);
  }

  private fastL4Json(fullPath: string): Json {
    const { partition, name } = splitFullPath(fullPath);
    return {
      kind: "tm:ltm:profile:fastl4:fastl4state",
      name,
      partition,
      fullPath,
      ...this.fastL4Profiles.get(fullPath),
    };
  }

  // --- virtual servers ---------------------------------------------------------------------

  private virtualRequest(
    method: string,
    rest: string[],
    body: Json,
    query: URLSearchParams,
  ): unknown {
    if (rest.length === 0) {
      if (method === "GET") {
        const expand = query.get("expandSubcollections") === "true";
        return {
          items: [...this.virtualServers.values()].map((vs) => ({
            ...virtualJson(vs, this.anyPortShown),
            ...(expand ? { profilesReference: { items: profileItems(vs) } } : {}),
          })),
        };
      }
      if (method === "POST") return virtualJson(this.createVirtualServer(body), this.anyPortShown);
    }
    const fullPath = fromUriName(rest[0]);
    const vs = this.virtualServers.get(fullPath);
    if (!vs) throw notFound("Virtual Server", fullPath);
    if (rest.length === 1) {
      if (method === "GET") return virtualJson(vs, this.anyPortShown);
      if (method === "PATCH" || method === "PUT") {
        this.modifyVirtualServer(vs, body);
        return virtualJson(vs, this.anyPortShown);
      }
      if (method === "DELETE") {
        this.virtualServers.delete(fullPath);
        return {};
      }
    }
    if (rest[1] === "profiles" && method === "GET") return { items: profileItems(vs) };
    if (rest[1] === "policies" && method === "GET") return { items: [] };
    throw new DeviceError(404, `Public URI path not registered`);
  }

  private createVirtualServer(body: Json): VirtualServer {
    const fullPath = fullPathOf(body);
    this.checkPartition(fullPath);
    if (this.virtualServers.has(fullPath)) {
      throw new DeviceError(
        409,
        `01020066:3: The requested Virtual Server (${fullPath}) already exists in partition ${splitFullPath(fullPath).partition}.`,
      );
    }
    const vs: VirtualServer = {
      fullPath,
      destination: parseDeviceAddress("::"),
      port: 0,
      maskLength: 128,
      ipProtocol: "tcp",
      pool: "",
      translateAddress: "enabled",
      translatePort: "enabled",
      sourceAddressTranslation: { type: "none" },
      vlansEnabled: false,
      vlans: [],
      profiles: [],
      enabled: true,
      source: "::/0",
    };
    this.applyVirtualSettings(vs, body, true);
    this.virtualServers.set(fullPath, vs);
    return vs;
  }

  private modifyVirtualServer(vs: VirtualServer, body: Json): void {
    const changed: VirtualServer = { ...vs, vlans: [...vs.vlans], profiles: [...vs.profiles] };
    this.applyVirtualSettings(changed, body, false);
    Object.assign(vs, changed);
  }

  /**
   * Applies REST settings to a virtual server and checks the result as the device does; throws
   * before anything is stored.
   */
  applyVirtualSettings(vs: VirtualServer, body: Json, creating: boolean): void {
    if (typeof body.destination === "string" && body.destination !== "") {
      const { address, port } = parseDestination(body.destination);
      this.checkRouteDomain(address);
      vs.destination = this.shownInPartition(address, splitFullPath(vs.fullPath).partition);
      vs.port = port;
      // The device derives a default host mask when a new destination comes without one.
      if (creating && (body.mask === undefined || body.mask === "")) vs.maskLength = 128;
    }
    if (typeof body.mask === "string" && body.mask !== "") {
      vs.maskLength = body.mask === "any" || body.mask === "any6" ? 0 : maskLength(body.mask);
    }
    if (typeof body.description === "string") vs.description = body.description;
    if (typeof body.ipProtocol === "string" && body.ipProtocol !== "")
      vs.ipProtocol = body.ipProtocol;
    if (typeof body.pool === "string") vs.pool = body.pool;
    if (typeof body.translateAddress === "string" && body.translateAddress !== "")
      vs.translateAddress = body.translateAddress;
    if (typeof body.translatePort === "string" && body.translatePort !== "")
      vs.translatePort = body.translatePort;
    // Stored as sent. Whether the device refuses a source outside the destination's route domain,
    // or canonicalizes the text, is unconfirmed: the fake accepts and keeps it.
    if (typeof body.source === "string" && body.source !== "") vs.source = body.source;
    const snat = body.sourceAddressTranslation as { type?: string; pool?: string } | undefined;
    if (snat && snat.type)
      vs.sourceAddressTranslation = { type: snat.type, ...(snat.pool ? { pool: snat.pool } : {}) };
    if (body.vlansEnabled === true) vs.vlansEnabled = true;
    if (body.vlansDisabled === true) vs.vlansEnabled = false;
    if (Array.isArray(body.vlans)) vs.vlans = (body.vlans as string[]).map(String);
    if (Array.isArray(body.profiles)) {
      vs.profiles = (body.profiles as (string | { name: string })[]).map((profile) =>
        typeof profile === "string" ? profile : profile.name,
      );
    }
    if (body.disabled === true) vs.enabled = false;
    if (body.enabled === true) vs.enabled = true;
    this.checkVirtualServer(vs);
  }

  private checkVirtualServer(vs: VirtualServer): void {
    const destination = formatDeviceAddress(vs.destination);
    if (!isNetwork(vs.destination.parsed, vs.maskLength)) {
      throw new DeviceError(
        400,
        `01070322:3: The virtual server (${vs.fullPath}) destination address (${destination}) has bits set outside its netmask (${maskText(vs.maskLength)}).`,
      );
    }
    if (
      vs.destination.routeDomain !== undefined &&
      !this.routeDomains.has(vs.destination.routeDomain)
    ) {
      throw new DeviceError(
        400,
        `01020036:3: The requested route domain (/Common/${vs.destination.routeDomain}) was not found.`,
      );
    }
    if (vs.pool !== "" && !this.pools.has(vs.pool)) {
      throw new DeviceError(400, `01070226:3: Pool ${vs.pool} does not exist.`);
    }
    for (const vlan of vs.vlans) {
      if (!this.vlans.has(vlan))
        throw new DeviceError(400, `01070523:3: The requested VLAN (${vlan}) was not found.`);
    }
    for (const profile of vs.profiles) {
      if (!this.fastL4Profiles.has(profile))
        throw new DeviceError(400, `01020036:3: The requested profile (${profile}) was not found.`);
    }
    for (const other of this.virtualServers.values()) {
      if (other.fullPath === vs.fullPath) continue;
      const sameAddress =
        other.destination.address === vs.destination.address &&
        other.destination.routeDomain === vs.destination.routeDomain &&
        other.maskLength === vs.maskLength &&
        other.port === vs.port &&
        (other.ipProtocol === vs.ipProtocol ||
          other.ipProtocol === "any" ||
          vs.ipProtocol === "any");
      const sharedVlan =
        !vs.vlansEnabled ||
        !other.vlansEnabled ||
        other.vlans.some((vlan) => vs.vlans.includes(vlan));
      if (sameAddress && sharedVlan) {
        throw new DeviceError(
          409,
          `01070333:3: Virtual Server ${vs.fullPath} illegally shares destination address, source address, service port, ip-protocol, and vlan with Virtual Server ${other.fullPath}.`,
        );
      }
    }
  }

  /** Virtual servers whose destination network overlaps a prefix (for tests). */
  overlapping(address: DeviceAddress, length: number): VirtualServer[] {
    return [...this.virtualServers.values()].filter(
      (vs) =>
        vs.destination.routeDomain === address.routeDomain &&
        overlaps(vs.destination.parsed, vs.maskLength, address.parsed, length),
    );
  }
}

function isCollection(answer: unknown): answer is { items: unknown[] } & Json {
  return typeof answer === "object" && answer !== null && Array.isArray((answer as Json).items);
}

function profileItems(vs: VirtualServer): Json[] {
  return vs.profiles.map((profile) => {
    const { partition, name } = splitFullPath(profile);
    return {
      kind: "tm:ltm:virtual:profiles:profilesstate",
      name,
      partition,
      fullPath: profile,
      context: "all",
    };
  });
}

function named(fullPath: string): Json {
  const { partition, name } = splitFullPath(fullPath);
  return { name: name || partition, partition, fullPath };
}

/** `-c 'tmsh <command>'` (quotes escaped as `'\''`) → the tmsh command line. */
function unwrapBashTmsh(args: string): string {
  const match = /^-c '([\s\S]*)'$/.exec(args.trim());
  if (!match) throw new DeviceError(400, `The fake runs only -c 'tmsh ...', got ${args}`);
  const script = match[1].replace(/'\\''/g, "'");
  if (script.includes("'")) throw new DeviceError(400, `unbalanced quotes in ${args}`);
  const tmsh = /^tmsh (.*)$/s.exec(script);
  if (!tmsh) throw new DeviceError(400, `The fake runs only tmsh commands, got ${script}`);
  return tmsh[1];
}

function fullPathOf(body: Json): string {
  const name = String(body?.name ?? "");
  if (name.startsWith("/")) return name;
  return `/${String(body?.partition ?? "Common")}/${name}`;
}

function poolSettings(body: Json): Json {
  const settings: Json = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (["name", "partition", "fullPath", "generation", "members"].includes(key)) continue;
    if (key === "monitor" && typeof value === "string") {
      if (value.trim() !== "") settings.monitor = `${value.trim()} `;
      continue;
    }
    settings[key] = value;
  }
  return settings;
}

/** A member's settings from a request body: not its identity, not its session and state. */
function memberSettings(body: Json): Json {
  const ignored = ["name", "partition", "fullPath", "address", "session", "state"];
  return Object.fromEntries(Object.entries(body ?? {}).filter(([key]) => !ignored.includes(key)));
}

function profileSettings(body: Json): Json {
  const settings: Json = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (["name", "partition", "fullPath", "generation", "defaultsFrom"].includes(key)) continue;
    if (value === "" || value === 0 || value === null) continue;
    settings[key] = value;
  }
  return settings;
}

/** `2001:db8::%2.0` → address (canonical, route domain kept) and port. */
export function parseDestination(text: string): { address: DeviceAddress; port: number } {
  const bare = text.replace(/^\/[^/]+\//, "");
  const match = /^(.+)\.(\d+)$/.exec(bare);
  if (!match) throw new DeviceError(400, `01070938:3: Invalid IP address: ${text}`);
  return { address: parseDeviceAddress(match[1]), port: Number(match[2]) };
}

function canonicalMemberName(name: string): string {
  const match = /^(.+)[.:](\d+)$/.exec(name);
  if (!match) return name;
  try {
    return `${formatDeviceAddress(parseDeviceAddress(match[1]))}.${match[2]}`;
  } catch {
    return name;
  }
}

function nodeJson(fullPath: string, address: DeviceAddress): Json {
  const { partition, name } = splitFullPath(fullPath);
  return {
    kind: "tm:ltm:node:nodestate",
    name,
    partition,
    fullPath,
    address: formatDeviceAddress(address),
    connectionLimit: 0,
    dynamicRatio: 1,
    ephemeral: "false",
    fqdn: { addressFamily: "ipv4", autopopulate: "disabled", downInterval: 5, interval: "3600" },
    logging: "disabled",
    monitor: "default",
    rateLimit: "disabled",
    ratio: 1,
    session: "user-enabled",
    state: "unchecked",
  };
}

/** A self IP as `net/self` lists it. */
function selfIpJson(fullPath: string, self: { address: string; vlan: string }): Json {
  const { partition, name } = splitFullPath(fullPath);
  return {
    kind: "tm:net:self:selfstate",
    name,
    partition,
    fullPath,
    generation: 1,
    address: self.address,
    addressSource: "from-user",
    floating: "disabled",
    inheritedTrafficGroup: "false",
    trafficGroup: "/Common/traffic-group-local-only",
    unit: 0,
    vlan: self.vlan,
    allowService: "all",
  };
}

/**
 * A virtual server as the device returns it: destination `/<partition>/<address>[%id].<port>`,
 * port 0 as `any` with `anyPort` (DeviceState.anyPortShown).
 */
export function virtualJson(vs: VirtualServer, anyPort = false): Json {
  const { partition, name } = splitFullPath(vs.fullPath);
  const link = `https://localhost/mgmt/tm/ltm/virtual/${vs.fullPath.replace(/\//g, "~")}`;
  return {
    kind: "tm:ltm:virtual:virtualstate",
    name,
    partition,
    fullPath: vs.fullPath,
    generation: 1,
    ...(vs.description === undefined ? {} : { description: vs.description }),
    destination: `/${partition}/${formatDeviceAddress(vs.destination)}.${anyPort && vs.port === 0 ? "any" : vs.port}`,
    // A zero-length IPv6 mask is `any6` (f5-ansible `bigip_virtual_server.py`, the mask option:
    // "set to any or any6 respectively" for an IPv4 or IPv6 catch-all destination).
    mask: vs.maskLength === 0 ? "any6" : maskText(vs.maskLength),
    ipProtocol: vs.ipProtocol,
    ...(vs.pool === "" ? {} : { pool: vs.pool }),
    source: vs.source,
    sourceAddressTranslation: vs.sourceAddressTranslation,
    translateAddress: vs.translateAddress,
    translatePort: vs.translatePort,
    ...(vs.vlansEnabled ? { vlansEnabled: true } : { vlansDisabled: true }),
    ...(vs.vlans.length > 0 ? { vlans: vs.vlans } : {}),
    ...(vs.enabled ? { enabled: true } : { disabled: true }),
    connectionLimit: 0,
    profilesReference: { link: `${link}/profiles`, isSubcollection: true },
    policiesReference: { link: `${link}/policies`, isSubcollection: true },
  };
}
