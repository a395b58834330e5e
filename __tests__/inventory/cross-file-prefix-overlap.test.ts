/**
 * Rule cross-file-prefix-overlap: client prefixes of two inventories do not overlap on one device
 * and route domain, whatever the partition; on two devices an overlap is a warning.
 */
import { runCli } from "../cli/run-cli";
import { siteInventories } from "./site-inventories";

const site = siteInventories();

const SAME_DEVICE_HINT =
  "a client prefix belongs to one DA server; remove it from one of the files (another route domain only for a separate network)";

test.each([
  [
    "another partition, route domain 0 and none",
    "  host: bigip.corp.example\n  partition: Common",
    "  host: BIGIP.corp.example.\n  partition: dmz\n  routeDomain: 0",
    "https://bigip.corp.example:443",
    0,
  ],
  [
    "one device named by bigip.deviceHostname, other addresses and partitions",
    "  host: 192.0.2.10\n  deviceHostname: [bigip-1.corp.example, bigip-2.corp.example]",
    "  host: 192.0.2.11\n  deviceHostname: bigip-2.corp.example\n  partition: dmz",
    "bigip-2.corp.example, by bigip.deviceHostname",
    0,
  ],
  [
    "the same route domain 3 in two partitions",
    "  host: bigip.corp.example\n  routeDomain: 3",
    "  host: bigip.corp.example:443\n  partition: dmz\n  routeDomain: 3",
    "https://bigip.corp.example:443",
    3,
  ],
])(
  "rejects overlapping prefixes on one device and route domain: %s",
  (_, first, second, device, routeDomain) => {
    const east = site("east", "2001:db8:a000::/59", first);
    const west = site("west", "2001:db8:a000:10::/64", second);
    const result = runCli("validate", east, west);
    expect(result.code).toBe(1);
    const line = second.split("\n").length + 6;
    // routeDomain: 0 also warns (the route-domain rule's own test): only the errors here.
    const errors = result.stderr
      .trim()
      .split("\n")
      .filter((text) => !text.includes(": warning: "));
    expect(errors).toEqual([
      `${west}:${line}:19: error: entryPoints[0].clientPrefix (west) overlaps entryPoints[0].clientPrefix (2001:db8:a000::/59) of ${east} on the same device (${device}) and route domain ${routeDomain}: the most specific network virtual server takes the clients, whatever its partition, got '2001:db8:a000:10::/64'; ${SAME_DEVICE_HINT}`,
    ]);
  },
);

test("accepts overlapping prefixes on one device in two route domains", () => {
  const east = site("east", "2001:db8:a000::/59", "  host: bigip.corp.example\n  routeDomain: 2");
  const west = site(
    "west",
    "2001:db8:a000:10::/64",
    "  host: bigip.corp.example\n  partition: dmz\n  routeDomain: 3",
  );
  expect(runCli("validate", east, west)).toMatchObject({ code: 0, stderr: "" });
});

test("overlapping prefixes on two devices are a warning", () => {
  const east = site("east", "2001:db8:a000::/59", "  host: bigip-east.corp.example");
  const west = site("west", "2001:db8:a000:10::/64", "  host: bigip-west.corp.example");
  const result = runCli("validate", east, west);
  expect(result.code).toBe(0);
  expect(result.stderr.trim().split("\n")).toEqual([
    `${west}:7:19: warning: entryPoints[0].clientPrefix (west) overlaps entryPoints[0].clientPrefix (2001:db8:a000::/59) of ${east}, which goes to another device (https://bigip-east.corp.example:443), got '2001:db8:a000:10::/64'; the corporate routers send a client prefix to one device only: fine while a stack moves between devices; if both addresses reach one BIG-IP, give both inventories its bigip.deviceHostname to have them checked as one`,
  ]);
});

test("an overlap on the prefix's own device is reported, not also one on another device", () => {
  const wide = site("wide", "2001:db8:a000::/59", "  host: bigip-east.corp.example");
  const other = site("other", "2001:db8:a000::/59", "  host: bigip-west.corp.example");
  const narrow = site(
    "narrow",
    "2001:db8:a000:10::/64",
    "  host: bigip-east.corp.example\n  partition: dmz",
  );
  const result = runCli("validate", wide, other, narrow);
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split("\n")).toEqual([
    `${narrow}:8:19: error: entryPoints[0].clientPrefix (narrow) overlaps entryPoints[0].clientPrefix (2001:db8:a000::/59) of ${wide} on the same device (https://bigip-east.corp.example:443) and route domain 0: the most specific network virtual server takes the clients, whatever its partition, got '2001:db8:a000:10::/64'; ${SAME_DEVICE_HINT}`,
    `${other}:7:19: warning: entryPoints[0].clientPrefix (other) overlaps entryPoints[0].clientPrefix (2001:db8:a000::/59) of ${wide}, which goes to another device (https://bigip-east.corp.example:443), got '2001:db8:a000::/59'; the corporate routers send a client prefix to one device only: fine while a stack moves between devices; if both addresses reach one BIG-IP, give both inventories its bigip.deviceHostname to have them checked as one`,
  ]);
});
