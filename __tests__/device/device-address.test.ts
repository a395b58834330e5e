import {
  deviceKey,
  deviceUrl,
  isAddressProblem,
  parseDeviceAddress,
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
  // A host name that starts with "http" is a host name: go-bigip would take it for a URL, so the
  // provider always gets the scheme written out.
  ["httpbin.corp.example", "https://httpbin.corp.example:443"],
])("accepts %s as %s", (text, url) => {
  const parsed = parseDeviceAddress(text);
  if (isAddressProblem(parsed)) throw new Error(parsed.reason);
  expect(deviceUrl(parsed)).toBe(url);
});

test.each([
  ["", "is empty"],
  ["https://admin:secret@bigip.corp.example", "holds a user name or password"],
  ["admin@bigip.corp.example", "holds a user name or password"],
  ["ftp://bigip.corp.example", "uses ftp://"],
  ["https://bigip.corp.example/mgmt/tm", "holds a path, query or fragment"],
  ["bigip.corp.example?x=1", "holds a path, query or fragment"],
  ["bigip.corp.example:0", "has a port that is not 1 to 65535"],
  ["bigip.corp.example:65536", "has a port that is not 1 to 65535"],
  ["bigip.corp.example:", "has a port that is not 1 to 65535"],
  ["bigip corp", "holds a space or an invisible character"],
  ["bigip.corp.example\u202e", "holds a space or an invisible character"],
  ["${TfToken[TOKEN.1]}", "is not a host name or address"],
  ["bigip_east.corp.example", "is not a host name or address"],
  ["[bigip.corp.example]", "has brackets around something other than an IPv6 address"],
  ["999.1.1.1", "is not a host name or address"],
])("refuses %j: it %s", (text, reason) => {
  const parsed = parseDeviceAddress(text);
  expect(isAddressProblem(parsed) ? parsed.reason : "accepted").toBe(reason);
});

test("the provider gets the scheme and host as address and the port on its own", () => {
  const parsed = parseDeviceAddress("[2001:db8::5]:8443");
  if (isAddressProblem(parsed)) throw new Error(parsed.reason);
  expect(providerAddress(parsed)).toEqual({ address: "https://[2001:db8::5]", port: "8443" });
});

test("one device whatever the scheme or case", () => {
  const key = (text: string) => {
    const parsed = parseDeviceAddress(text);
    return isAddressProblem(parsed) ? parsed.reason : deviceKey(parsed);
  };
  expect(key("http://BIGIP.corp.example:443")).toBe(key("bigip.corp.example"));
  expect(key("bigip.corp.example:8443")).not.toBe(key("bigip.corp.example"));
});
