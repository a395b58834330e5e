/**
 * Rule device-per-stack: with more than one inventory, each names its BIG-IP, and two stacks do
 * not own the same objects on one device.
 */
import { runCli } from "../cli/run-cli";
import { siteInventories } from "./site-inventories";

const site = siteInventories();

const OWN_OBJECTS =
  "each stack would own the other's objects: merge the two inventories, or give one another bigip.partition or bigip.namePrefix";

test("one inventory alone may leave the device to BIGIP_HOST", () => {
  expect(
    runCli("validate", site("east", "2001:db8:a000:1000::/64", "  partition: Common")),
  ).toMatchObject({
    code: 0,
  });
});

test("rejects inventories that name no device when there are several, at each bigip key", () => {
  const east = site("east", "2001:db8:a000:1000::/64", "  partition: Common");
  const west = site("west", "2001:db8:b000:1000::/64", "  host: bigip-west.corp.example");
  const result = runCli("validate", east, west);
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split("\n")).toEqual([
    `${east}:2:1: error: bigip names no device (host), and the inventories name 2 stacks; add host: with the management address of this stack's BIG-IP, e.g. host: bigip-east.corp.example; without it every stack goes to BIGIP_HOST`,
  ]);
});

test.each([
  [
    "the same host, partition and prefix",
    "  host: BIGIP.corp.example",
    "  host: https://bigip.corp.example:443",
    1,
  ],
  [
    "the same host, another partition",
    "  host: bigip.corp.example",
    "  host: bigip.corp.example\n  partition: dmz",
    0,
  ],
  [
    "the same host, another name prefix",
    "  host: bigip.corp.example",
    "  host: bigip.corp.example\n  namePrefix: da_west",
    0,
  ],
  [
    "the same host name on another port",
    "  host: bigip.corp.example",
    "  host: bigip.corp.example:8443",
    0,
  ],
  [
    "other hosts and other device host names",
    "  host: bigip-east.corp.example\n  deviceHostname: bigip-east-1.corp.example",
    "  host: bigip-west.corp.example\n  deviceHostname: bigip-west-1.corp.example",
    0,
  ],
])("%s: exit %d", (_, first, second, code) => {
  const east = site("east", "2001:db8:a000:1000::/64", first);
  const west = site("west", "2001:db8:b000:1000::/64", second);
  const result = runCli("validate", east, west);
  expect(result.code).toBe(code);
  if (code === 1) {
    expect(result.stderr.trim().split("\n")).toEqual([
      `${west}:3:9: error: bigip.host names the device of stack east too (https://bigip.corp.example:443), with the same partition (Common) and name prefix (da_mo), got 'https://bigip.corp.example:443'; ${OWN_OBJECTS}`,
    ]);
  }
});

test.each([
  [
    "IPv6 written in two ways",
    "2001:db8:f5::5",
    "[2001:0db8:00f5:0:0:0:0:5]:443",
    "[2001:db8:f5::5]",
  ],
  [
    "an IPv4-mapped address and its IPv4 address",
    "10.20.0.5",
    "https://[::ffff:10.20.0.5]",
    "10.20.0.5",
  ],
])("rejects one device under two names: %s", (_, first, second, device) => {
  const east = site("east", "2001:db8:a000:1000::/64", `  host: "${first}"`);
  const west = site("west", "2001:db8:b000:1000::/64", `  host: "${second}"`);
  const result = runCli("validate", east, west);
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split("\n")).toEqual([
    `${west}:3:9: error: bigip.host names the device of stack east too (https://${device}:443), with the same partition (Common) and name prefix (da_mo), got '${second}'; ${OWN_OBJECTS}`,
  ]);
});

test("rejects two stacks whose bigip.deviceHostname names one device, whatever their hosts", () => {
  const east = site(
    "east",
    "2001:db8:a000:1000::/64",
    "  host: bigip-east.corp.example\n  deviceHostname: [bigip-east-1.corp.example, bigip-east-2.corp.example]",
  );
  const west = site(
    "west",
    "2001:db8:b000:1000::/64",
    "  host: 192.0.2.10\n  deviceHostname: BIGIP-East-2.corp.example.",
  );
  const result = runCli("validate", east, west);
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split("\n")).toEqual([
    `${west}:4:19: error: bigip.deviceHostname names the device of stack east too (bigip-east-2.corp.example, by bigip.deviceHostname), with the same partition (Common) and name prefix (da_mo), got 'BIGIP-East-2.corp.example.'; ${OWN_OBJECTS}`,
  ]);
});

test("plain http:// is a warning, not an error", () => {
  const result = runCli(
    "validate",
    site("lab", "2001:db8:a000:1000::/64", "  host: http://127.0.0.1:8100"),
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(
    "3:9: warning: bigip.host uses plain http://: the password crosses the network unencrypted, got 'http://127.0.0.1:8100'",
  );
});

test("bigip.deviceHostname links devices through a third inventory", () => {
  const a = site(
    "a",
    "2001:db8:a000:1000::/64",
    "  host: 192.0.2.1\n  deviceHostname: x.corp.example",
  );
  const b = site(
    "b",
    "2001:db8:b000:1000::/64",
    "  host: 192.0.2.2\n  deviceHostname: [x.corp.example, y.corp.example]\n  partition: dmz",
  );
  const c = site(
    "c",
    "2001:db8:c000:1000::/64",
    "  host: 192.0.2.3\n  deviceHostname: y.corp.example",
  );
  const result = runCli("validate", a, b, c);
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split("\n")).toEqual([
    `${c}:3:9: error: bigip.host names the device of stack a too (linked by the bigip.deviceHostname of other inventories), with the same partition (Common) and name prefix (da_mo), got '192.0.2.3'; ${OWN_OBJECTS}`,
  ]);
});
