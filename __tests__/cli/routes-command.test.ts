import { runCli } from "./run-cli";

test("prints the routes of the example inventories as a table", () => {
  expect(runCli("routes")).toEqual({
    code: 0,
    stderr: "",
    stdout: [
      "client prefix            next hop        stack      entry point",
      "2001:db8:8000:1000::/59  2001:db8:10::1  corp-east  east",
      "2001:db8:8000:2000::/64  2001:db8:10::1  corp-east  branch-leeds",
      "2001:db8:8000:3000::/59  2001:db8:30::1  corp-west  west",
      "",
    ].join("\n"),
  });
});

test.each([
  [
    ["--format", "cisco"],
    "ipv6 route 2001:db8:8000:1000::/59 2001:db8:10::1\nipv6 route 2001:db8:8000:2000::/64 2001:db8:10::1\n",
  ],
  [
    ["--format", "junos"],
    "set routing-options rib inet6.0 static route 2001:db8:8000:1000::/59 next-hop 2001:db8:10::1\nset routing-options rib inet6.0 static route 2001:db8:8000:2000::/64 next-hop 2001:db8:10::1\n",
  ],
  [
    ["--format", "windows", "--interface", "Corp"],
    "New-NetRoute -DestinationPrefix '2001:db8:8000:1000::/59' -InterfaceAlias 'Corp' -NextHop '2001:db8:10::1' -Publish Yes\nNew-NetRoute -DestinationPrefix '2001:db8:8000:2000::/64' -InterfaceAlias 'Corp' -NextHop '2001:db8:10::1' -Publish Yes\n",
  ],
])("prints router configuration with %j", (options, expected) => {
  expect(runCli("routes", ...options, "inventories/corp-east.yaml")).toEqual({
    code: 0,
    stderr: "",
    stdout: expected,
  });
});

test("--next-hop overrides bigip.selfAddress, in canonical form; json for machines", () => {
  const { code, stdout } = runCli(
    "routes",
    "--format",
    "json",
    "--next-hop",
    "2001:DB8:10:0::FE",
    "inventories/corp-west.yaml",
  );
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual([
    {
      prefix: "2001:db8:8000:3000::/59",
      nextHop: "2001:db8:10::fe",
      stack: "corp-west",
      entryPoint: "west",
    },
  ]);
});

test("exits 1 naming the inventory when it has no selfAddress and no --next-hop is given", () => {
  expect(runCli("routes", "__tests__/fixtures/cross-file/east.yaml")).toEqual({
    code: 1,
    stdout: "",
    stderr:
      "da-manage-out routes: __tests__/fixtures/cross-file/east.yaml: bigip.selfAddress is missing; add the internal BIG-IP's corporate-side self IP (floating on an HA pair) or pass --next-hop\n",
  });
});

test.each([
  [
    ["--format", "windows"],
    "da-manage-out routes: --format windows needs --interface <alias> (the corporate-side interface)\n",
  ],
  [
    ["--format", "ios"],
    "da-manage-out routes: --format must be one of table, json, cisco, junos, windows, got 'ios'\n",
  ],
])("exits 2 on wrong usage %j", (options, message) => {
  expect(runCli("routes", ...options)).toEqual({ code: 2, stdout: "", stderr: message });
});

test("exits 1 on a --next-hop that is not IPv6", () => {
  expect(runCli("routes", "--next-hop", "10.0.0.1")).toMatchObject({ code: 1 });
});

test.each([
  [`Corp"; Remove-Item -Recurse C:\\ ; "`, `'Corp"; Remove-Item -Recurse C:\\ ; "'`],
  [`Corp'; Remove-Item x; '`, `'Corp''; Remove-Item x; '''`],
  [`Corp\u2019; Remove-Item x`, `'Corp\u2019\u2019; Remove-Item x'`],
  ["$(Remove-Item x)`n", "'$(Remove-Item x)`n'"],
])("an --interface alias %j stays one PowerShell string", (alias, quoted) => {
  const { code, stdout } = runCli(
    "routes",
    "--format",
    "windows",
    "--interface",
    alias,
    "inventories/corp-east.yaml",
  );
  expect(code).toBe(0);
  expect(stdout.split("\n")[0]).toBe(
    `New-NetRoute -DestinationPrefix '2001:db8:8000:1000::/59' -InterfaceAlias ${quoted} -NextHop '2001:db8:10::1' -Publish Yes`,
  );
});

test.each([
  ["::", "must be a routable unicast address: the unspecified address :: names no host"],
  ["::1", "must be a routable unicast address"],
  ["ff02::1", "must be a routable unicast address"],
  ["fe80::1", "must be a routable unicast address"],
  ["64:ff9b::a00:1", "must be a routable unicast address: a NAT64 address"],
  [
    "2001:db8:8000:1000::1",
    "lies inside the client prefix 2001:db8:8000:1000::/59 of corp-east/east",
  ],
])("--next-hop %s is refused like bigip.selfAddress", (hop, message) => {
  const result = runCli("routes", "--next-hop", hop, "inventories/corp-east.yaml");
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain(`da-manage-out routes: --next-hop ${hop} ${message}`);
});

test("an --interface alias with invisible characters is a usage error", () => {
  expect(
    runCli(
      "routes",
      "--format",
      "windows",
      "--interface",
      "Corp\u00a0LAN",
      "inventories/corp-east.yaml",
    ),
  ).toEqual({
    code: 2,
    stdout: "",
    stderr:
      "da-manage-out routes: --interface Corp<U+00A0 NO-BREAK SPACE>LAN holds invisible characters; type the alias as Get-NetAdapter shows it\n",
  });
});

test("--next-hop as an IPv4-mapped address is not an IPv6 next hop", () => {
  expect(
    runCli("routes", "--next-hop", "::ffff:10.0.0.1", "inventories/corp-east.yaml"),
  ).toMatchObject({
    code: 1,
    stderr: "da-manage-out routes: --next-hop must be an IPv6 address, got '::ffff:10.0.0.1'\n",
  });
});
