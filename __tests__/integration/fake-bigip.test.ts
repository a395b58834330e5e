/**
 * The fake BIG-IP behaves like the device where the lifecycle depends on it. Runs in `npm test`,
 * with or without the provider.
 */
import { FakeBigip } from "./fake-bigip/fake-bigip";

let fake: FakeBigip;
let token: string;

beforeEach(async () => {
  fake = await FakeBigip.start();
  const login = await request("POST", "/mgmt/shared/authn/login", {
    username: "admin",
    password: "fake-password",
    loginProviderName: "tmos",
  });
  token = (login.body as { token: { token: string } }).token.token;
});

afterEach(() => fake.stop());

async function request(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fake.host}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { "X-F5-Auth-Token": token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const POOL = "/mgmt/tm/ltm/pool";
const VIRTUAL = "/mgmt/tm/ltm/virtual";

async function poolWithMember(member: string): Promise<void> {
  expect((await request("POST", POOL, { name: "/Common/p" })).status).toBe(200);
  expect(
    (await request("POST", `${POOL}/~Common~p/members`, { name: member, partition: "Common" }))
      .status,
  ).toBe(200);
}

function networkVirtual(name: string, destination: string, mask: string, extra: object = {}) {
  return request("POST", VIRTUAL, {
    name,
    destination,
    mask,
    ipProtocol: "any",
    pool: "/Common/p",
    vlansEnabled: true,
    vlans: ["/Common/internal"],
    ...extra,
  });
}

test("refuses requests without a valid token or password", async () => {
  token = "";
  const response = await request("GET", POOL);
  expect(response.status).toBe(401);
  const wrong = await request("POST", "/mgmt/shared/authn/login", {
    username: "admin",
    password: "no",
  });
  expect(wrong.status).toBe(401);
});

test("stores and returns IPv6 in compressed canonical form, keeps %<id>, drops %0", async () => {
  fake.device.routeDomains.add(2);
  await poolWithMember("2001:0DB8:0010:0000::0011%0.0");
  await request("POST", `${POOL}/~Common~p/members`, {
    name: "2001:db8:10::12%2.0",
    partition: "Common",
  });
  const members = await request("GET", `${POOL}/~Common~p/members`);
  expect((members.body.items as { name: string }[]).map((member) => member.name)).toEqual([
    "2001:db8:10::11.0",
    "2001:db8:10::12%2.0",
  ]);
  const created = await networkVirtual(
    "/Common/vs",
    "2001:DB8:8000:1000:0::%2.0",
    "ffff:ffff:ffff:ffff::0.0.0.0",
  );
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({
    destination: "/Common/2001:db8:8000:1000::%2.0",
    mask: "ffff:ffff:ffff:ffff::",
  });
});

test("answers 409 for an existing object and 404 with the device's message for a missing one", async () => {
  await poolWithMember("2001:db8:10::11.0");
  const again = await request("POST", POOL, { name: "/Common/p" });
  expect(again.status).toBe(409);
  const missing = await request("GET", `${VIRTUAL}/~Common~nothing`);
  expect(missing).toEqual({
    status: 404,
    body: expect.objectContaining({
      code: 404,
      message: "01020036:3: The requested Virtual Server (/Common/nothing) was not found.",
    }),
  });
});

test("refuses to delete a pool in use, and a virtual server naming a missing pool", async () => {
  await poolWithMember("2001:db8:10::11.0");
  expect(
    (await networkVirtual("/Common/vs", "2001:db8:8000:1000::.0", "ffff:ffff:ffff:ffff::")).status,
  ).toBe(200);
  const inUse = await request("DELETE", `${POOL}/~Common~p`);
  expect(inUse.status).toBe(400);
  expect(inUse.body.message).toMatch(/^01070265:3: /);
  const noPool = await networkVirtual(
    "/Common/vs2",
    "2001:db8:8000:2000::.0",
    "ffff:ffff:ffff:ffff::",
    {
      pool: "/Common/missing",
    },
  );
  expect(noPool.status).toBe(400);
});

test("refuses a destination with bits outside its mask, and a duplicate destination on a shared VLAN", async () => {
  await poolWithMember("2001:db8:10::11.0");
  const bits = await networkVirtual(
    "/Common/vs",
    "2001:db8:8000:1001::.0",
    "ffff:ffff:ffff:ffe0::",
  );
  expect(bits.status).toBe(400);
  expect(
    (await networkVirtual("/Common/a", "2001:db8:8000:1000::.0", "ffff:ffff:ffff:ffff::")).status,
  ).toBe(200);
  const duplicate = await networkVirtual(
    "/Common/b",
    "2001:db8:8000:1000::.0",
    "ffff:ffff:ffff:ffff::",
  );
  expect(duplicate.status).toBe(409);
  expect(duplicate.body.message).toContain("illegally shares destination address");
  fake.device.vlans.add("/Common/other");
  const otherVlan = await networkVirtual(
    "/Common/b",
    "2001:db8:8000:1000::.0",
    "ffff:ffff:ffff:ffff::",
    {
      vlans: ["/Common/other"],
    },
  );
  expect(otherVlan.status).toBe(200);
});

test("deleting a member leaves its node; tmsh errors come back as 200 with the text in commandResult", async () => {
  await poolWithMember("2001:db8:10::11.0");
  expect((await request("DELETE", `${POOL}/~Common~p/members/2001:db8:10::11.0`)).status).toBe(200);
  expect([...fake.device.nodes.keys()]).toEqual(["/Common/2001:db8:10::11"]);
  const tmsh = await request("POST", "/mgmt/tm/util/bash", {
    command: "run",
    utilCmdArgs: "-c 'tmsh modify ltm virtual /Common/nothing mask ffff:ffff:ffff:ffff::'",
  });
  expect(tmsh.status).toBe(200);
  expect(tmsh.body.commandResult).toBe(
    "01020036:3: The requested Virtual Server (/Common/nothing) was not found.\n",
  );
});

test("logs every request with its method, URL, body and status", async () => {
  fake.clearLog();
  await request("GET", `${VIRTUAL}/~Common~nothing`);
  expect(fake.requests).toEqual([
    { method: "GET", url: "/mgmt/tm/ltm/virtual/~Common~nothing", body: undefined, status: 404 },
  ]);
});
