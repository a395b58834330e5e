// @both-engines: the construct's synthesized resources depend on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * One description of what a DA server needs on the device (lib/manage-out-objects.ts), read by
 * everything that makes or checks those objects. Proved both ways:
 * - every setting changes the description, and the inventory gives every setting;
 * - every field of the description, changed there alone, changes the construct's resources (or,
 *   in a route domain, the tmsh settings line that keeps them), makes audit report drift on a
 *   device deployed from the unchanged description, and changes what recover and doctor make of
 *   the device, where they read that field.
 * A setting added to the description is one prop and one line in `describeManageOut`; it fails to
 * compile here until the tables below give it a value, and fails below until it reaches them.
 */
import type {
  DeviceInventory,
  DevicePool,
  DeviceVirtualServer,
} from "../lib/device/device-snapshot";
import type { Inventory } from "../lib/inventory";
import * as described from "../lib/manage-out-objects";
import type { ManageOutObjects, ManageOutServerSettings } from "../lib/manage-out-objects";
import { auditDevice } from "../lib/tools/audit";
import { checkNodes, formatChecks } from "../lib/tools/doctor";
import { formatRecovery, planRecovery } from "../lib/tools/recover";
import { synthText, validInventory } from "./stack-helpers";

/** Defaults everywhere: the provider keeps every setting itself. */
const PLAIN = validInventory(`
name: plain
bigip:
  vlans: [/Common/internal]
entryPoints:
  - name: lab
    clientPrefix: 2001:db8:8000:1000::/64
    servers:
      - { name: da-1, internalAddress: "2001:db8:10::11" }
`);

/** A route domain (a tmsh line keeps the virtual server), every other setting given too. */
const IN_ROUTE_DOMAIN = validInventory(`
name: rd
bigip:
  partition: DA
  namePrefix: mo
  vlans: [/Common/internal, /Common/servers]
  monitor: /Common/tcp
  routeDomain: 2
  fastL4Profile: /Common/fastL4_wan
entryPoints:
  - name: lab
    clientPrefix: 2001:db8:8000:1000::/59
    servers:
      - name: da-1
        internalAddress: "2001:db8:10::11"
        existing: { node: /DA/DA1 }
`);

/** The settings of one DA server, adopting nothing... */
const SETTINGS: ManageOutServerSettings = {
  entryPointName: "lab",
  serverName: "da-1",
  internalAddress: "2001:db8:10::11",
  clientPrefix: "2001:db8:8000:1000::/64",
  vlans: ["/Common/internal"],
};

/** ...and another value of every setting. */
const OTHER_SETTINGS: Required<ManageOutServerSettings> = {
  entryPointName: "east",
  serverName: "da-2",
  internalAddress: "2001:db8:10::12",
  clientPrefix: "2001:db8:8000:2000::/64",
  vlans: ["/Common/servers"],
  partition: "DA",
  namePrefix: "mo",
  monitor: "/Common/tcp",
  routeDomain: 2,
  fastL4Profile: "/Common/fastL4_wan",
  existingPool: "/DA/DA1_pool",
  existingVirtualServer: "/DA/DA1_vs",
  existingNode: "/DA/DA1",
};

describe("every setting reaches the description", () => {
  test.each(Object.keys(OTHER_SETTINGS) as (keyof ManageOutServerSettings)[])(
    "%s changes it",
    (setting) => {
      expect(
        described.describeManageOut({ ...SETTINGS, [setting]: OTHER_SETTINGS[setting] }),
      ).not.toEqual(described.describeManageOut(SETTINGS));
    },
  );

  test("an inventory gives every setting", () => {
    const adopting = validInventory(`
name: adopting
bigip:
  partition: DA
  namePrefix: mo
  vlans: [/Common/internal]
  monitor: /Common/tcp
  routeDomain: 2
  fastL4Profile: { loose: true }
entryPoints:
  - name: lab
    clientPrefix: 2001:db8:8000:1000::/64
    servers:
      - name: da-1
        internalAddress: "2001:db8:10::11"
        existing: { pool: /DA/DA1_pool, virtualServer: /DA/DA1_vs, node: /DA/DA1 }
`);
    const [entryPoint] = adopting.entryPoints;
    const settings = described.serverSettings(adopting.bigip, entryPoint, entryPoint.servers[0]);
    expect(Object.keys(settings).sort()).toEqual(Object.keys(OTHER_SETTINGS).sort());
    expect(Object.entries(settings).filter(([, value]) => value === undefined)).toEqual([]);
    // The loose profile by the full path the stack creates it at.
    expect(settings.fastL4Profile).toBe("/DA/mo_fastl4_loose");
  });
});

/** Who reads a field, where a change of the field must show. */
type Reader =
  /** the synthesized stacks `PLAIN` and `IN_ROUTE_DOMAIN`, their tmsh commands left out */
  | "resources"
  /** the tmsh settings line of the stack `IN_ROUTE_DOMAIN` (it keeps every setting there) */
  | "tmsh line"
  /** audit of a device deployed from the unchanged description */
  | "audit"
  /** recover after a deploy interrupted once every object was written, none recorded */
  | "recover"
  /** doctor's check of the node the member uses */
  | "doctor";

/** Another value of a field, and who must see it changed. */
interface Change<T> {
  readonly other: T;
  readonly readers: readonly Reader[];
}

/**
 * Every field of the description. A field added to the description does not compile here until
 * it is listed, with the readers it must reach.
 */
const FIELDS: {
  readonly [Object in keyof ManageOutObjects]-?: {
    readonly [Field in keyof ManageOutObjects[Object]]-?: Change<ManageOutObjects[Object][Field]>;
  };
} = {
  pool: {
    name: { other: "/DA/other_pool", readers: ["resources", "audit", "recover"] },
    description: { other: "by hand", readers: ["resources", "audit", "recover"] },
    monitor: { other: "/Common/http", readers: ["resources", "audit"] },
    adopted: { other: true, readers: ["resources", "recover"] },
  },
  member: {
    name: { other: "2001:db8:10::99%2.0", readers: ["resources", "audit", "recover"] },
  },
  node: {
    fullPath: { other: "/DA/DA9", readers: ["resources", "doctor"] },
    address: { other: "2001:db8:10::99%2", readers: ["doctor"] },
    adopted: { other: false, readers: ["resources", "doctor"] },
  },
  virtualServer: {
    name: { other: "/DA/other_vs", readers: ["resources", "tmsh line", "audit", "recover"] },
    description: { other: "by hand", readers: ["resources", "tmsh line", "audit", "recover"] },
    routeDomain: { other: 3, readers: ["resources", "audit"] },
    destination: { other: "2001:db8:8000:2000::%2", readers: ["resources", "tmsh line", "audit"] },
    port: { other: 443, readers: ["resources", "tmsh line", "audit"] },
    mask: { other: "ffff:ffff:ffff:ff00::", readers: ["resources", "tmsh line", "audit"] },
    source: { other: "2001:db8::%2/32", readers: ["resources", "tmsh line", "audit"] },
    ipProtocol: { other: "tcp", readers: ["resources", "tmsh line", "audit"] },
    translateAddress: { other: "enabled", readers: ["resources", "tmsh line", "audit"] },
    translatePort: { other: "enabled", readers: ["resources", "tmsh line", "audit"] },
    sourceAddressTranslation: { other: "automap", readers: ["resources", "tmsh line", "audit"] },
    profiles: { other: ["/Common/tcp"], readers: ["resources", "tmsh line", "audit"] },
    vlans: { other: ["/Common/external"], readers: ["resources", "tmsh line", "audit"] },
    vlansEnabled: { other: false, readers: ["resources", "tmsh line", "audit"] },
    // The resource names its pool by a reference to the pool resource: `pool.name` above.
    pool: { other: "/DA/other_pool", readers: ["tmsh line", "audit"] },
    adopted: { other: true, readers: ["resources", "recover"] },
  },
};

type Path = readonly [object: keyof ManageOutObjects, field: string];

const PATHS: Path[] = (Object.keys(FIELDS) as (keyof ManageOutObjects)[]).flatMap((object) =>
  Object.keys(FIELDS[object]).map((field): Path => [object, field]),
);

const changeOf = ([object, field]: Path): Change<unknown> =>
  (FIELDS[object] as Record<string, Change<unknown>>)[field];

/** The description with one field changed. */
function changed(objects: ManageOutObjects, [object, field]: Path): ManageOutObjects {
  return { ...objects, [object]: { ...objects[object], [field]: changeOf([object, field]).other } };
}

/** Runs `read` with every description, the construct's and the tools', changed at `path`. */
function withChanged<T>(path: Path | undefined, read: () => T): T {
  if (path === undefined) return read();
  const { describeManageOut, describeServer } = described;
  const construct = jest
    .spyOn(described, "describeManageOut")
    .mockImplementation((settings) => changed(describeManageOut(settings), path));
  const tools = jest
    .spyOn(described, "describeServer")
    .mockImplementation((...args) => changed(describeServer(...args), path));
  try {
    return read();
  } finally {
    construct.mockRestore();
    tools.mockRestore();
  }
}

/** The one DA server of an inventory, described. */
function describedServer(inventory: Inventory): ManageOutObjects {
  const [entryPoint] = inventory.entryPoints;
  return described.describeServer(inventory.bigip, entryPoint, entryPoint.servers[0]);
}

/** The device after a deploy, in the forms the device shows (REST). */
function deployed(objects: ManageOutObjects): {
  virtualServers: DeviceVirtualServer[];
  pools: DevicePool[];
} {
  const { virtualServer: vs, pool, member } = objects;
  return {
    virtualServers: [
      {
        fullPath: vs.name,
        description: vs.description,
        destination: `/${vs.name.split("/")[1]}/${vs.destination}.${vs.port}`,
        mask: vs.mask,
        source: vs.source,
        ipProtocol: vs.ipProtocol,
        translateAddress: vs.translateAddress,
        translatePort: vs.translatePort,
        sourceAddressTranslation: { type: vs.sourceAddressTranslation },
        profiles: [...vs.profiles],
        vlans: [...vs.vlans],
        vlansEnabled: vs.vlansEnabled,
        pool: vs.pool,
      },
    ],
    pools: [
      {
        fullPath: pool.name,
        description: pool.description,
        monitor: pool.monitor === undefined ? undefined : `${pool.monitor} `,
        slowRampTime: 10,
        members: [{ name: member.name, state: "up", session: "monitor-enabled" }],
      },
    ],
  };
}

/** The device doctor reads: the node the member uses, made by hand. */
function nodes(objects: ManageOutObjects): DeviceInventory {
  return {
    partitions: new Set(["Common", "DA"]),
    vlans: new Set(),
    routeDomains: new Set([0, 2]),
    deviceGroups: new Set(),
    fastL4Profiles: new Set(),
    monitors: new Set(),
    partitionRouteDomains: new Map(),
    nodes: new Map([[objects.node.fullPath, objects.node.address]]),
    destinations: new Map(),
  };
}

/** What each reader makes of the stacks and of the devices deployed from the descriptions. */
const READERS: Record<Reader, (path?: Path) => unknown> = {
  resources: (path) =>
    withChanged(path, () =>
      [PLAIN, IN_ROUTE_DOMAIN].map((inventory) => {
        const stack = JSON.parse(synthText(inventory));
        delete stack.resource.bigip_command;
        return stack;
      }),
    ),
  "tmsh line": (path) =>
    withChanged(path, () => {
      const resources = JSON.parse(synthText(IN_ROUTE_DOMAIN)).resource;
      return (Object.values(resources.bigip_command) as { commands: string[]; when?: string }[])
        .filter((command) => command.when !== "destroy")
        .map((command) => command.commands);
    }),
  audit: (path) => {
    const device = deployed(describedServer(IN_ROUTE_DOMAIN));
    return withChanged(path, () => auditDevice([IN_ROUTE_DOMAIN], device));
  },
  recover: (path) => {
    const device = deployed(describedServer(IN_ROUTE_DOMAIN));
    return withChanged(path, () => formatRecovery(planRecovery(IN_ROUTE_DOMAIN, [], device)));
  },
  doctor: (path) => {
    const device = nodes(describedServer(IN_ROUTE_DOMAIN));
    return withChanged(path, () => formatChecks(checkNodes([IN_ROUTE_DOMAIN], device)));
  },
};

describe("what the readers make of the unchanged description", () => {
  test("a device deployed as described audits clean", () => {
    expect(READERS.audit()).toEqual({ drift: [], info: [] });
    const plain = deployed(describedServer(PLAIN));
    expect(auditDevice([PLAIN], plain)).toEqual({ drift: [], info: [] });
  });

  test("recover takes every object of an interrupted deploy for the stack's", () => {
    expect(READERS.recover()).toEqual([
      expect.stringMatching(/^delete virtual server \/DA\/mo_lab_da-1_vs: /),
      expect.stringMatching(/^delete pool \/DA\/mo_lab_da-1_pool: /),
    ]);
  });

  test("doctor finds the existing node with the server's address", () => {
    expect(READERS.doctor()).toBe(
      "ok       rd lab/da-1: node /DA/DA1 holds 2001:db8:10::11%2; the member uses it",
    );
  });
});

describe("every field of the description reaches its readers", () => {
  const cases = PATHS.flatMap((path) =>
    changeOf(path).readers.map((reader): [string, Reader, Path] => [path.join("."), reader, path]),
  );
  test.each(cases)("%s: %s", (_, reader, path) => {
    expect(READERS[reader](path)).not.toEqual(READERS[reader]());
  });

  test("a changed field is drift to audit, named", () => {
    const drift = READERS.audit(["virtualServer", "description"]) as ReturnType<typeof auditDevice>;
    expect(drift.drift).toEqual([
      expect.objectContaining({
        object: "virtual server /DA/mo_lab_da-1_vs",
        attribute: "description",
        expected: "by hand",
      }),
    ]);
  });
});
