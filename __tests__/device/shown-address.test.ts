/** Address text in each form the device shows it, read as one address. */
import {
  formInPartition,
  memberInPartition,
  parseShownAddress,
  parseShownDestination,
  parseShownMember,
  parseShownNetwork,
  sameAddressIn,
} from "../../lib/device/shown-address";

const text = (shown: { address: { toString(): string }; routeDomain?: number } | undefined) =>
  shown &&
  `${shown.address.toString()}${shown.routeDomain === undefined ? "" : `%${shown.routeDomain}`}`;

test.each([
  ["/Common/2001:db8:8000:1000::.0", "2001:db8:8000:1000::", 0],
  ["/DA/2001:db8:8000:1000::%2.0", "2001:db8:8000:1000::%2", 0],
  ["/Common/2001:db8:8000:1000::.any", "2001:db8:8000:1000::", 0],
  ["/Common/2700:bc00:1f10:101::6%2.any", "2700:bc00:1f10:101::6%2", 0],
  ["2001:DB8:0:0::1%2.443", "2001:db8::1%2", 443],
])("destination %s: %s port %i", (destination, address, port) => {
  const parsed = parseShownDestination(destination);
  expect([text(parsed), parsed?.port]).toEqual([address, port]);
});

test.each([
  "",
  "/Common/",
  "/Common/10.0.0.1:80",
  "/Common/2001:db8::.http",
  "2001:db8::%x.0",
  "::%2",
])("%j is not a destination", (destination) =>
  expect(parseShownDestination(destination)).toBeUndefined(),
);

test("members, nodes and networks", () => {
  expect(text(parseShownMember("2001:db8:10::11%2.0"))).toBe("2001:db8:10::11%2");
  expect(parseShownMember("DA2:0")).toBeUndefined();
  expect(text(parseShownAddress("2001:db8:10::11%0"))).toBe("2001:db8:10::11%0");
  expect(parseShownAddress("10.1.1.1")).toBeUndefined();
  expect(parseShownNetwork("2001:db8:10::1%2/64")).toMatchObject({ routeDomain: 2, length: 64 });
  expect(parseShownNetwork("2001:db8:10::1/129")).toBeUndefined();
});

test("a partition's default route domain shown or left out is one address; another is not", () => {
  const shown = parseShownAddress("2001:db8:10::11%2")!;
  const hidden = parseShownAddress("2001:db8:10::11")!;
  expect(sameAddressIn(shown, 2, hidden, 2)).toBe(true);
  expect(sameAddressIn(shown, 0, hidden, 0)).toBe(false);
  expect(sameAddressIn(hidden, 2, hidden, 0)).toBe(false);
  expect([
    formInPartition(shown, 2),
    formInPartition(hidden, 2),
    formInPartition(shown, 0),
  ]).toEqual(["2001:db8:10::11", "2001:db8:10::11", "2001:db8:10::11%2"]);
  expect(memberInPartition("2001:db8:10::11%2.0", 2)).toBe("2001:db8:10::11.0");
  expect(memberInPartition("DA2:0", 2)).toBe("DA2:0");
});
