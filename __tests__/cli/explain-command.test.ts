import { runCli } from "./run-cli";

test("names the DA server, prefix, pool and virtual server of a client address", () => {
  expect(runCli("explain", "2001:db8:8000:1001::2c")).toEqual({
    code: 0,
    stderr: "",
    stdout: [
      "2001:db8:8000:1001::2c is an IP-HTTPS client of DA server da-east-2 (entry point east, stack corp-east, inventories/corp-east.yaml)",
      "  client prefix   2001:db8:8000:1001::/64 (inside entry point prefix 2001:db8:8000:1000::/59)",
      "  virtual server  /Common/da_mo_east_da-east-2_vs",
      "  pool            /Common/da_mo_east_da-east-2_pool",
      "  next hop        2001:db8:10::12 (pool member: the DA server's own corporate address, never a cluster virtual IP)",
      "",
    ].join("\n"),
  });
});

test("a single server owns its entry point's whole prefix", () => {
  const { code, stdout } = runCli("explain", "2001:DB8:8000:2000:0:0:0:5");
  expect(code).toBe(0);
  expect(stdout.split("\n").slice(0, 2)).toEqual([
    "2001:db8:8000:2000::5 is an IP-HTTPS client of DA server da-leeds-1 (entry point branch-leeds, stack corp-east, inventories/corp-east.yaml)",
    "  client prefix   2001:db8:8000:2000::/64",
  ]);
});

test("the longest matching prefix wins across inventories", () => {
  const files = ["__tests__/fixtures/explain/wide.yaml", "__tests__/fixtures/cross-file/east.yaml"];
  expect(
    JSON.parse(runCli("explain", "--format", "json", "2131:0:0:1001::9", ...files).stdout),
  ).toMatchObject({
    kind: "match",
    server: "da-east-2",
    clientPrefix: "2131:0:0:1001::/64",
  });
  expect(
    JSON.parse(runCli("explain", "--format", "json", "2131:0:0:10ff::9", ...files).stdout),
  ).toMatchObject({
    kind: "match",
    server: "da-wide-1",
    clientPrefix: "2131:0:0:1000::/56",
    pool: "/Other/da_mo_wide_da-wide-1_pool",
  });
});

test("decodes a Teredo address and exits 3", () => {
  expect(runCli("explain", "2001:0:4136:e378:8000:63bf:3fff:fdd2")).toEqual({
    code: 3,
    stderr: "",
    stdout: [
      "2001:0:4136:e378:8000:63bf:3fff:fdd2 is a Teredo address (2001::/32): Manage Out behind load balancers cannot reach Teredo clients",
      "  Teredo server   65.54.227.120",
      "  client          192.0.2.45 port 40000 (its public IPv4 address and UDP port)",
      "  the client should connect with IP-HTTPS instead (disable Teredo in the DirectAccess client settings)",
      "",
    ].join("\n"),
  });
});

test("says when an address lies outside every prefix, and exits 3", () => {
  const { code, stdout } = runCli("explain", "--format", "json", "2001:db8:9999::1");
  expect(code).toBe(3);
  expect(JSON.parse(stdout)).toEqual({ kind: "outside", address: "2001:db8:9999::1" });
});

test("names the entry point and its servers for an address in a cluster prefix but no node's /64", () => {
  const text = runCli("explain", "2001:db8:8000:1005::1", "inventories/corp-east.yaml");
  expect(text.code).toBe(3);
  expect(text.stdout.split("\n").slice(0, 4)).toEqual([
    "2001:db8:8000:1005::1 lies in the client prefix 2001:db8:8000:1000::/59 of entry point east (stack corp-east, inventories/corp-east.yaml), but in none of its servers' prefixes: no DA server handles Manage Out traffic to it",
    "  da-east-1       2001:db8:8000:1000::/64",
    "  da-east-2       2001:db8:8000:1001::/64",
    "  da-east-3       2001:db8:8000:1002::/64",
  ]);
  const json = runCli("explain", "--format", "json", "2001:db8:8000:101f::9");
  expect(JSON.parse(json.stdout)).toMatchObject({
    kind: "unassigned",
    stack: "corp-east",
    entryPoint: "east",
    entryPointPrefix: "2001:db8:8000:1000::/59",
  });
});

test("shows an address argument with control characters escaped", () => {
  expect(runCli("explain", "2001:db8::1\u001b[2J").stderr).toBe(
    "da-manage-out explain: '2001:db8::1<U+001B ESCAPE>[2J' is not an IPv6 address; give the client's IP-HTTPS address, e.g. 2131:0:0:1001::2c\n",
  );
});

test("rejects an address that is not IPv6 with exit 1", () => {
  expect(runCli("explain", "10.1.2.3")).toEqual({
    code: 1,
    stdout: "",
    stderr:
      "da-manage-out explain: '10.1.2.3' is not an IPv6 address; give the client's IP-HTTPS address, e.g. 2131:0:0:1001::2c\n",
  });
});

test("exits 1 with the problems when an inventory is invalid", () => {
  const { code, stderr } = runCli(
    "explain",
    "2131::1",
    "__tests__/fixtures/invalid/prefix-host-bits.yaml",
  );
  expect(code).toBe(1);
  expect(stderr).toContain("has host bits set");
});

test("exits 2 without an address", () => {
  expect(runCli("explain")).toMatchObject({
    code: 2,
    stderr: "da-manage-out explain: give the client's IPv6 address\n",
  });
});
