import {
  addressInPrefix,
  formatPrefix,
  hasIsatapInterfaceId,
  isNetworkAddress,
  netmask,
  parseIpv6Address,
  parseIpv6Prefix,
  prefixContains,
  toBigInt,
} from "../../lib/address/ipv6";

describe("parseIpv6Prefix", () => {
  test("parses CIDR with its length", () => {
    const prefix = parseIpv6Prefix("2131:0:0:1000::/59");
    expect(prefix?.length).toBe(59);
    expect(prefix?.address.toRFC5952String()).toBe("2131:0:0:1000::");
  });

  test.each([
    "2131:0:0:1000::",
    "2131::/129",
    "2131::/x",
    "10.0.0.0/8",
    "fe80::%eth0/64",
    "junk/64",
  ])("rejects %s", (text) => {
    expect(parseIpv6Prefix(text)).toBeUndefined();
  });
});

describe("parseIpv6Address", () => {
  test.each(["10.0.0.1", "fe80::1%eth0", "2001:db8::/64", "not-an-address"])(
    "rejects %s",
    (text) => {
      expect(parseIpv6Address(text)).toBeUndefined();
    },
  );
});

describe("prefix arithmetic", () => {
  test("detects host bits and names the network they belong to", () => {
    const prefix = parseIpv6Prefix("2131:0:0:1001::/59")!;
    expect(isNetworkAddress(prefix)).toBe(false);
    expect(formatPrefix(prefix)).toBe("2131:0:0:1000::/59");
    expect(isNetworkAddress(parseIpv6Prefix("2131:0:0:1000::/59")!)).toBe(true);
  });

  test("builds netmasks across hextet boundaries", () => {
    expect(netmask(48).toRFC5952String()).toBe("ffff:ffff:ffff::");
    expect(netmask(59).toRFC5952String()).toBe("ffff:ffff:ffff:ffe0::");
    expect(netmask(128).toRFC5952String()).toBe("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  });
});

describe("address classification", () => {
  test.each([
    ["2001:db8:10:0:0:5efe:10.1.0.11", true],
    ["2001:db8:10:0:200:5efe:10.1.0.11", true],
    ["2001:db8:10::11", false],
    ["2001:db8:10:0:100:5efe:10.1.0.11", false],
  ])("ISATAP interface id of %s: %s", (text, isatap) => {
    expect(hasIsatapInterfaceId(parseIpv6Address(text)!)).toBe(isatap);
  });

  test("orders addresses as 128-bit integers", () => {
    expect(toBigInt(parseIpv6Address("::1")!)).toBe(1n);
    expect(toBigInt(parseIpv6Address("8000::")!)).toBe(1n << 127n);
  });

  test("tells containment of prefixes and addresses", () => {
    const cluster = parseIpv6Prefix("2131:0:0:1000::/59")!;
    expect(prefixContains(cluster, parseIpv6Prefix("2131:0:0:101f::/64")!)).toBe(true);
    expect(prefixContains(cluster, parseIpv6Prefix("2131:0:0:1020::/64")!)).toBe(false);
    expect(prefixContains(parseIpv6Prefix("2131:0:0:1000::/64")!, cluster)).toBe(false);
    expect(addressInPrefix(parseIpv6Address("2131:0:0:1001::5")!, cluster)).toBe(true);
  });
});

test("refuses a dotted IPv4 tail with a leading zero, which tools read as decimal or octal", () => {
  expect(parseIpv6Address("2001:db8::5efe:10.020.0.011")).toBeUndefined();
  expect(parseIpv6Address("::ffff:10.0.0.01")).toBeUndefined();
  expect(parseIpv6Address("2001:db8::5efe:10.20.0.11")?.toNormalizedString()).toBe(
    "2001:db8:0:0:0:5efe:a14:b",
  );
  expect(parseIpv6Address("2001:db8::5efe:10.0.0.0")).toBeDefined();
});
