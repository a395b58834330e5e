/**
 * `doctor` and `audit` against the fake BIG-IP: the device as a deploy leaves it audits clean,
 * each kind of drift is found and named (and nothing else), each missing object is found, and
 * connection problems end with one line and exit 2. Only GET requests (and the login and logout)
 * leave the tools, and their number does not grow with the number of servers.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { manageOutDescription } from "../../lib/bigip-names";
import { parseDeviceAddress } from "../integration/fake-bigip/addresses";
import { FakeBigip } from "../integration/fake-bigip/fake-bigip";
import { fakeTerraform, type FakeTerraform } from "../tools/fake-terraform";
import { runCliAsync } from "./run-cli";

let fake: FakeBigip;
let work: string;
const savedEnvironment = { ...process.env };
// doctor's Terraform checks: a stand-in terraform that installs the provider, so that these
// tests do not depend on a real one (its own tests are in __tests__/tools/).
let terraform: FakeTerraform;
beforeAll(() => (terraform = fakeTerraform()));
afterAll(() => terraform.remove());

/** A DA server of the test inventory. */
interface TestServer {
  entryPoint: string;
  name: string;
  internalAddress: string;
  clientPrefix: string;
}

/**
 * `clusters` load-balanced clusters (`east` for the first, then `east2`...) of `nodes` servers,
 * each in its own /59, and one branch server.
 */
function testServers(clusters = 1, nodes = 3): TestServer[] {
  const servers: TestServer[] = [];
  for (let c = 0; c < clusters; c++) {
    for (let i = 0; i < nodes; i++) {
      const n = c * 32 + i;
      servers.push({
        entryPoint: c === 0 ? "east" : `east${c + 1}`,
        name: c === 0 ? `da-east-${i + 1}` : `da-east${c + 1}-${i + 1}`,
        internalAddress: `2001:db8:10::${(n + 1).toString(16)}`,
        clientPrefix: `2001:db8:8000:${(0x1000 + n).toString(16)}::/64`,
      });
    }
  }
  servers.push({
    entryPoint: "branch",
    name: "da-leeds-1",
    internalAddress: "2001:db8:20::21",
    clientPrefix: "2001:db8:9000:2000::/64",
  });
  return servers;
}

/** The inventory of `testServers()`, in route domain 2 on two VLANs. */
function inventory(clusters = 1, nodes = 3, extra = ""): string {
  const servers = testServers(clusters, nodes);
  const entryPoints = [...new Set(servers.map((server) => server.entryPoint))].map((name, c) => {
    const members = servers.filter((server) => server.entryPoint === name);
    const prefix =
      name === "branch"
        ? members[0].clientPrefix
        : `2001:db8:8000:${(0x1000 + c * 32).toString(16)}::/59`;
    return [
      `  - name: ${name}`,
      `    clientPrefix: "${prefix}"`,
      "    servers:",
      ...members.map((server) =>
        name === "branch"
          ? `      - { name: ${server.name}, internalAddress: "${server.internalAddress}" }`
          : `      - { name: ${server.name}, internalAddress: "${server.internalAddress}", clientPrefix: "${server.clientPrefix}" }`,
      ),
    ].join("\n");
  });
  return [
    "name: corp-east",
    "bigip:",
    "  vlans: [/Common/internal, /Common/servers]",
    "  routeDomain: 2",
    extra,
    "entryPoints:",
    ...entryPoints,
    "",
  ].join("\n");
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(`${fake.host}${url}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Basic ${Buffer.from("admin:fake-password").toString("base64")}`,
    },
    body: JSON.stringify(body),
  });
  expect([url, response.status]).toEqual([url, 200]);
}

/** Creates, through iControl REST, what a deploy of `inventory(clusters, nodes)` creates. */
async function deployed(clusters = 1, nodes = 3): Promise<void> {
  for (const server of testServers(clusters, nodes)) {
    const name = `${server.entryPoint}_${server.name}`;
    const description = manageOutDescription(server.clientPrefix, server.name);
    await post("/mgmt/tm/ltm/pool", {
      name: `/Common/da_mo_${name}_pool`,
      description,
      monitor: "/Common/gateway_icmp",
    });
    await post(`/mgmt/tm/ltm/pool/~Common~da_mo_${name}_pool/members`, {
      name: `${server.internalAddress}%2.0`,
      partition: "Common",
    });
    await post("/mgmt/tm/ltm/virtual", {
      name: `/Common/da_mo_${name}_vs`,
      destination: `${server.clientPrefix.replace("/64", "")}%2.0`,
      mask: "ffff:ffff:ffff:ffff::",
      source: "::%2/0",
      ipProtocol: "any",
      pool: `/Common/da_mo_${name}_pool`,
      translateAddress: "disabled",
      translatePort: "disabled",
      sourceAddressTranslation: { type: "none" },
      vlansEnabled: true,
      vlans: ["/Common/internal", "/Common/servers"],
      profiles: [{ name: "/Common/fastL4" }],
      description,
    });
  }
}

beforeEach(async () => {
  fake = await FakeBigip.start();
  fake.device.vlans.add("/Common/servers");
  fake.device.routeDomains.add(2);
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-device-"));
  writeFileSync(path.join(work, "corp-east.yaml"), inventory());
  Object.assign(process.env, {
    PATH: terraform.path,
    BIGIP_HOST: fake.host,
    BIGIP_USER: "admin",
    BIGIP_PASSWORD: "fake-password",
  });
});

afterEach(async () => {
  process.env = { ...savedEnvironment };
  rmSync(work, { recursive: true, force: true });
  await fake.stop();
});

const file = () => path.join(work, "corp-east.yaml");

/** PATCHes da-east-2's member as the provider's pool attachment does for its `state`. */
async function setMemberState(session: string, state: string): Promise<void> {
  const member = "~Common~2001:db8:10::2%252.0";
  const response = await fetch(
    `${fake.host}/mgmt/tm/ltm/pool/~Common~da_mo_east_da-east-2_pool/members/${member}`,
    {
      method: "PATCH",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Basic ${Buffer.from("admin:fake-password").toString("base64")}`,
      },
      body: JSON.stringify({ session, state }),
    },
  );
  expect(response.status).toBe(200);
}
const vs = (name: string) => fake.device.virtualServers.get(`/Common/da_mo_${name}_vs`)!;

describe("audit", () => {
  test("the device as deployed audits clean, with only GETs besides login and logout", async () => {
    await deployed();
    fake.clearLog();
    const result = await runCliAsync("audit", file());
    expect(result).toMatchObject({ code: 0, stdout: "the device matches the inventories\n" });
    expect(result.stderr).toContain("warning: connecting to 127.0.0.1");
    expect(
      fake
        .writes()
        .map((request) => request.method + " " + request.url.replace(/FAKETOKEN\d+/, "<token>")),
    ).toEqual(["POST /mgmt/shared/authn/login", "DELETE /mgmt/shared/authz/tokens/<token>"]);
  });

  test.each<[string, () => void, string]>([
    [
      "a mask set back to /128",
      () => void (vs("east_da-east-2").maskLength = 128),
      "corp-east east/da-east-2: virtual server /Common/da_mo_east_da-east-2_vs mask: device /128, expected /64",
    ],
    [
      "the source left at ::/0 in route domain 2 (the provider's default)",
      () => void (vs("east_da-east-1").source = "::/0"),
      "corp-east east/da-east-1: virtual server /Common/da_mo_east_da-east-1_vs source: device ::/0, expected ::%2/0",
    ],
    [
      "address translation enabled",
      () => void (vs("east_da-east-1").translateAddress = "enabled"),
      "corp-east east/da-east-1: virtual server /Common/da_mo_east_da-east-1_vs translate-address: device enabled, expected disabled",
    ],
    [
      "a VLAN removed",
      () => void (vs("branch_da-leeds-1").vlans = ["/Common/internal"]),
      "corp-east branch/da-leeds-1: virtual server /Common/da_mo_branch_da-leeds-1_vs vlans: device /Common/internal, expected /Common/internal /Common/servers",
    ],
    [
      "the virtual server moved to route domain 0",
      () =>
        void (vs("east_da-east-3").destination = {
          ...vs("east_da-east-3").destination,
          routeDomain: undefined,
        }),
      "corp-east east/da-east-3: virtual server /Common/da_mo_east_da-east-3_vs route domain: device 0, expected 2",
    ],
    [
      "the member replaced",
      () => {
        const pool = fake.device.pools.get("/Common/da_mo_east_da-east-1_pool")!;
        const member = pool.members.get("2001:db8:10::1%2.0")!;
        pool.members.delete("2001:db8:10::1%2.0");
        pool.members.set("2001:db8:10::99%2.0", { ...member, name: "2001:db8:10::99%2.0" });
      },
      "corp-east east/da-east-1: pool /Common/da_mo_east_da-east-1_pool members: device 2001:db8:10::99%2.0, expected 2001:db8:10::1%2.0",
    ],
  ])("finds %s and nothing else", async (_, change, line) => {
    await deployed();
    change();
    const result = await runCliAsync("audit", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${line}\n`);
  });

  test("finds a foreign virtual server overlapping a client prefix", async () => {
    await deployed();
    await post("/mgmt/tm/ltm/pool", { name: "/Common/other_pool" });
    await post("/mgmt/tm/ltm/virtual", {
      name: "/Common/catch_all_vs",
      destination: "2001:db8:8000::%2.0",
      mask: "ffff:ffff:ffff::",
      ipProtocol: "any",
      pool: "/Common/other_pool",
      vlansEnabled: true,
      vlans: ["/Common/internal"],
    });
    const result = await runCliAsync("audit", file(), "--format", "json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { drift: { server: string; object: string }[] };
    expect(report.drift.map((d) => `${d.server} ${d.object}`)).toEqual([
      "east/da-east-1 virtual server /Common/catch_all_vs",
      "east/da-east-2 virtual server /Common/catch_all_vs",
      "east/da-east-3 virtual server /Common/catch_all_vs",
    ]);
  });

  test("shows names from the device escaped: a virtual server name cannot repaint the line", async () => {
    await deployed();
    await post("/mgmt/tm/ltm/pool", { name: "/Common/other_pool" });
    await post("/mgmt/tm/ltm/virtual", {
      name: "/Common/x\u001b[2K\rall good",
      destination: "2001:db8:9000::%2.0",
      mask: "ffff:ffff:ffff::",
      ipProtocol: "any",
      pool: "/Common/other_pool",
      vlansEnabled: true,
      vlans: ["/Common/servers"],
    });
    const result = await runCliAsync("audit", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "virtual server /Common/x<U+001B ESCAPE>[2K<U+000D CARRIAGE RETURN>all good overlaps",
    );
    for (const raw of ["\u001b", "\r"]) expect(result.stdout).not.toContain(raw);
  });

  test.each<[string, () => unknown, string]>([
    [
      "whose monitor finds it down",
      () => fake.device.monitorResults.set("2001:db8:10::2%2", "down"),
      "is down: member 2001:db8:10::2%2.0 offline",
    ],
    [
      "whose monitor has not answered yet",
      () => fake.device.monitorResults.set("2001:db8:10::2%2", "checking"),
      "is not up yet: member 2001:db8:10::2%2.0 still being checked by its monitor (state checking)",
    ],
    [
      "that is disabled (its monitor finds it up)",
      () => setMemberState("user-disabled", "user-up"),
      "is down: member 2001:db8:10::2%2.0 disabled",
    ],
    [
      "that is forced offline (session user-disabled too: state is read first)",
      () => setMemberState("user-disabled", "user-down"),
      "is down: member 2001:db8:10::2%2.0 forced offline",
    ],
  ])("reports a member %s as information, not drift", async (_, change, message) => {
    await deployed();
    await change();
    const result = await runCliAsync("audit", file());
    expect(result).toMatchObject({
      code: 0,
      stdout: `corp-east east/da-east-2: Manage Out to da-east-2's clients ${message}\n`,
    });
  });

  test("a member on an existing node (existing.node) audits clean as DA2:0, and by address is drift", async () => {
    await deployed();
    const pool = fake.device.pools.get("/Common/da_mo_east_da-east-2_pool")!;
    const member = pool.members.get("2001:db8:10::2%2.0")!;
    pool.members.delete(member.name);
    pool.members.set("DA2:0", { ...member, name: "DA2:0" });
    const named = inventory().replace(
      'internalAddress: "2001:db8:10::2", clientPrefix: "2001:db8:8000:1001::/64" }',
      'internalAddress: "2001:db8:10::2", clientPrefix: "2001:db8:8000:1001::/64", existing: { node: /Common/DA2 } }',
    );
    writeFileSync(file(), named);
    expect(await runCliAsync("audit", file())).toMatchObject({
      code: 0,
      stdout: "the device matches the inventories\n",
    });
    writeFileSync(file(), inventory());
    expect((await runCliAsync("audit", file())).stdout).toBe(
      "corp-east east/da-east-2: pool /Common/da_mo_east_da-east-2_pool members: device DA2:0, expected 2001:db8:10::2%2.0\n",
    );
  });

  test("a monitored member that is up, and an unmonitored one, are not reported; the monitor removed is drift", async () => {
    await deployed();
    const pool = fake.device.pools.get("/Common/da_mo_east_da-east-3_pool")!;
    delete pool.settings.monitor;
    const result = await runCliAsync("audit", file());
    expect(result).toMatchObject({
      code: 1,
      stdout:
        "corp-east east/da-east-3: pool /Common/da_mo_east_da-east-3_pool monitor: device none, expected /Common/gateway_icmp\n",
    });
  });

  test("reads virtual servers and pools in pages of 100: 4 servers and 321 cost 5 and 11 GETs", async () => {
    const gets = () => fake.requests.filter((request) => request.method === "GET");
    await deployed();
    fake.clearLog();
    await runCliAsync("audit", file());
    // Host name and failover state, the partitions' default route domains, then one page per
    // collection.
    expect(gets()).toHaveLength(3 + 2 * 1);
    await fake.stop();
    fake = await FakeBigip.start();
    fake.device.vlans.add("/Common/servers");
    fake.device.routeDomains.add(2);
    process.env.BIGIP_HOST = fake.host;
    writeFileSync(file(), inventory(10, 32));
    await deployed(10, 32);
    fake.clearLog();
    const result = await runCliAsync("audit", file());
    expect([result.code, result.stdout]).toEqual([0, "the device matches the inventories\n"]);
    expect(gets()).toHaveLength(3 + 2 * 4);
    expect(
      gets()
        .filter((request) => request.url.startsWith("/mgmt/tm/ltm/virtual"))
        .map((request) => new URL(request.url, "http://x").searchParams.get("$skip")),
    ).toEqual(["0", "100", "200", "300"]);
  }, 30_000);
});

describe("doctor", () => {
  test("all good: one line per check, exit 0", async () => {
    fake.device.selfIps.set("/Common/internal-6", {
      address: "2001:db8:10::fe%2/64",
      vlan: "/Common/internal",
    });
    fake.device.selfIps.set("/Common/servers-6", {
      address: "2001:db8:20::fe%2/64",
      vlan: "/Common/servers",
    });
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ok {7}terraform 1\.11\.4\nok {7}provider F5Networks\/bigip 1\.28\.0 can be installed, from \/opt\/terraform\/mirror\/\S+\n/,
    );
    expect(result.stdout).toContain("ok       BIGIP_PASSWORD is set");
    expect(result.stdout).toContain(
      `ok       corp-east → ${fake.host}: device bigip1.fake.example, active, TMOS 17.1.1`,
    );
    expect(result.stdout).toContain("ok       corp-east: route domain 2 exists");
    expect(result.stdout).toContain(
      "ok       corp-east: user admin is admin on all-partitions: it runs tmsh through util/bash, reads net/self and writes in /Common\n",
    );
    expect(result.stdout).toContain(
      "ok       corp-east: every DA server's internal address is in the network of a self IP on /Common/internal, /Common/servers in route domain 2\n",
    );
    expect(result.stdout).not.toMatch(/^(FAILED|WARNING)/m);
    expect(fake.writes().map((request) => request.method)).toEqual(["POST", "DELETE"]);
    // A fixed number of collections, whatever the inventories hold: the device's identity (2),
    // its version, folders, partitions, VLANs, route domains, device groups, fastL4 profiles, nodes,
    // 7 monitor types, the user's record, self IPs; and one page of virtual servers.
    expect(fake.requests.filter((request) => request.method === "GET")).toHaveLength(20);
  });

  test.each<[string, () => void, string]>([
    [
      "a VLAN",
      () => fake.device.vlans.delete("/Common/servers"),
      "FAILED   corp-east: VLAN /Common/servers is missing: create it or correct bigip.vlans",
    ],
    [
      "the route domain",
      () => fake.device.routeDomains.delete(2),
      "FAILED   corp-east: route domain 2 is missing",
    ],
    [
      "the monitor",
      () => fake.device.monitors.delete("/Common/gateway_icmp"),
      "FAILED   corp-east: monitor /Common/gateway_icmp is missing",
    ],
    [
      "the partition",
      () => fake.device.partitions.delete("Common"),
      "FAILED   corp-east: partition /Common is missing",
    ],
  ])("finds a missing %s: exit 1", async (_, remove, line) => {
    remove();
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(line);
  });

  test("finds a missing fastL4 profile and device group", async () => {
    writeFileSync(
      file(),
      inventory(
        1,
        3,
        "  fastL4Profile: /Common/fastL4_asym\n  configSync: { deviceGroup: Sync-Failover-Group }",
      ),
    );
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "FAILED   corp-east: fastL4 profile /Common/fastL4_asym is missing",
    );
    expect(result.stdout).toContain(
      "FAILED   corp-east: device group Sync-Failover-Group is missing",
    );
  });

  test("a provider Terraform cannot install fails the check and says where to read how, exit 1", async () => {
    process.env.FAKE_TERRAFORM_INIT = "fail";
    process.env.FAKE_TERRAFORM_ERROR = "Error: Failed to query available provider packages\n";
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "FAILED   provider F5Networks/bigip 1.28.0 cannot be installed: Error: Failed to query available provider packages: give Terraform the provider: from the registry, or on a closed network from a filesystem mirror named in a CLI configuration file (TF_CLI_CONFIG_FILE); see README.md#on-a-closed-network\n",
    );
    expect(result.stdout).toContain("ok       corp-east: route domain 2 exists");
  });

  test("finds a node of another name holding a DA server's address, and says how to use it", async () => {
    fake.device.nodes.set("/Common/DA2", parseDeviceAddress("2001:db8:10::2%2"));
    const before = await runCliAsync("doctor", file());
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(
      `FAILED   corp-east east/da-east-2: 2001:db8:10::2%2 is already node /Common/DA2 on the device; a pool member by address would be refused (0107003a: cannot use the same IP Address): let the member use that node: npx da-manage-out adopt ${file()} --server east/da-east-2 --node /Common/DA2\n`,
    );
    expect(
      (await runCliAsync("adopt", file(), "--server", "east/da-east-1", "--find-node")).stderr,
    ).toContain(
      "da-manage-out adopt: no node of another name holds 2001:db8:10::1%2 on BIGIP_HOST: the member is created by address, there is no node to adopt\n",
    );
    // The node as doctor found it, read from the device by adopt.
    const adopt = await runCliAsync("adopt", file(), "--server", "east/da-east-2", "--find-node");
    expect(adopt.code).toBe(0);
    expect(readFileSync(file(), "utf8")).toContain(
      '{ name: da-east-2, internalAddress: "2001:db8:10::2", clientPrefix: "2001:db8:8000:1001::/64", existing: { node: /Common/DA2 } }',
    );
    const after = await runCliAsync("doctor", file());
    expect(after.stdout).toContain(
      "ok       corp-east east/da-east-2: node /Common/DA2 holds 2001:db8:10::2%2; the member uses it\n",
    );
    expect(after.code).toBe(0);
    fake.device.nodes.set("/Common/DA2", parseDeviceAddress("2001:db8:10::99%2"));
    expect((await runCliAsync("doctor", file())).stdout).toContain(
      "FAILED   corp-east east/da-east-2: node /Common/DA2 (existing.node) has address 2001:db8:10::99%2, not 2001:db8:10::2%2: name the node that holds the internal address, or correct internalAddress",
    );
  });

  test("refuses a route domain that is its partition's default: the device would not show it", async () => {
    fake.device.partitionRouteDomains.set("Common", 2);
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "FAILED   corp-east: partition /Common has default route domain 2, and bigip.routeDomain is 2: the device shows its addresses without %2, so the provider would not find the members it creates and no plan would be clean: remove bigip.routeDomain: in /Common the objects are in route domain 2 without it\n",
    );
    writeFileSync(file(), inventory().replace("  routeDomain: 2\n", ""));
    const without = await runCliAsync("doctor", file());
    expect(without.stdout).toContain(
      "ok       corp-east: partition /Common has default route domain 2: the objects go there, shown without %2\n",
    );
    // Route domain 0 is none (the model folds it): doctor says where the objects land.
    writeFileSync(file(), inventory().replace("  routeDomain: 2\n", "  routeDomain: 0\n"));
    expect((await runCliAsync("doctor", file())).stdout).toContain(
      "ok       corp-east: partition /Common has default route domain 2: the objects go there, shown without %2\n",
    );
  });

  test("a missing BIGIP_ variable is named, exit 2, no connection attempted", async () => {
    delete process.env.BIGIP_PASSWORD;
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("FAILED   BIGIP_PASSWORD is not set");
    expect(fake.requests).toEqual([]);
  });
});

describe("connection problems: one line, exit 2, no secret printed", () => {
  const ZONE_ID =
    "BIGIP_HOST has a zone id (the part after %), which names a network interface of the machine that connects, not the device, got 'fe80::1%eth0'; give the device's host name or a global or unique local address, which need no zone id, e.g. bigip-east.corp.example, https://bigip-east.corp.example:8443 or 2001:db8::5";
  const BAD_PORT =
    "BIGIP_PORT is not a port from 1 to 65535 (digits only), got '99999'; the provider appends it to BIGIP_HOST as it is; give e.g. 8443, or unset it for 443";
  test.each([
    ["audit", { BIGIP_HOST: "fe80::1%eth0" }, ZONE_ID],
    ["doctor", { BIGIP_HOST: "fe80::1%eth0" }, ZONE_ID],
    ["adopt", { BIGIP_HOST: "fe80::1%eth0" }, ZONE_ID],
    ["audit", { BIGIP_HOST: "http://127.0.0.1", BIGIP_PORT: "99999" }, BAD_PORT],
    ["doctor", { BIGIP_HOST: "http://127.0.0.1", BIGIP_PORT: "99999" }, BAD_PORT],
    [
      "doctor",
      { BIGIP_HOST: "0x7f.1", BIGIP_PORT: "443" },
      "BIGIP_HOST is an IPv4 address not written as four decimal numbers, which tools read as different hosts (Node reads 127.0.0.1), got '0x7f.1'; write four decimal numbers without leading zeros, 127.0.0.1 if that is the device",
    ],
  ])("%s with %j: one line before anything connects, exit 2", async (command, env, error) => {
    Object.assign(process.env, env);
    fake.clearLog();
    const args =
      command === "adopt" ? [file(), "--server", "east/da-east-1", "--find-node"] : [file()];
    const result = await runCliAsync(command, ...args);
    expect([result.code, result.stderr]).toEqual([2, `da-manage-out ${command}: ${error}\n`]);
    expect(fake.requests).toEqual([]);
  });

  test("BIGIP_PORT is the port of BIGIP_HOST, as the provider appends it", async () => {
    const { hostname, port } = new URL(fake.host);
    Object.assign(process.env, { BIGIP_HOST: `http://${hostname}`, BIGIP_PORT: port });
    const result = await runCliAsync("doctor", file());
    expect(result.stdout).toContain(`ok       corp-east → ${fake.host}: device`);
  });

  test.each(["audit", "doctor"])("%s with a wrong password", async (command) => {
    process.env.BIGIP_PASSWORD = "wrong-secret";
    const result = await runCliAsync(command, file());
    expect(result.code).toBe(2);
    const errorLines = withoutProgress(result.stderr)
      .split("\n")
      .filter((line) => line && !line.includes("warning:"));
    expect(errorLines).toEqual([
      `da-manage-out ${command}: login refused by ${new URL(fake.host).host} (HTTP 401: Authentication failed.): check BIGIP_USER and BIGIP_PASSWORD`,
    ]);
    expect(result.stdout + result.stderr).not.toContain("wrong-secret");
  });

  test.each(["audit", "doctor"])(
    "%s with the user's 100 tokens in use shows the device's own message and what to do",
    async (command) => {
      for (let i = 0; i < 100; i++) fake.tokens.login("admin", "192.0.2.1");
      const result = await runCliAsync(command, file());
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `da-manage-out ${command}: login at ${new URL(fake.host).host} failed (HTTP 400: user 21232f29-7a57-35a7-8389-4a0e4a801fc3 has reached maximum active login tokens): the user holds the most REST tokens a user may (100, K44237337)`,
      );
    },
  );

  test("many audits and doctors in a row never hold a token: each logs out, also after a failure", async () => {
    fake.tokens.limit = 3;
    await deployed();
    for (let i = 0; i < 5; i++) {
      expect((await runCliAsync("audit", file())).code).toBe(0);
      expect((await runCliAsync("doctor", file())).code).toBe(0);
    }
    // A failed check logs out too.
    fake.device.failoverState = "standby";
    expect((await runCliAsync("doctor", file())).code).toBe(1);
    expect(fake.tokens.live()).toEqual([]);
  });

  test("connection refused", async () => {
    const host = fake.host;
    await fake.stop();
    fake = await FakeBigip.start();
    process.env.BIGIP_HOST = host;
    const result = await runCliAsync("audit", file());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^da-manage-out audit: cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED/m,
    );
  });

  describe("over TLS", () => {
    const tls = path.join(__dirname, "..", "fixtures", "tls");
    let secure: FakeBigip;
    beforeEach(async () => {
      secure = await FakeBigip.start({
        key: readFileSync(path.join(tls, "device.key"), "utf8"),
        cert: readFileSync(path.join(tls, "device.pem"), "utf8"),
      });
      secure.device.vlans.add("/Common/servers");
      secure.device.routeDomains.add(2);
      process.env.BIGIP_HOST = secure.host;
    });
    afterEach(() => secure.stop());

    test("a certificate that does not verify: one line naming --ca-file, exit 2", async () => {
      const result = await runCliAsync("audit", file());
      expect(result.code).toBe(2);
      expect(withoutProgress(result.stderr)).toMatch(
        /^da-manage-out audit: cannot reach 127\.0\.0\.1:\d+: .*set BIGIP_CA_FILE to its CA \(the device commands also take --ca-file\)\n$/,
      );
    });

    test("a --ca-file that is a link out of the repository is not followed: exit 2", async () => {
      // A copy outside the repository, reached through a link.
      writeFileSync(path.join(work, "outside.pem"), readFileSync(path.join(tls, "ca.pem")));
      const link = path.join(work, "ca.pem");
      symlinkSync(path.join(work, "outside.pem"), link);
      const result = await runCliAsync("audit", file(), "--ca-file", link);
      expect(result).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("is a link that leaves the repository"),
      });
    });

    test("verifies with --ca-file, and --insecure says so on stderr", async () => {
      const verified = await runCliAsync("doctor", file(), "--ca-file", path.join(tls, "ca.pem"));
      expect(verified.stderr).toBe(
        `da-manage-out doctor: connecting to ${new URL(secure.host).host} (an answer within 15 s)\n`,
      );
      expect(verified.stdout).toContain(`ok       corp-east → ${secure.host}: device`);
      const insecure = await runCliAsync("doctor", file(), "--insecure");
      expect(insecure.stderr).toContain("--insecure: the TLS certificate of 127.0.0.1");
      expect(insecure.stdout).toContain(`ok       corp-east → ${secure.host}: device`);
    });
  });
});

describe("each inventory against its own device", () => {
  let west: FakeBigip;
  beforeEach(async () => {
    west = await FakeBigip.start({ username: "automation", password: "west-secret" });
    west.device.hostname = "bigip-west-1.corp.example";
    west.device.vlans.add("/Common/servers");
    west.device.routeDomains.add(2);
  });
  afterEach(() => west.stop());

  /** corp-east on the default fake (BIGIP_USER/BIGIP_PASSWORD), corp-west on its own with TF_VAR_ login. */
  function twoSites(westLines = ""): string[] {
    writeFileSync(file(), inventory().replace("bigip:\n", `bigip:\n  host: "${fake.host}"\n`));
    const westFile = path.join(work, "corp-west.yaml");
    writeFileSync(
      westFile,
      inventory()
        .replace("name: corp-east", "name: corp-west")
        .replace(
          "bigip:\n",
          `bigip:\n  host: "${west.host}"\n  credentials: { userVariable: bigip_west_user, passwordVariable: bigip_west_password }\n${westLines}`,
        )
        .replace(/2001:db8:[89]000:/g, "2001:db8:a000:"),
    );
    process.env.BIGIP_HOST = "http://127.0.0.1:9"; // a third address, never used
    process.env.TF_VAR_bigip_west_user = "automation";
    process.env.TF_VAR_bigip_west_password = "west-secret";
    return [file(), westFile];
  }

  test("doctor checks two devices with two logins, and names each device", async () => {
    const result = await runCliAsync("doctor", ...twoSites());
    expect([result.code, result.stderr.replace(/.*warning.*\n/g, "")]).toEqual([
      0,
      [fake.host, west.host]
        .map(
          (host) =>
            `da-manage-out doctor: connecting to ${new URL(host).host} (an answer within 15 s)\n`,
        )
        .join(""),
    ]);
    expect(result.stdout).toContain(
      `ok       corp-east → ${fake.host}: device bigip1.fake.example, active, TMOS 17.1.1`,
    );
    expect(result.stdout).toContain(
      `ok       corp-west → ${west.host}: device bigip-west-1.corp.example, active, TMOS 17.1.1`,
    );
    expect(result.stdout).toContain("ok       TF_VAR_bigip_west_password is set");
    expect(result.stdout).not.toContain("west-secret");
  });

  test("a missing TF_VAR_ login variable is named for its stack, exit 2", async () => {
    const files = twoSites();
    delete process.env.TF_VAR_bigip_west_password;
    const result = await runCliAsync("doctor", ...files);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      "FAILED   TF_VAR_bigip_west_password is not set (for corp-west): export it (the stack's Terraform reads it too)",
    );
    expect(west.requests).toEqual([]);
  });

  test("doctor refuses the standby unit unless --allow-standby", async () => {
    const files = twoSites();
    west.device.failoverState = "standby";
    const refused = await runCliAsync("doctor", ...files);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      `FAILED   corp-west: the device at ${west.host} is the standby unit of its HA pair: changes belong on the active unit`,
    );
    const allowed = await runCliAsync("doctor", ...files, "--allow-standby");
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(
      "ok       corp-west: the device is the standby unit (--allow-standby)",
    );
  });

  test.each([
    ["bigip-west-1.corp.example", 0, "ok       corp-west: the device is bigip-west-1.corp.example"],
    [
      "[bigip-west-2.corp.example, BIGIP-WEST-1.corp.example]",
      0,
      "ok       corp-west: the device is bigip-west-1.corp.example",
    ],
    [
      "bigip-east-1.corp.example",
      1,
      "is bigip-west-1.corp.example, not bigip-east-1.corp.example: bigip.host points at another box",
    ],
  ])("deviceHostname %s: exit %d", async (expected, code, line) => {
    const result = await runCliAsync("doctor", ...twoSites(`  deviceHostname: ${expected}\n`));
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(line);
  });

  test("audit reads each inventory from its own device and says which", async () => {
    const files = twoSites();
    await deployed();
    const result = await runCliAsync("audit", ...files, "--format", "json");
    const report = JSON.parse(result.stdout) as {
      devices: unknown[];
      drift: { stack: string }[];
    };
    expect(report.devices).toEqual([
      {
        url: fake.host,
        stacks: ["corp-east"],
        hostname: "bigip1.fake.example",
        failoverState: "active",
      },
      {
        url: west.host,
        stacks: ["corp-west"],
        hostname: "bigip-west-1.corp.example",
        failoverState: "active",
      },
    ]);
    // corp-east was deployed to its device; corp-west's device is empty: all drift is west's.
    expect(new Set(report.drift.map((drift) => drift.stack))).toEqual(new Set(["corp-west"]));
    expect(result.stderr).toContain(`corp-west → ${west.host}: device bigip-west-1.corp.example`);
  });
});

test("doctor --format json: every check as data, the same exit code", async () => {
  const result = await runCliAsync("doctor", file(), "--format", "json");
  expect(result.code).toBe(0);
  const { checks } = JSON.parse(result.stdout) as { checks: { ok: boolean; what: string }[] };
  expect(checks.every((check) => check.ok)).toBe(true);
  expect(checks.map((check) => check.what)).toEqual(
    expect.arrayContaining([
      `corp-east → ${fake.host}: device bigip1.fake.example, active, TMOS 17.1.1`,
      "corp-east: route domain 2 exists",
    ]),
  );
  fake.device.vlans.delete("/Common/servers");
  const missing = await runCliAsync("doctor", file(), "--format", "json");
  expect(missing.code).toBe(1);
  expect(JSON.parse(missing.stdout).checks).toContainEqual({
    ok: false,
    what: "corp-east: VLAN /Common/servers is missing",
    fix: "create it or correct bigip.vlans",
  });
});

/** stderr without the line each device command prints before it connects. */
function withoutProgress(stderr: string): string {
  return stderr.replace(/^da-manage-out \w+: connecting to .* \(an answer within \d+ s\)\n/gm, "");
}
