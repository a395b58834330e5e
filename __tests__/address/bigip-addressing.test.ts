import {
  isRouteDomainId,
  networkVirtualServerAddressing,
  poolMemberNode,
  splitSuffix,
  withRouteDomain,
  withSuffix,
} from "../../lib/address/bigip-addressing";
import { formatWithDottedTail, netmask } from "../../lib/address/ipv6";

/** The address as the WHATWG URL parser (independent of ipaddr.js) normalizes it. */
function normalizedByUrlParser(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

describe("networkVirtualServerAddressing", () => {
  test.each([
    [
      "2131:0:0:1000::/59",
      "2131:0:0:1000::",
      "ffff:ffff:ffff:ffe0::0.0.0.0",
      "ffff:ffff:ffff:ffe0::",
    ],
    [
      "2131:0:0:1001::/64",
      "2131:0:0:1001::",
      "ffff:ffff:ffff:ffff::0.0.0.0",
      "ffff:ffff:ffff:ffff::",
    ],
    ["2001:DB8:8000::/48", "2001:db8:8000::", "ffff:ffff:ffff::0.0.0.0", "ffff:ffff:ffff::"],
  ])(
    "gives %s the bare network address %s and, by default, the dotted-tail mask %s",
    (prefix, destination, mask, plainNetmask) => {
      expect(networkVirtualServerAddressing(prefix)).toEqual({
        destination,
        mask,
        netmask: plainNetmask,
      });
    },
  );

  test("never hands the provider a mask without a '.', which it would turn into /128", () => {
    for (let length = 48; length <= 64; length++) {
      expect(networkVirtualServerAddressing(`2131::/${length}`).mask).toContain(".");
    }
  });

  test("leaves the mask out with the tmsh workaround, keeping the netmask for the command", () => {
    expect(networkVirtualServerAddressing("2131:0:0:1000::/59", undefined, "tmsh")).toEqual({
      destination: "2131:0:0:1000::",
      mask: undefined,
      netmask: "ffff:ffff:ffff:ffe0::",
    });
  });

  test("appends the route domain to the destination only", () => {
    expect(networkVirtualServerAddressing("2131:0:0:1000::/59", 2)).toMatchObject({
      destination: "2131:0:0:1000::%2",
      mask: "ffff:ffff:ffff:ffe0::0.0.0.0",
    });
  });

  test("rejects a value that is not IPv6 CIDR", () => {
    expect(() => networkVirtualServerAddressing("10.0.0.0/8")).toThrow(
      "clientPrefix must be IPv6 CIDR, got '10.0.0.0/8'",
    );
  });
});

describe("formatWithDottedTail", () => {
  test("writes every netmask as the same 128-bit value, by an independent parser", () => {
    for (let length = 0; length <= 128; length++) {
      const mask = netmask(length);
      expect([length, normalizedByUrlParser(formatWithDottedTail(mask))]).toEqual([
        length,
        normalizedByUrlParser(mask.toRFC5952String()),
      ]);
    }
  });

  test.each([
    [96, "ffff:ffff:ffff:ffff:ffff:ffff:0.0.0.0"],
    [100, "ffff:ffff:ffff:ffff:ffff:ffff:240.0.0.0"],
    [0, "::0.0.0.0"],
  ])("writes /%i as %s", (length, text) => {
    expect(formatWithDottedTail(netmask(length))).toBe(text);
  });
});

describe("poolMemberNode", () => {
  test("writes an IPv6 member on any port as <address>.0, compressed and lowercase", () => {
    expect(poolMemberNode("2001:DB8:10:0:0:0:0:11")).toBe("2001:db8:10::11.0");
  });

  test("puts the route domain between address and port", () => {
    expect(poolMemberNode("2001:db8:10::11", 2)).toBe("2001:db8:10::11%2.0");
  });

  test("rejects a value that is not an IPv6 address", () => {
    expect(() => poolMemberNode("[2001:db8::1]:0")).toThrow(
      "internalAddress must be an IPv6 address, got '[2001:db8::1]:0'",
    );
  });
});

describe("the %<id> form, read and written in one place", () => {
  test.each<[string, { address: string; suffix?: string }]>([
    ["2001:db8::1", { address: "2001:db8::1" }],
    ["2001:db8::1%2", { address: "2001:db8::1", suffix: "2" }],
    ["fe80::1%eth0", { address: "fe80::1", suffix: "eth0" }],
    ["2001:db8::1%", { address: "2001:db8::1", suffix: "" }],
    ["2001:db8::1%2%3", { address: "2001:db8::1", suffix: "2%3" }],
  ])("splitSuffix(%s)", (text, parts) => {
    expect(splitSuffix(text)).toEqual(parts);
  });

  test("a route domain id is digits; anything else after % is a zone id", () => {
    expect(["0", "2", "65534"].every(isRouteDomainId)).toBe(true);
    expect(["", "eth0", "2a", "-1", "2%3"].some(isRouteDomainId)).toBe(false);
  });

  test("withSuffix writes %0; withRouteDomain writes route domain 0 as none", () => {
    expect(withSuffix("2001:db8::1", 0)).toBe("2001:db8::1%0");
    expect(withSuffix("2001:db8::1", undefined)).toBe("2001:db8::1");
    expect(withRouteDomain("2001:db8::1", 0)).toBe("2001:db8::1");
    expect(withRouteDomain("2001:db8::1", 2)).toBe("2001:db8::1%2");
  });
});
