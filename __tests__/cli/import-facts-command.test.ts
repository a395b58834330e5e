import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { runCli } from "./run-cli";
import { synthStack } from "../stack-helpers";

const FACTS = "__tests__/fixtures/facts";
const CLUSTER_AND_BRANCH = ["da-east-1", "da-east-2", "da-east-3", "da-leeds-1"].map(
  (name) => `${FACTS}/cluster-and-branch/${name}.json`,
);

let work: string;
beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-facts-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("turns a 3-node cluster and a single server into an inventory that validates and synthesizes", () => {
  const out = path.join(work, "corp-east.yaml");
  const result = runCli(
    "import-facts",
    ...CLUSTER_AND_BRANCH,
    "--name",
    "corp-east",
    "--vlan",
    "/Common/internal",
    "--out",
    out,
  );
  expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  const text = readFileSync(out, "utf8");
  // Three header comment lines and a blank line, then the inventory.
  expect(text.split("\n").slice(4)).toEqual([
    "name: corp-east",
    "bigip:",
    "  vlans: [/Common/internal]",
    "entryPoints:",
    "  - name: branch-leeds",
    '    clientPrefix: "2001:db8:8000:2000::/64"',
    "    servers:",
    "      - name: DA-LEEDS-1",
    '        internalAddress: "2001:db8:20::21"',
    "  - name: da-east",
    '    clientPrefix: "2001:db8:8000:1000::/59"',
    "    servers:",
    "      - name: DA-EAST-1",
    '        internalAddress: "2001:db8:10::11"',
    '        clientPrefix: "2001:db8:8000:1000::/64"',
    "      - name: DA-EAST-2",
    '        internalAddress: "2001:db8:10::12"',
    '        clientPrefix: "2001:db8:8000:1001::/64"',
    "        # note: Teredo is Client on DA-EAST-2; Manage Out cannot reach Teredo clients behind load balancers, only IP-HTTPS clients",
    "      - name: DA-EAST-3",
    '        internalAddress: "2001:db8:10::13"',
    '        clientPrefix: "2001:db8:8000:1002::/64"',
    "",
  ]);
  expect(runCli("validate", out).code).toBe(0);
  const stack = synthStack(text);
  expect(Object.keys(stack.resource.bigip_ltm_virtual_server)).toHaveLength(4);
});

test("stops with the explanation when every node reports only the cluster /59, writing nothing", () => {
  const out = path.join(work, "east.yaml");
  const files = ["da-east-1", "da-east-2"].map(
    (name) => `${FACTS}/cluster-prefix-only/${name}.json`,
  );
  const result = runCli("import-facts", ...files, "--vlan", "/Common/internal", "--out", out);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    "da-manage-out import-facts: every node of entry point 'da-east' (DA-EAST-1, DA-EAST-2) reports only the cluster prefix 2001:db8:8000:1000::/59, which Get-DAServer shows on every node of a load-balanced cluster; each node's own /64 is the IP-HTTPS route it publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface). Collect the facts again on each node while IP-HTTPS is up, instead of copying the cluster prefix onto every node.\n",
  );
  expect(existsSync(out)).toBe(false);
});

test("flags what it cannot decide as TODO, and the inventory fails validation until a person decides", () => {
  const facts = JSON.parse(readFileSync(CLUSTER_AND_BRANCH[1], "utf8"));
  facts.publishedRoutes = facts.publishedRoutes.filter(
    (route: { Publish: string }) => route.Publish !== "Yes",
  );
  const withoutRoute = path.join(work, "da-east-2.json");
  writeFileSync(withoutRoute, JSON.stringify(facts));
  const result = runCli("import-facts", CLUSTER_AND_BRANCH[0], withoutRoute);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(
    "  vlans: [] # TODO: the corporate-side VLAN(s) of the internal BIG-IP, e.g. [/Common/internal] (or --vlan)",
  );
  expect(result.stdout).toContain(
    '        clientPrefix: "" # TODO: DA-EAST-2 publishes no /64 of its own on the IP-HTTPS interface (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)',
  );
  expect(result.stderr).toContain("<stdout>:6:10: error: bigip.vlans must list at least 1 item");
});

/** The inventory of the two-node NLB cluster fixtures (see fixtures/facts/SOURCES.md). */
const EDGE_INVENTORY = [
  "bigip:",
  "  vlans: [/Common/internal]",
  "entryPoints:",
  "  - name: edge1",
  '    clientPrefix: "2001:db8:1:1000::/59"',
  "    servers:",
  "      - name: EDGE1",
  '        internalAddress: "2001:db8:1::10"',
  '        clientPrefix: "2001:db8:1:1000::/64"',
  "      - name: EDGE2",
  '        internalAddress: "2001:db8:1::8"',
  '        clientPrefix: "2001:db8:1:1001::/64"',
  "",
];

function importEdge(folder: string) {
  const files = ["edge1", "edge2"].map((name) => `${FACTS}/${folder}/${name}.json`);
  return runCli("import-facts", ...files, "--vlan", "/Common/internal");
}

test.each([
  ["first, in factsVersion 1 facts (an address every node carries is the VIP)", "nlb-vip-first"],
  ["last, in factsVersion 2 facts that name it", "nlb-vip-last"],
])("never makes an NLB cluster's virtual IP a pool member: VIP listed %s", (_, folder) => {
  const result = importEdge(folder);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout.split("\n").slice(4)).toEqual(EDGE_INVENTORY);
});

test("leaves out the virtual IP in Microsoft's published form (2001:db8:1::2/64) with one node's facts", () => {
  const result = runCli(
    "import-facts",
    `${FACTS}/nlb-vip-last/edge1.json`,
    "--vlan",
    "/Common/internal",
    "--allow-partial",
  );
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('        internalAddress: "2001:db8:1::10"\n');
  expect(result.stdout).not.toContain('"2001:db8:1::2"');
});

test("reads Publish as MSFT_NetRoute's numbers: 2 (Yes) and 1 (Age) published, 0 (No) not", () => {
  const result = importEdge("publish-numeric");
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout.split("\n").slice(4)).toEqual(EDGE_INVENTORY);
});

test("tells deployments apart by the whole ConnectTo name, not its first label", () => {
  const files = ["contoso", "fabrikam"].map((org) => `${FACTS}/two-deployments/edge1-${org}.json`);
  const result = runCli("import-facts", ...files, "--vlan", "/Common/internal");
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout.split("\n").slice(4)).toEqual([
    "bigip:",
    "  vlans: [/Common/internal]",
    "entryPoints:",
    "  - name: directaccess.contoso.com",
    '    clientPrefix: "2001:db8:1:1000::/64"',
    "    servers:",
    "      - name: EDGE1",
    '        internalAddress: "2001:db8:1::2"',
    "  - name: directaccess.fabrikam.com",
    '    clientPrefix: "2001:db8:2:1000::/64"',
    "    servers:",
    "      - name: FAB-EDGE1",
    '        internalAddress: "2001:db8:2::2"',
    "",
  ]);
});

test("keeps a 6to4-derived corporate address of an IPv4-only intranet, as validate does", () => {
  const out = path.join(work, "edge.yaml");
  const file = `${FACTS}/ipv4-only-intranet/edge1.json`;
  expect(runCli("import-facts", file, "--vlan", "/Common/internal", "--out", out)).toEqual({
    code: 0,
    stdout: "",
    stderr: "",
  });
  expect(readFileSync(out, "utf8").split("\n").slice(4)).toEqual([
    "bigip:",
    "  vlans: [/Common/internal]",
    "entryPoints:",
    "  - name: da-192.168.0.2",
    '    clientPrefix: "2002:836b:1:1000::/64"',
    "    servers:",
    "      - name: EDGE1",
    '        internalAddress: "2002:836b:1:1::2"',
    "",
  ]);
  expect(runCli("validate", out)).toMatchObject({ code: 0, stderr: "" });
});

test("names the servers of another multisite entry point that no file covers", () => {
  const result = runCli(
    "import-facts",
    `${FACTS}/multisite/da1.json`,
    "--vlan",
    "/Common/internal",
  );
  expect(result).toEqual({
    code: 1,
    stdout: "",
    stderr:
      "da-manage-out import-facts: the facts name a node with no facts among the inputs: DA2.domain1.corp.contoso.com (entry point 'Entry-Point-2') (Get-RemoteAccessLoadBalancer and Get-DAEntryPoint on the other nodes list them). Collect the facts on each of them with collector/Get-DaManageOutFacts.ps1 and pass every file, or pass --allow-partial to write the inventory without them.\n",
  });
});

test("warns beside an entry point prefix that is neither a /59 nor a /64", () => {
  const facts = JSON.parse(readFileSync(`${FACTS}/ipv4-only-intranet/edge1.json`, "utf8"));
  facts.clientIPv6Prefix = "2002:836b:1:1000::/56";
  const file = path.join(work, "edge1.json");
  writeFileSync(file, JSON.stringify(facts));
  expect(runCli("import-facts", file, "--vlan", "/Common/internal").stdout).toContain(
    `    clientPrefix: "2002:836b:1:1000::/56" # warning: is a /56; Remote Access gives an entry point a /59 (load-balanced) or a /64 (single server); check the entry point's Get-DAServer ClientIPv6Prefix and copy it as shown\n`,
  );
});

test("stops, naming the candidates, when it cannot tell a node's own address from others", () => {
  const facts = JSON.parse(readFileSync(`${FACTS}/nlb-vip-last/edge1.json`, "utf8"));
  facts.ipAddresses.push({ ...facts.ipAddresses[0], IPAddress: "2001:db8:1::3" });
  const edge1 = path.join(work, "edge1.json");
  writeFileSync(edge1, JSON.stringify(facts));
  const out = path.join(work, "edge.yaml");
  const result = runCli(
    "import-facts",
    edge1,
    `${FACTS}/nlb-vip-last/edge2.json`,
    "--vlan",
    "/Common/internal",
    "--out",
    out,
  );
  expect(result).toEqual({
    code: 1,
    stdout: "",
    stderr:
      "da-manage-out import-facts: entry point 'edge1': cannot tell which address is the node's own (its pool member): EDGE1: 2001:db8:1::10, 2001:db8:1::3. " +
      "The member must be the address only that node has, never the cluster's virtual IP (Get-RemoteAccessLoadBalancer InternalVirtualIPAddress), which NLB hands to any node. " +
      "Collect the facts of every node with collector/Get-DaManageOutFacts.ps1 of this version (factsVersion 2 records the virtual IPs) and pass every file, " +
      "or remove the addresses that are not the node's own from ipAddresses in its facts file.\n",
  });
  expect(existsSync(out)).toBe(false);
});

const RUN_COLLECTOR =
  "run collector/Get-DaManageOutFacts.ps1 on each DA server (or with -ComputerName) and save what it writes with | Set-Content -Encoding UTF8 facts\\<server>.json, then pass that file";

test.each([
  [
    "transcript.txt",
    "is not the collector's JSON: it looks like a PowerShell transcript or console copy",
  ],
  [
    "routes.csv",
    "is not the collector's JSON: it looks like CSV (Export-Csv or ConvertTo-Csv output)",
  ],
  [
    "facts.xml",
    "is not the collector's JSON: it looks like XML (Export-Clixml or ConvertTo-Xml output)",
  ],
])("names the collector, without quoting the file, when given %s", (name, message) => {
  const file = `${FACTS}/mistakes/${name}`;
  expect(runCli("import-facts", file)).toEqual({
    code: 1,
    stdout: "",
    stderr: `da-manage-out import-facts: ${file} ${message}; ${RUN_COLLECTOR}\n`,
  });
});

test("says where broken JSON breaks, without quoting it", () => {
  const file = path.join(work, "broken.json");
  writeFileSync(file, '{\n  "computerName": "SECRET-NAME",\n  oops\n}');
  expect(runCli("import-facts", file).stderr).toBe(
    `da-manage-out import-facts: ${file} is not JSON: it breaks at line 3, column 3; collector/Get-DaManageOutFacts.ps1 writes valid JSON: ${RUN_COLLECTOR}, or correct the file\n`,
  );
});

test.each([
  ["not JSON", "{", "is not JSON"],
  [
    "not facts",
    '{"hello": 1}',
    "no factsVersion: this does not look like Get-DaManageOutFacts.ps1 output",
  ],
])("rejects a facts file that is %s", (_, content, message) => {
  const file = path.join(work, "bad.json");
  writeFileSync(file, content);
  const result = runCli("import-facts", file);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(message);
});

const COLLECT_AGAIN =
  "collect the facts again with collector/Get-DaManageOutFacts.ps1 of this version";
const VALID = {
  factsVersion: 1,
  computerName: "DA-2",
  clientIPv6Prefix: "2001:db8:8000:2000::/64",
  ipAddresses: [{ IPAddress: "2001:db8:20::22" }],
};

test.each([
  [
    "an empty object",
    {},
    "no factsVersion: this does not look like Get-DaManageOutFacts.ps1 output (the facts of one DA server, or a list of them); collect the facts with collector/Get-DaManageOutFacts.ps1 on each DA server and pass the JSON it writes",
  ],
  [
    "facts without factsVersion",
    { computerName: "DA-1" },
    `no factsVersion: these facts are from another version of the collector (this da-manage-out reads factsVersion 1 and 2); ${COLLECT_AGAIN}`,
  ],
  [
    "a newer factsVersion",
    { ...VALID, factsVersion: 3 },
    `factsVersion 3 is not one this da-manage-out reads (it reads 1 and 2); ${COLLECT_AGAIN}`,
  ],
  [
    "factsVersion as a string",
    { ...VALID, factsVersion: "1" },
    `factsVersion '1' is not one this da-manage-out reads (it reads 1 and 2); ${COLLECT_AGAIN}`,
  ],
  [
    "an unknown factsVersion in the second server of a list",
    [VALID, { ...VALID, factsVersion: null }],
    `[1]: factsVersion null is not one this da-manage-out reads (it reads 1 and 2); ${COLLECT_AGAIN}`,
  ],
  [
    "a string",
    "DA-1",
    "a string 'DA-1' is not the facts of a server: this does not look like Get-DaManageOutFacts.ps1 output; pass the JSON collector/Get-DaManageOutFacts.ps1 writes",
  ],
  [
    "a list in a list",
    [[VALID]],
    "[0]: a list is not the facts of a server: this does not look like Get-DaManageOutFacts.ps1 output; pass the JSON collector/Get-DaManageOutFacts.ps1 writes",
  ],
  [
    "a number where an address belongs, in the second server",
    [VALID, { ...VALID, ipAddresses: [{ IPAddress: "2001:db8:20::22" }, { IPAddress: 5 }] }],
    "[1].ipAddresses[1].IPAddress: invalid input: expected string, received number, got 5; collect the facts again with collector/Get-DaManageOutFacts.ps1, or correct the file",
  ],
  [
    "a bad address in PowerShell's bare list of one",
    { ...VALID, ipAddresses: { IPAddress: ["2001:db8:20::22"] } },
    'ipAddresses.IPAddress: invalid input: expected string, received array, got ["2001:db8:20::22"]; collect the facts again with collector/Get-DaManageOutFacts.ps1, or correct the file',
  ],
  [
    "a Publish that is neither text nor a number",
    { ...VALID, publishedRoutes: [{ DestinationPrefix: "::/0", Publish: true }] },
    "publishedRoutes[0].Publish: expected a string or a number, got true; collect the facts again with collector/Get-DaManageOutFacts.ps1, or correct the file",
  ],
])("rejects %s, saying where and what to do", (_, content, message) => {
  const file = path.join(work, "facts.json");
  writeFileSync(file, JSON.stringify(content));
  expect(runCli("import-facts", file)).toEqual({
    code: 1,
    stdout: "",
    stderr: `da-manage-out import-facts: ${file}: ${message}\n`,
  });
});

test("rejects an unknown factsVersion without echoing a large value", () => {
  const file = path.join(work, "facts.json");
  writeFileSync(file, JSON.stringify({ ...VALID, factsVersion: "x".repeat(100_000) }));
  const result = runCli("import-facts", file);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/factsVersion 'x+… \(99880 more characters\)' is not one/);
  expect(result.stderr.length).toBeLessThan(500);
});

test.each([
  [
    "a line feed and YAML",
    "DA-EAST-2\nterraform:\n  backend: {}",
    "DA-EAST-2<U+000A LINE FEED>terraform:<U+000A LINE FEED>  backend: {}",
  ],
  ["a space", "DA EAST 2", "DA EAST 2"],
  ["an underscore", "DA_EAST_2", "DA_EAST_2"],
  ["an empty label", "DA-EAST-2..corp", "DA-EAST-2..corp"],
  ["a label of 64 characters", "A".repeat(64), "A".repeat(64)],
])(
  "rejects a computerName with %s, naming the file and the value, writing nothing",
  (_, name, shown) => {
    const facts = JSON.parse(readFileSync(CLUSTER_AND_BRANCH[1], "utf8"));
    facts.computerName = name;
    const file = path.join(work, "da-east-2.json");
    writeFileSync(file, JSON.stringify(facts));
    const out = path.join(work, "east.yaml");
    expect(runCli("import-facts", file, "--out", out)).toEqual({
      code: 1,
      stdout: "",
      stderr: `da-manage-out import-facts: ${file}: computerName: must be a host name: letters, digits and hyphens in labels of at most 63 characters separated by dots, at most 253 characters, got '${shown}'; collect the facts again with collector/Get-DaManageOutFacts.ps1, or correct the file\n`,
    });
    expect(existsSync(out)).toBe(false);
  },
);

test("accepts a fully qualified computerName of 253 characters, labels of 63", () => {
  const facts = JSON.parse(readFileSync(CLUSTER_AND_BRANCH[3], "utf8"));
  facts.computerName = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)].join(".");
  const file = path.join(work, "long.json");
  writeFileSync(file, JSON.stringify(facts));
  const result = runCli("import-facts", file, "--vlan", "/Common/internal");
  expect(result.stderr).not.toContain("computerName");
});

test("rejects a cluster nodes entry that is neither a host name nor an address", () => {
  const facts = JSON.parse(readFileSync(`${FACTS}/partial-cluster/da-west-1.json`, "utf8"));
  facts.clusterNodes = ["DA-WEST-1", "DA-WEST-2 # x"];
  const file = path.join(work, "da-west-1.json");
  writeFileSync(file, JSON.stringify(facts));
  expect(runCli("import-facts", file).stderr).toBe(
    `da-manage-out import-facts: ${file}: clusterNodes[1]: must be a host name or an IP address, got 'DA-WEST-2 # x'; collect the facts again with collector/Get-DaManageOutFacts.ps1, or correct the file\n`,
  );
});

test.each([
  ["an empty list", ["[]"]],
  ["only empty lists, in two files", ["[]", "[]\n"]],
])("stops when the files hold no server (%s), writing nothing", (_, contents) => {
  const files = contents.map((content, i) => {
    const file = path.join(work, `empty-${i}.json`);
    writeFileSync(file, content);
    return file;
  });
  const out = path.join(work, "empty.yaml");
  expect(runCli("import-facts", ...files, "--vlan", "/Common/internal", "--out", out)).toEqual({
    code: 1,
    stdout: "",
    stderr: `da-manage-out import-facts: no servers: ${files.join(", ")} ${files.length === 1 ? "holds" : "hold"} only empty lists; run collector/Get-DaManageOutFacts.ps1 on the DA servers (or with -ComputerName) and pass the JSON it writes\n`,
  });
  expect(existsSync(out)).toBe(false);
});

const PARTIAL = ["da-west-1", "da-west-2"].map((name) => `${FACTS}/partial-cluster/${name}.json`);

test("stops when the facts name a cluster node that has no facts among the inputs, writing nothing", () => {
  const out = path.join(work, "west.yaml");
  expect(runCli("import-facts", ...PARTIAL, "--vlan", "/Common/internal", "--out", out)).toEqual({
    code: 1,
    stdout: "",
    stderr:
      "da-manage-out import-facts: the facts name a node with no facts among the inputs: DA-WEST-3.corp.example (entry point 'da-west') (Get-RemoteAccessLoadBalancer and Get-DAEntryPoint on the other nodes list them). Collect the facts on each of them with collector/Get-DaManageOutFacts.ps1 and pass every file, or pass --allow-partial to write the inventory without them.\n",
  });
  expect(existsSync(out)).toBe(false);
});

test("--allow-partial writes the nodes it has facts of, with a TODO naming the missing one", () => {
  const result = runCli(
    "import-facts",
    ...PARTIAL,
    "--vlan",
    "/Common/internal",
    "--allow-partial",
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toBe(
    "da-manage-out import-facts: warning: --allow-partial: left out DA-WEST-3.corp.example (entry point 'da-west'), which has no facts among the inputs (see the TODO)\n",
  );
  expect(result.stdout.split("\n").slice(4)).toEqual([
    "bigip:",
    "  vlans: [/Common/internal]",
    "entryPoints:",
    "  - name: da-west # TODO: no facts for DA-WEST-3.corp.example, named as a node of this entry point; collect their facts and import again (--allow-partial left them out)",
    '    clientPrefix: "2001:db8:8000:3000::/59"',
    "    servers:",
    "      - name: DA-WEST-1",
    '        internalAddress: "2001:db8:30::31"',
    '        clientPrefix: "2001:db8:8000:3000::/64"',
    "      - name: DA-WEST-2",
    '        internalAddress: "2001:db8:30::32"',
    '        clientPrefix: "2001:db8:8000:3001::/64"',
    "",
  ]);
});

test("an entry point that names its cluster by the ConnectTo name misses no node", () => {
  const facts = PARTIAL.map((file) => JSON.parse(readFileSync(file, "utf8")));
  const files = facts.map((server, i) => {
    server.clusterNodes = null;
    server.entryPointServers = ["da-west.corp.example"];
    const file = path.join(work, `node-${i}.json`);
    writeFileSync(file, JSON.stringify(server));
    return file;
  });
  expect(runCli("import-facts", ...files, "--vlan", "/Common/internal")).toMatchObject({
    code: 0,
    stderr: "",
  });
});

test("matches the named nodes by short name, case-insensitively, or by address", () => {
  const third = JSON.parse(readFileSync(PARTIAL[1], "utf8"));
  third.computerName = "da-west-3";
  third.publishedRoutes[0].DestinationPrefix = "2001:db8:8000:3002::/64";
  third.ipAddresses[0].IPAddress = "2001:db8:30::33";
  third.entryPointServers = "2001:DB8:30::33";
  const file = path.join(work, "da-west-3.json");
  writeFileSync(file, JSON.stringify(third));
  const result = runCli("import-facts", ...PARTIAL, file, "--vlan", "/Common/internal");
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).not.toContain("# TODO");
  expect(result.stdout).toContain("      - name: da-west-3");
});

test("keeps an existing --out file unless --force is given", () => {
  const out = path.join(work, "existing.yaml");
  writeFileSync(out, "keep me\n");
  expect(runCli("import-facts", ...CLUSTER_AND_BRANCH, "--out", out).code).toBe(2);
  expect(readFileSync(out, "utf8")).toBe("keep me\n");
});

test("reads a facts file written by Windows PowerShell with a byte order mark", () => {
  const file = path.join(work, "bom.json");
  writeFileSync(file, "\uFEFF" + readFileSync(CLUSTER_AND_BRANCH[3], "utf8"));
  const result = runCli("import-facts", file, "--vlan", "/Common/internal");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('internalAddress: "2001:db8:20::21"');
});

test("strings from the facts cannot add keys or entries to the inventory", () => {
  const facts = JSON.parse(readFileSync(CLUSTER_AND_BRANCH[1], "utf8"));
  facts.clientIPv6Prefix =
    "2001:db8:8000:1000::/59\nterraform:\n  backend: { type: http, address: https://evil.example }";
  facts.teredo = { Type: "Client\n  - name: injected\n    clientPrefix: 2001:db8::/64" };
  facts.ipAddresses[0].InterfaceAlias = "Corp\n- name: injected";
  const hostile = path.join(work, "da-east-2.json");
  writeFileSync(hostile, JSON.stringify(facts));
  const result = runCli(
    "import-facts",
    CLUSTER_AND_BRANCH[0],
    hostile,
    CLUSTER_AND_BRANCH[2],
    "--vlan",
    "/Common/internal",
  );
  const document = parse(result.stdout);
  expect(Object.keys(document)).toEqual(["bigip", "entryPoints"]);
  expect(document.entryPoints.map((entryPoint: { name: string }) => entryPoint.name)).toEqual([
    "da-east",
  ]);
  expect(document.entryPoints[0].servers).toHaveLength(3);
  expect(result.stdout).toContain("Teredo is Client<U+000A LINE FEED>  - name: injected");
  expect(result.stdout).toContain(
    '    clientPrefix: "2001:db8:8000:1000::/59" # TODO: not an IPv6 prefix: 2001:db8:8000:1000::/59<U+000A LINE FEED>terraform:<U+000A LINE FEED>  backend: ',
  );
  expect(result.stdout).not.toContain("\nterraform:");
});

test.each([
  [
    ["--name", "corp east\u001b[2J"],
    "--name corp east<U+001B ESCAPE>[2J: a stack name uses letters, digits, '_', '-' and '.', starts with a letter and has at most 100 characters",
  ],
  [
    ["--vlan", "/Common/internal", "--vlan", "internal"],
    "--vlan internal: give the VLAN's full path, e.g. /Common/internal",
  ],
])(
  "a --name or --vlan the inventory would refuse is a usage error before anything is written",
  (options, message) => {
    const out = path.join(work, "corp-east.yaml");
    const result = runCli("import-facts", ...CLUSTER_AND_BRANCH, ...options, "--out", out);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `da-manage-out import-facts: ${message}\n`,
    });
    expect(existsSync(out)).toBe(false);
  },
);

test("--out into a missing folder or onto a folder: one line, exit 2, nothing written", () => {
  expect(
    runCli("import-facts", ...CLUSTER_AND_BRANCH, "--out", path.join(work, "missing", "x.yaml")),
  ).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/^da-manage-out import-facts: --out .* does not exist\n$/),
  });
  expect(runCli("import-facts", ...CLUSTER_AND_BRANCH, "--out", work, "--force")).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/is not a regular file\n$/),
  });
});

test("reads a facts file Windows PowerShell 5.1 wrote as UTF-16", () => {
  const text = readFileSync(CLUSTER_AND_BRANCH[3], "utf8");
  const utf16 = path.join(work, "da-leeds-1.json");
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
  const result = runCli("import-facts", utf16, "--vlan", "/Common/internal");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('internalAddress: "2001:db8:20::21"');
});

test("reads a facts file written as UTF-16 big-endian with its byte order mark", () => {
  const text = readFileSync(CLUSTER_AND_BRANCH[3], "utf8");
  const utf16be = path.join(work, "da-leeds-1.json");
  writeFileSync(
    utf16be,
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]),
  );
  const result = runCli("import-facts", utf16be, "--vlan", "/Common/internal");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('internalAddress: "2001:db8:20::21"');
});

test("--help names --allow-partial", () => {
  expect(runCli("import-facts", "--help").stdout).toMatch(/^ {2}--allow-partial {3}write/m);
});

test("refuses, writing nothing, facts whose inventory would be larger than validate takes", () => {
  const label = "x".repeat(60);
  const facts = Array.from({ length: 9000 }, (_, i) => {
    const group = i.toString(16).padStart(4, "0");
    return {
      factsVersion: 1,
      computerName: `da-${i}.${label}.${label}.${label}.corp`,
      clientIPv6Prefix: `2001:db8:${group}:2000::/64`,
      ipAddresses: [{ IPAddress: `2001:db8:20::${group}` }],
    };
  });
  const file = path.join(work, "many.json");
  const target = path.join(work, "many.yaml");
  writeFileSync(file, JSON.stringify(facts));
  const result = runCli("import-facts", file, "--out", target);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /^da-manage-out import-facts: the inventory of 9000 servers would be 4\.\d MiB, more than the 4 MiB an inventory may be; nothing written/,
  );
  expect(existsSync(target)).toBe(false);
});
