// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * One description of a Manage Out virtual server (MANAGE_OUT_FORWARDING) behind the construct's
 * resource, the tmsh settings line and audit's expectations; and audit, table-driven: a device
 * exactly as the stack leaves it audits clean, and each wrong attribute gives exactly one drift
 * line naming it (a check deleted from audit fails here).
 */
import { Testing } from "cdktf";
import { DaManageOutEntry } from "../../lib/constructs/da-manage-out-entry";
import type { DevicePool, DeviceVirtualServer } from "../../lib/device/device-snapshot";
import { MANAGE_OUT_FORWARDING } from "../../lib/manage-out-forwarding";
import { auditDevice } from "../../lib/tools/audit";
import { validInventory } from "../stack-helpers";

const inventory = validInventory(`
name: lab
bigip:
  vlans: [/Common/internal, /Common/servers]
  routeDomain: 2
entryPoints:
  - name: lab
    clientPrefix: 2001:db8:8000:1000::/64
    servers:
      - { name: da-1, internalAddress: "2001:db8:10::11" }
`);

test("the construct's virtual server and its tmsh settings line say what the description says", () => {
  const synthesized = JSON.parse(
    Testing.synthScope((scope) => {
      new DaManageOutEntry(scope, "da-1", {
        entryPointName: "lab",
        serverName: "da-1",
        internalAddress: "2001:db8:10::11",
        clientPrefix: "2001:db8:8000:1000::/64",
        vlans: ["/Common/internal"],
        routeDomain: 2,
      });
    }),
  );
  const [virtualServer] = Object.values(synthesized.resource.bigip_ltm_virtual_server) as Record<
    string,
    unknown
  >[];
  expect(virtualServer).toMatchObject({
    ip_protocol: MANAGE_OUT_FORWARDING.ipProtocol,
    translate_address: MANAGE_OUT_FORWARDING.translateAddress,
    translate_port: MANAGE_OUT_FORWARDING.translatePort,
    source_address_translation: MANAGE_OUT_FORWARDING.sourceAddressTranslation,
    vlans_enabled: MANAGE_OUT_FORWARDING.vlansEnabled,
    port: MANAGE_OUT_FORWARDING.port,
  });
  expect(virtualServer.source).toBe("::%2/0");
  const settings = (
    Object.values(synthesized.resource.bigip_command) as { commands: string[]; when?: string }[]
  )
    .find((command) => command.when !== "destroy")!
    .commands.join("\n");
  for (const words of [
    `ip-protocol ${MANAGE_OUT_FORWARDING.ipProtocol}`,
    `translate-address ${MANAGE_OUT_FORWARDING.translateAddress}`,
    `translate-port ${MANAGE_OUT_FORWARDING.translatePort}`,
    `source-address-translation { type ${MANAGE_OUT_FORWARDING.sourceAddressTranslation} }`,
    " source ::%2/0 ",
    MANAGE_OUT_FORWARDING.vlansEnabled ? " vlans-enabled " : " vlans-disabled ",
  ]) {
    expect(settings).toContain(words);
  }
});

/** The device exactly as the stack leaves it, with the description's values. */
function deployed(): { virtualServers: DeviceVirtualServer[]; pools: DevicePool[] } {
  return {
    virtualServers: [
      {
        fullPath: "/Common/da_mo_lab_da-1_vs",
        destination: "/Common/2001:db8:8000:1000::%2.0",
        mask: "ffff:ffff:ffff:ffff::",
        source: "::%2/0",
        ipProtocol: MANAGE_OUT_FORWARDING.ipProtocol,
        pool: "/Common/da_mo_lab_da-1_pool",
        translateAddress: MANAGE_OUT_FORWARDING.translateAddress,
        translatePort: MANAGE_OUT_FORWARDING.translatePort,
        sourceAddressTranslation: { type: MANAGE_OUT_FORWARDING.sourceAddressTranslation },
        vlansEnabled: MANAGE_OUT_FORWARDING.vlansEnabled,
        vlans: ["/Common/servers", "/Common/internal"],
        profiles: ["/Common/fastL4"],
      },
    ],
    pools: [
      {
        fullPath: "/Common/da_mo_lab_da-1_pool",
        members: [{ name: "2001:db8:10::11%2.0", state: "up", session: "monitor-enabled" }],
      },
    ],
  };
}

test("the device as deployed audits clean", () => {
  expect(auditDevice([inventory], deployed())).toEqual({ drift: [], info: [] });
});

type Device = ReturnType<typeof deployed>;
const vs = (device: Device) =>
  device.virtualServers[0] as {
    -readonly [K in keyof DeviceVirtualServer]: DeviceVirtualServer[K];
  };

test.each<[string, string, (device: Device) => void]>([
  ["virtual server missing", "presence", (d) => void d.virtualServers.pop()],
  ["pool missing", "presence", (d) => void d.pools.pop()],
  [
    "another destination",
    "destination",
    (d) => (vs(d).destination = "/Common/2001:db8:8000:1001::%2.0"),
  ],
  [
    "another route domain",
    "route domain",
    (d) => (vs(d).destination = "/Common/2001:db8:8000:1000::%3.0"),
  ],
  ["a /128 mask", "mask", (d) => (vs(d).mask = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")],
  ["any6, a /0 mask", "mask", (d) => (vs(d).mask = "any6")],
  ["the source outside the route domain", "source", (d) => (vs(d).source = "::/0")],
  ["the source of one client network", "source", (d) => (vs(d).source = "2001:db8::%2/32")],
  ["address translation on", "translate-address", (d) => (vs(d).translateAddress = "enabled")],
  ["port translation on", "translate-port", (d) => (vs(d).translatePort = "enabled")],
  [
    "SNAT automap",
    "source-address-translation",
    (d) => (vs(d).sourceAddressTranslation = { type: "automap" }),
  ],
  ["TCP only", "ip-protocol", (d) => (vs(d).ipProtocol = "tcp")],
  ["disabled on the VLANs", "vlans-enabled", (d) => (vs(d).vlansEnabled = false)],
  ["one VLAN less", "vlans", (d) => (vs(d).vlans = ["/Common/internal"])],
  ["another pool", "pool", (d) => (vs(d).pool = "/Common/other_pool")],
  [
    "another member",
    "members",
    (d) => (d.pools[0] = { ...d.pools[0], members: [{ name: "2001:db8:10::99%2.0" }] }),
  ],
])("%s: exactly one drift line, on %s", (_, attribute, change) => {
  const device = deployed();
  change(device);
  const { drift } = auditDevice([inventory], device);
  expect(drift.map((line) => line.attribute)).toEqual([attribute]);
});
