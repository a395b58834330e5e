/**
 * The fake's switches for an account's role and for the forms a device may show: each off by
 * default (the fake as before), each on as its public source says (account.ts, device-state.ts).
 */
import { FakeBigip } from "./fake-bigip/fake-bigip";
import { fakeRequest } from "./harness/fake-request";

let fake: FakeBigip;
afterEach(() => fake.stop());

function request(method: string, path: string, body?: unknown) {
  return fakeRequest(fake, method, path, body);
}

const BASH = { command: "run", utilCmdArgs: "-c 'tmsh list ltm pool'" };

test("an Administrator by default: its record, util/bash and net/self", async () => {
  fake = await FakeBigip.start();
  expect((await request("GET", "/mgmt/tm/auth/user/admin")).body).toMatchObject({
    kind: "tm:auth:user:userstate",
    name: "admin",
    partitionAccess: [{ name: "all-partitions", role: "admin" }],
  });
  expect((await request("POST", "/mgmt/tm/util/bash", BASH)).status).toBe(200);
  expect(await request("GET", "/mgmt/tm/net/self")).toEqual({
    status: 200,
    body: { kind: "tm:net:self:selfcollectionstate" },
  });
  expect((await request("GET", "/mgmt/tm/auth/user/other")).status).toBe(404);
});

test('a Manager: 400 "bash" unexpected argument from util/bash; of one partition, 401 on net/self', async () => {
  fake = await FakeBigip.start({ partitionAccess: [{ name: "all-partitions", role: "manager" }] });
  expect(await request("POST", "/mgmt/tm/util/bash", BASH)).toEqual({
    status: 400,
    body: { code: 400, message: '"bash" unexpected argument', errorStack: [], apiError: 3 },
  });
  expect((await request("GET", "/mgmt/tm/net/self")).status).toBe(200);
  expect(fake.device.tmshCommands).toEqual([]);
  fake.partitionAccess = [{ name: "DA", role: "manager" }];
  const self = await request("GET", "/mgmt/tm/net/self");
  expect([self.status, self.body.message]).toEqual([
    401,
    "Authorization failed: user=https://localhost/mgmt/shared/authz/users/admin resource=/mgmt/tm/net/self verb=GET uri:http://localhost:8100/mgmt/tm/net/self referrer:127.0.0.1 sender:127.0.0.1",
  ]);
  expect((await request("GET", "/mgmt/tm/auth/user/admin")).body.partitionAccess).toEqual([
    {
      name: "DA",
      role: "manager",
      nameReference: { link: "https://localhost/mgmt/tm/auth/partition/DA?ver=17.1.1" },
    },
  ]);
  fake.partitionAccess = [{ name: "all-partitions", role: "resource-admin" }];
  expect((await request("POST", "/mgmt/tm/util/bash", BASH)).status).toBe(200);
});

test("self IPs are listed with address and VLAN", async () => {
  fake = await FakeBigip.start();
  fake.device.selfIps.set("/Common/internal-6", {
    address: "2001:db8:10::fe%2/64",
    vlan: "/Common/internal",
  });
  expect((await request("GET", "/mgmt/tm/net/self")).body.items).toEqual([
    expect.objectContaining({
      kind: "tm:net:self:selfstate",
      fullPath: "/Common/internal-6",
      address: "2001:db8:10::fe%2/64",
      vlan: "/Common/internal",
    }),
  ]);
});

test("port 0 shown as .any, and a partition's default route domain shown as %<id>", async () => {
  fake = await FakeBigip.start();
  fake.device.partitions.add("DA");
  fake.device.routeDomains.add(2);
  fake.device.partitionRouteDomains.set("DA", 2);
  const create = async (name: string, destination: string) =>
    (
      await request("POST", "/mgmt/tm/ltm/virtual", {
        name,
        destination,
        mask: "ffff:ffff:ffff:ffff::",
      })
    ).body.destination;
  expect(await create("/DA/v1", "/DA/2001:db8:8000:1000::.0")).toBe("/DA/2001:db8:8000:1000::.0");
  fake.device.anyPortShown = true;
  fake.device.defaultRouteDomainShown = true;
  expect(await create("/DA/v2", "/DA/2001:db8:8000:1001::.0")).toBe(
    "/DA/2001:db8:8000:1001::%2.any",
  );
  expect(await create("/Common/v3", "/Common/2001:db8:8000:1002::.443")).toBe(
    "/Common/2001:db8:8000:1002::.443",
  );
  expect((await request("POST", "/mgmt/tm/ltm/pool", { name: "/DA/p" })).status).toBe(200);
  const member = await request("POST", "/mgmt/tm/ltm/pool/~DA~p/members", {
    name: "2001:db8:10::11.0",
  });
  expect(member.body).toMatchObject({ name: "2001:db8:10::11%2.0", address: "2001:db8:10::11%2" });
  expect([...fake.device.nodes.keys()]).toEqual(["/DA/2001:db8:10::11%2"]);
});
