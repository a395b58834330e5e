/**
 * Real device answer shapes (fixtures of our own, see __tests__/fixtures/device-answers/README.md)
 * replayed through `lib/device/` into `doctor` and `audit`; and the fake's login answer has the
 * shape of the real one.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { readDeviceInventory, readLtm, type DeviceReader } from "../../lib/device/device-snapshot";
import { parseInventory, type Inventory } from "../../lib/inventory";
import { auditDevice, formatAudit } from "../../lib/tools/audit";
import { checkInventories } from "../../lib/tools/doctor";
import { TokenStore } from "../integration/fake-bigip/tokens";
import { oneServerInventory } from "./one-server-inventory";

const answers = path.join(__dirname, "..", "fixtures", "device-answers");
const answer = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(answers, `${name}.json`), "utf8"));

/** A device that answers each collection with its fixture, and 404 (undefined) otherwise. */
const device: DeviceReader = {
  get: async (collection: string, query: Record<string, string> = {}) => {
    const file = {
      "sys/version": "sys-version",
      "sys/folder": "sys-folder",
      "auth/partition": "auth-partition",
      "net/route-domain": "net-route-domain",
      "ltm/virtual": "ltm-virtual",
      "ltm/pool": "ltm-pool",
    }[collection];
    // A fixture is one page; the next page of a real device has no items.
    if (file === undefined || Number(query.$skip ?? 0) > 0) return undefined;
    return answer(file);
  },
};

function inventoryIn(partition: string, routeDomain: number, monitor = "none"): Inventory {
  const { inventory } = parseInventory(
    "corp-east.yaml",
    oneServerInventory([
      `partition: ${partition}`,
      "vlans: [/Common/corp]",
      `monitor: ${monitor}`,
      `routeDomain: ${routeDomain}`,
    ]),
  );
  return inventory!;
}

test("doctor reads version, partitions with their default route domains, and route domains", async () => {
  const read = await readDeviceInventory(device);
  expect(read.version).toBe("17.1.2");
  expect([...read.partitions].sort()).toEqual(["Common", "DA"]);
  expect(Object.fromEntries(read.partitionRouteDomains)).toEqual({ Common: 0, DA: 2 });
  expect([...read.routeDomains]).toEqual([0, 2]);
  const failed = checkInventories([inventoryIn("DA", 2)], read).filter((check) => !check.ok);
  expect(failed.map((check) => check.what)).toEqual([
    "corp-east: VLAN /Common/corp is missing",
    "corp-east: partition /DA has default route domain 2, and bigip.routeDomain is 2: the device shows its addresses without %2, so the provider would not find the members it creates and no plan would be clean",
  ]);
});

test("audit reads virtual servers and pools as a device sends them: clean, the member down as information", async () => {
  const ltm = await readLtm(device);
  expect(ltm.virtualServers[0]).toMatchObject({
    destination: "/Common/2001:db8:8000:1000::%2.0",
    source: "::%2/0",
    profiles: ["/Common/fastL4"],
  });
  expect(formatAudit(auditDevice([inventoryIn("Common", 2, "/Common/gateway_icmp")], ltm))).toBe(
    "corp-east east/da-east-1: Manage Out to da-east-1's clients is down: member 2001:db8:10::11%2.0 offline",
  );
});

test("the fake's login answer has the real one's shape: the lifetime inside token, none on top", () => {
  const shape = (value: unknown): unknown =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]))
      : Array.isArray(value)
        ? "array"
        : typeof value;
  expect(shape(new TokenStore().login("automation", "192.0.2.50"))).toEqual(shape(answer("login")));
});
