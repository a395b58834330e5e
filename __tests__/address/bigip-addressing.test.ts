import { networkVirtualServerAddressing, poolMemberNode } from "../../lib/address/bigip-addressing";

describe("networkVirtualServerAddressing", () => {
  test.each([
    ["2131:0:0:1000::/59", "2131:0:0:1000::", "ffff:ffff:ffff:ffe0::"],
    ["2131:0:0:1001::/64", "2131:0:0:1001::", "ffff:ffff:ffff:ffff::"],
    ["2001:DB8:8000:2000::/48", "2001:db8:8000::", "ffff:ffff:ffff::"],
    ["2002:c000:204::/48", "2002:c000:204::", "ffff:ffff:ffff::"],
  ])("gives %s the bare network address %s and netmask %s", (prefix, destination, mask) => {
    expect(networkVirtualServerAddressing(prefix)).toEqual({ destination, mask });
  });

  test("appends the route domain to the destination only", () => {
    expect(networkVirtualServerAddressing("2131:0:0:1000::/59", 2)).toEqual({
      destination: "2131:0:0:1000::%2",
      mask: "ffff:ffff:ffff:ffe0::",
    });
  });

  test("rejects a value that is not IPv6 CIDR", () => {
    expect(() => networkVirtualServerAddressing("10.0.0.0/8")).toThrow(
      "clientPrefix must be IPv6 CIDR, got '10.0.0.0/8'",
    );
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
