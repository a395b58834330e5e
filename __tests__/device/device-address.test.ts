import {
  deviceKey,
  deviceUrl,
  formatEnvironmentProblem,
  isAddressProblem,
  parseDeviceAddress,
  parseEnvironmentAddress,
  providerAddress,
} from "../../lib/device/device-address";

test.each([
  ["bigip-east.corp.example", "https://bigip-east.corp.example:443"],
  ["BIGIP-East.Corp.Example.", "https://bigip-east.corp.example:443"],
  ["bigip-east.corp.example:8443", "https://bigip-east.corp.example:8443"],
  ["https://bigip-east.corp.example/", "https://bigip-east.corp.example:443"],
  ["HTTPS://bigip-east.corp.example:8443", "https://bigip-east.corp.example:8443"],
  ["http://127.0.0.1:8100", "http://127.0.0.1:8100"],
  ["192.0.2.10", "https://192.0.2.10:443"],
  ["2001:DB8::5", "https://[2001:db8::5]:443"],
  ["[2001:db8::5]:8443", "https://[2001:db8::5]:8443"],
  ["https://[2001:db8::5]", "https://[2001:db8::5]:443"],
  // One address, one text: RFC 5952 form, and an IPv4-mapped address is the IPv4 address.
  ["[2001:0db8:00f5:0:0:0:0:5]:443", "https://[2001:db8:f5::5]:443"],
  ["2001:db8:f5:0:0:0:0:5", "https://[2001:db8:f5::5]:443"],
  ["[::ffff:10.20.0.5]", "https://10.20.0.5:443"],
  ["::FFFF:a14:5", "https://10.20.0.5:443"],
  ["bigip.corp.example:0443", "https://bigip.corp.example:443"],
  // A host name that starts with "http" is a host name: go-bigip would take it for a URL, so the
  // provider always gets the scheme written out.
  ["httpbin.corp.example", "https://httpbin.corp.example:443"],
  // A label of digits is fine where it is not the last one.
  ["10.bigip.corp.example", "https://10.bigip.corp.example:443"],
])("accepts %s as %s", (text, url) => {
  const parsed = parseDeviceAddress(text);
  if (isAddressProblem(parsed)) throw new Error(parsed.reason);
  expect(deviceUrl(parsed)).toBe(url);
});

test.each([
  ["bigip-east.corp.example", "name"],
  ["[::ffff:10.20.0.5]", "ipv4"],
  ["10.20.0.5", "ipv4"],
  ["2001:db8::5", "ipv6"],
])("%s is of kind %s", (text, kind) => {
  expect(parseDeviceAddress(text)).toMatchObject({ kind });
});

const NOT_AN_ADDRESS = "is not a host name or address";
const UNSPECIFIED = "which names no device (a connection to it reaches the machine that connects)";
const ZONE_ID =
  "has a zone id (the part after %), which names a network interface of the machine that connects, not the device";
const nonCanonical = (read: string) =>
  `is an IPv4 address not written as four decimal numbers, which tools read as different hosts (Node reads ${read})`;

test.each([
  ["", "is empty"],
  ["https://admin:secret@bigip.corp.example", "holds a user name or password"],
  ["admin@bigip.corp.example", "holds a user name or password"],
  ["ftp://bigip.corp.example", "uses ftp://"],
  ["https://bigip.corp.example/mgmt/tm", "holds a path, query or fragment"],
  ["bigip.corp.example?x=1", "holds a path, query or fragment"],
  ["bigip.corp.example:0", "has a port that is not 1 to 65535"],
  ["bigip.corp.example:65536", "has a port that is not 1 to 65535"],
  ["bigip.corp.example:99999", "has a port that is not 1 to 65535"],
  ["bigip.corp.example:", "has a port that is not 1 to 65535"],
  ["bigip corp", "holds a space or an invisible character"],
  ["bigip.corp.example\u202e", "holds a space or an invisible character"],
  ["${TfToken[TOKEN.1]}", NOT_AN_ADDRESS],
  ["bigip_east.corp.example", NOT_AN_ADDRESS],
  ["[bigip.corp.example]", "has brackets around something other than an IPv6 address"],
  ["[10.20.0.5]", "has brackets around something other than an IPv6 address"],
  ["999.1.1.1", NOT_AN_ADDRESS],
  ["1.2.3.4.5", NOT_AN_ADDRESS],
  ["bigip.corp.123", NOT_AN_ADDRESS],
  // Names no device.
  ["0.0.0.0", `is the unspecified address 0.0.0.0, ${UNSPECIFIED}`],
  ["https://0.0.0.0:8443", `is the unspecified address 0.0.0.0, ${UNSPECIFIED}`],
  ["::", `is the unspecified address ::, ${UNSPECIFIED}`],
  ["[::]:443", `is the unspecified address ::, ${UNSPECIFIED}`],
  ["[0:0:0:0:0:0:0:0]", `is the unspecified address ::, ${UNSPECIFIED}`],
  ["[::ffff:0.0.0.0]", `is the unspecified address 0.0.0.0, ${UNSPECIFIED}`],
  ["0", `is the unspecified address 0.0.0.0, ${UNSPECIFIED}`],
  // Means another host to another tool.
  ["fe80::1%eth0", ZONE_ID],
  ["[fe80::1%25eth0]:443", ZONE_ID],
  ["https://[fe80::1%eth0]", ZONE_ID],
  ["0x0a.20.0.5", nonCanonical("10.20.0.5")],
  ["10.20.5", nonCanonical("10.20.0.5")],
  ["012.20.0.5", nonCanonical("10.20.0.5")],
  ["167772165", nonCanonical("10.0.0.5")],
  ["10.20.0.5.", nonCanonical("10.20.0.5")],
  ["https://0x0a.20.0.5:8443", nonCanonical("10.20.0.5")],
])("refuses %j: it %s", (text, reason) => {
  const parsed = parseDeviceAddress(text);
  expect(isAddressProblem(parsed) ? parsed.reason : "accepted").toBe(reason);
});

test("a non-canonical IPv4 address gets the four numbers Node reads as its hint", () => {
  expect(parseDeviceAddress("012.20.0.5")).toEqual({
    reason: nonCanonical("10.20.0.5"),
    hint: "write four decimal numbers without leading zeros, 10.20.0.5 if that is the device",
  });
});

test("the provider gets the scheme and host as address and the port on its own", () => {
  const parsed = parseDeviceAddress("[2001:db8::5]:8443");
  if (isAddressProblem(parsed)) throw new Error(parsed.reason);
  expect(providerAddress(parsed)).toEqual({ address: "https://[2001:db8::5]", port: "8443" });
});

test.each([
  ["http://BIGIP.corp.example:443", "bigip.corp.example"],
  ["2001:db8:f5::5", "[2001:0db8:00f5:0:0:0:0:5]:443"],
  ["10.20.0.5", "[::ffff:10.20.0.5]"],
  ["https://[::ffff:a14:5]/", "10.20.0.5:443"],
])("one device however written: %s and %s", (one, other) => {
  const key = (text: string) => {
    const parsed = parseDeviceAddress(text);
    return isAddressProblem(parsed) ? parsed.reason : deviceKey(parsed);
  };
  expect(key(one)).toBe(key(other));
});

test("another port is another device", () => {
  const key = (text: string) => deviceKey(parseDeviceAddress(text) as never);
  expect(key("bigip.corp.example:8443")).not.toBe(key("bigip.corp.example"));
});

describe("BIGIP_HOST and BIGIP_PORT, read as the provider reads them", () => {
  /** The one-line error, or the URL the tools connect to. */
  const read = (host: string, port?: string) => {
    const parsed = parseEnvironmentAddress(host, port);
    return isAddressProblem(parsed)
      ? formatEnvironmentProblem(parsed, { BIGIP_HOST: host, BIGIP_PORT: port })
      : deviceUrl(parsed);
  };

  test.each([
    ["bigip.corp.example", undefined, "https://bigip.corp.example:443"],
    ["bigip.corp.example", "8443", "https://bigip.corp.example:8443"],
    ["https://bigip.corp.example", "8443", "https://bigip.corp.example:8443"],
    ["http://127.0.0.1", "8100", "http://127.0.0.1:8100"],
    ["bigip.corp.example:8443", undefined, "https://bigip.corp.example:8443"],
    ["[2001:db8::5]", "8443", "https://[2001:db8::5]:8443"],
  ])("BIGIP_HOST=%s BIGIP_PORT=%s is %s", (host, port, url) => {
    expect(read(host, port)).toBe(url);
  });

  test.each([
    [
      "bigip.corp.example",
      "99999",
      "BIGIP_PORT is not a port from 1 to 65535 (digits only), got '99999'; the provider appends it to BIGIP_HOST as it is; give e.g. 8443, or unset it for 443",
    ],
    [
      "bigip.corp.example",
      "+443",
      "BIGIP_PORT is not a port from 1 to 65535 (digits only), got '+443'; the provider appends it to BIGIP_HOST as it is; give e.g. 8443, or unset it for 443",
    ],
    [
      "bigip.corp.example:8443",
      "443",
      "BIGIP_HOST holds a port, and BIGIP_PORT is set too: the provider appends :443 after it, got 'bigip.corp.example:8443'; give the port in one place: BIGIP_HOST=https://bigip.corp.example and BIGIP_PORT=443, or unset BIGIP_PORT",
    ],
    [
      "https://bigip.corp.example/",
      "8443",
      "BIGIP_HOST holds a final /, and BIGIP_PORT is set too: the provider appends :8443 after it, got 'https://bigip.corp.example/'; give the port in one place: BIGIP_HOST=https://bigip.corp.example and BIGIP_PORT=8443, or unset BIGIP_PORT",
    ],
    [
      "fe80::1%eth0",
      undefined,
      `BIGIP_HOST ${ZONE_ID}, got 'fe80::1%eth0'; give the device's host name or a global or unique local address, which need no zone id, e.g. bigip-east.corp.example, https://bigip-east.corp.example:8443 or 2001:db8::5`,
    ],
    [
      "2001:db8::5",
      undefined,
      "BIGIP_HOST is an IPv6 address without brackets, which the provider puts into its URL as it is and cannot connect to, got '2001:db8::5'; write [2001:db8::5]",
    ],
    [
      "HTTPS://bigip.corp.example:8443",
      undefined,
      `BIGIP_HOST is read otherwise by the provider, which prepends https:// to any text that does not begin with "http", got 'HTTPS://bigip.corp.example:8443'; write https://bigip.corp.example:8443`,
    ],
    [
      "httpbin.corp.example",
      undefined,
      `BIGIP_HOST is read otherwise by the provider, which prepends https:// to any text that does not begin with "http", got 'httpbin.corp.example'; write https://httpbin.corp.example`,
    ],
    [
      "https://admin:secret@bigip.corp.example",
      undefined,
      "BIGIP_HOST holds a user name or password, got '(hidden)'; remove user:password@; the provider reads BIGIP_USER and BIGIP_PASSWORD (or bigip.credentials names the variables)",
    ],
  ])("refuses BIGIP_HOST=%s BIGIP_PORT=%s in one line", (host, port, error) => {
    expect(read(host, port)).toBe(error);
  });
});
