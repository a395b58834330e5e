import { parseIpv6Prefix, prefixRange } from "../../lib/address/ipv6";
import { findNestings } from "../../lib/address/prefix-nesting";

function ranges(...prefixes: string[]) {
  return prefixes.map((text) => ({ ...prefixRange(parseIpv6Prefix(text)!), owner: text }));
}

function pairs(...prefixes: string[]): [string, string][] {
  return findNestings(ranges(...prefixes)).map(({ outer, inner }) => [outer.owner, inner.owner]);
}

test("pairs each prefix with the narrowest prefix around it", () => {
  expect(
    pairs("2131:0:0:1001::/64", "2131:0:0:1000::/59", "2131::/48", "2131:0:0:2000::/64"),
  ).toEqual([
    ["2131::/48", "2131:0:0:1000::/59"],
    ["2131:0:0:1000::/59", "2131:0:0:1001::/64"],
    ["2131::/48", "2131:0:0:2000::/64"],
  ]);
});

test("pairs equal prefixes in input order", () => {
  expect(pairs("2131:0:0:1000::/64", "2131:0:0:1000::/64", "2131:0:0:1000::/64")).toEqual([
    ["2131:0:0:1000::/64", "2131:0:0:1000::/64"],
    ["2131:0:0:1000::/64", "2131:0:0:1000::/64"],
  ]);
});

test("finds nothing among disjoint prefixes, adjacent ones included", () => {
  expect(
    pairs("2131:0:0:1000::/64", "2131:0:0:1001::/64", "2131:0:0:fff::/64", "2131:0:0:1002::/63"),
  ).toEqual([]);
});

test("finds nothing among 20,000 disjoint /64s", () => {
  const many = Array.from(
    { length: 20_000 },
    (_, i) => `2131:0:${(i >> 8).toString(16)}:${(i & 255).toString(16)}00::/64`,
  );
  expect(pairs(...many)).toEqual([]);
});
