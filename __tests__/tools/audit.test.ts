/**
 * audit, table-driven: a device exactly as the stack leaves it audits clean, and each wrong
 * attribute gives exactly one drift line naming it (a check deleted from audit fails here). That
 * audit compares every field of the description is proved in manage-out-objects.test.ts.
 */
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

const DESCRIPTION =
  "DirectAccess Manage Out to IP-HTTPS clients 2001:db8:8000:1000::/64 via DA server da-1";

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
        description: DESCRIPTION,
      },
    ],
    pools: [
      {
        fullPath: "/Common/da_mo_lab_da-1_pool",
        description: DESCRIPTION,
        // The device writes a space after the monitor's name.
        monitor: "/Common/gateway_icmp ",
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

const pool = (device: Device) =>
  device.pools[0] as { -readonly [K in keyof DevicePool]: DevicePool[K] };

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
  ["port 443", "port", (d) => (vs(d).destination = "/Common/2001:db8:8000:1000::%2.443")],
  ["another profile", "profiles", (d) => (vs(d).profiles = ["/Common/fastL4", "/Common/tcp"])],
  ["no description", "description", (d) => (vs(d).description = undefined)],
  ["the pool with another description", "description", (d) => (pool(d).description = "by hand")],
  ["the pool without monitor", "monitor", (d) => (pool(d).monitor = undefined)],
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
