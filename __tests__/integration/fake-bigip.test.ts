/**
 * The fake BIG-IP behaves like the device where the lifecycle depends on it. Runs in `npm test`,
 * with or without the provider.
 */
import { parseDeviceAddress } from "./fake-bigip/addresses";
import { FAKE_CREDENTIALS, FakeBigip } from "./fake-bigip/fake-bigip";
import { fakeRequest } from "./harness/fake-request";

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

function request(method: string, path: string, body?: unknown) {
  return fakeRequest(fake, method, path, body, token ? { token } : "none");
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

test("logs every request with its method, URL, body, status and token", async () => {
  fake.clearLog();
  await request("GET", `${VIRTUAL}/~Common~nothing`);
  expect(fake.requests).toEqual([
    {
      method: "GET",
      url: "/mgmt/tm/ltm/virtual/~Common~nothing",
      body: undefined,
      status: 404,
      token,
    },
  ]);
});

test("an instance started with other credentials refuses the default ones, by login and by Basic auth", async () => {
  const other = await FakeBigip.start({ username: "ops", password: "other-secret" });
  try {
    expect(other.credentials).toEqual({ username: "ops", password: "other-secret" });
    const login = (username: string, password: string) =>
      fetch(`${other.host}/mgmt/shared/authn/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username, password, loginProviderName: "tmos" }),
      });
    const basic = (username: string, password: string) =>
      fetch(`${other.host}${POOL}`, {
        headers: {
          Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
        },
      });
    expect((await login(FAKE_CREDENTIALS.username, FAKE_CREDENTIALS.password)).status).toBe(401);
    expect((await login("ops", "wrong")).status).toBe(401);
    expect((await login("ops", "other-secret")).status).toBe(200);
    expect((await basic(FAKE_CREDENTIALS.username, FAKE_CREDENTIALS.password)).status).toBe(401);
    expect((await basic("ops", "other-secret")).status).toBe(200);
  } finally {
    await other.stop();
  }
  // The default instance still takes the default credentials.
  expect(fake.credentials).toEqual(FAKE_CREDENTIALS);
});

test("serves its identity: sys/global-settings, cm/device (this device only) and cm/failover-status", async () => {
  fake.device.hostname = "bigip-a.corp.example";
  const settings = await request("GET", "/mgmt/tm/sys/global-settings");
  expect(settings.status).toBe(200);
  expect(settings.body).toMatchObject({
    kind: "tm:sys:global-settings:global-settingsstate",
    hostname: "bigip-a.corp.example",
  });
  const devices = await request("GET", "/mgmt/tm/cm/device");
  expect(devices.status).toBe(200);
  expect(devices.body.kind).toBe("tm:cm:device:devicecollectionstate");
  expect(devices.body.items).toEqual([
    expect.objectContaining({
      kind: "tm:cm:device:devicestate",
      name: "bigip1.fake.example",
      fullPath: "/Common/bigip1.fake.example",
      hostname: "bigip-a.corp.example",
      managementIp: fake.device.managementIp,
      selfDevice: "true",
      failoverState: "active",
      version: fake.device.version,
    }),
  ]);
  const status = await request("GET", "/mgmt/tm/cm/failover-status");
  expect(status.status).toBe(200);
  expect(status.body.kind).toBe("tm:cm:failover-status:failover-statusstats");
  expect(failoverStatus(status.body)).toBe("ACTIVE");
});

test("a standby device says so in cm/device and cm/failover-status", async () => {
  fake.device.failoverState = "standby";
  const devices = await request("GET", "/mgmt/tm/cm/device");
  expect((devices.body.items as { failoverState: string }[])[0].failoverState).toBe("standby");
  expect(failoverStatus((await request("GET", "/mgmt/tm/cm/failover-status")).body)).toBe(
    "STANDBY",
  );
});

/** `entries.<url>.nestedStats.entries.status.description`, as clients read it. */
function failoverStatus(body: Record<string, unknown>): string {
  const [entry] = Object.values(body.entries as Record<string, unknown>) as {
    nestedStats: { entries: { status: { description: string } } };
  }[];
  return entry.nestedStats.entries.status.description;
}

test("slow mode: a write is applied at once but answered and logged writeDelayMs later; reads and the login are not delayed", async () => {
  fake.writeDelayMs = 300;
  fake.clearLog();
  const before = fake.writesReceived;
  const started = Date.now();
  let answered = false;
  const created = request("POST", POOL, { name: "/Common/p" }).finally(() => (answered = true));
  await fake.waitForWrites(before + 1);
  expect(fake.device.pools.has("/Common/p")).toBe(true);
  expect(fake.writes()).toEqual([]);
  expect((await request("GET", `${POOL}/~Common~p`)).status).toBe(200);
  expect(answered).toBe(false);
  expect((await created).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  expect(fake.writes().map((write) => `${write.method} ${write.url}`)).toEqual([`POST ${POOL}`]);

  const loginStarted = Date.now();
  const login = await request("POST", "/mgmt/shared/authn/login", FAKE_CREDENTIALS);
  expect(login.status).toBe(200);
  expect(Date.now() - loginStarted).toBeLessThan(300);
  expect(fake.writesReceived).toBe(before + 2);
});

test("stopped after a write: that write is applied but not answered, later ones neither applied nor answered; reads and the login go on", async () => {
  expect((await request("POST", POOL, { name: "/Common/before" })).status).toBe(200);
  const stopped = fake.stopAfterDeviceWrites(1);
  // Never answered: they fail when the fake stops.
  const unanswered = (method: string, path: string, body: unknown) =>
    void request(method, path, body).catch(() => undefined);
  unanswered("POST", POOL, { name: "/Common/p" });
  await stopped;
  unanswered("PUT", `${POOL}/~Common~p`, { description: "late" });
  unanswered("POST", POOL, { name: "/Common/q" });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect((await request("POST", "/mgmt/shared/authn/login", FAKE_CREDENTIALS)).status).toBe(200);
  const read = await request("GET", `${POOL}/~Common~p`);
  expect([read.status, read.body.description]).toEqual([200, undefined]);
  expect(fake.device.pools.has("/Common/q")).toBe(false);
  expect(fake.writes().map((write) => `${write.method} ${write.url}`)).toEqual([
    "POST /mgmt/shared/authn/login",
    `POST ${POOL}`,
    `POST ${POOL}`,
    "POST /mgmt/shared/authn/login",
  ]);
  expect(fake.deviceWritesReceived).toBe(2);
  fake.deviceWriteStop = undefined;
  expect((await request("POST", POOL, { name: "/Common/r" })).status).toBe(200);
});

test("deletes a virtual server, then a member by ~Partition~name and a %<id> member, then the pool", async () => {
  fake.device.routeDomains.add(2);
  await poolWithMember("2001:db8:10::11.0");
  await request("POST", `${POOL}/~Common~p/members`, {
    name: "2001:db8:10::12%2.0",
    partition: "Common",
  });
  expect(
    (await networkVirtual("/Common/vs", "2001:db8:8000:1000::.0", "ffff:ffff:ffff:ffff::")).status,
  ).toBe(200);
  expect((await request("DELETE", `${VIRTUAL}/~Common~vs`)).status).toBe(200);
  expect((await request("GET", `${VIRTUAL}/~Common~vs`)).status).toBe(404);
  // As go-bigip sends them: the full path with / as ~, and a name with % percent-escaped.
  expect(
    (await request("DELETE", `${POOL}/~Common~p/members/~Common~2001:db8:10::11.0`)).status,
  ).toBe(200);
  expect((await request("DELETE", `${POOL}/~Common~p/members/2001:db8:10::12%252.0`)).status).toBe(
    200,
  );
  expect((await request("GET", `${POOL}/~Common~p/members`)).body.items).toBeUndefined();
  expect((await request("DELETE", `${POOL}/~Common~p`)).status).toBe(200);
  expect((await request("GET", `${POOL}/~Common~p`)).status).toBe(404);
});

test("tokens as the device hands them out: lifetime inside token, PATCH to change it, expiry, at most 100 per user", async () => {
  // f5-automation-labs Class 1: no top-level timeout, so go-bigip always PATCHes the token.
  const login = await request("POST", "/mgmt/shared/authn/login", {
    username: "admin",
    password: "fake-password",
    loginProviderName: "tmos",
  });
  expect(login.body).not.toHaveProperty("timeout");
  expect(login.body.token).toMatchObject({ timeout: 1200, userName: "admin", partition: "[All]" });
  const name = (login.body.token as { token: string }).token;
  const patched = await request("PATCH", `/mgmt/shared/authz/tokens/${name}`, { timeout: 60 });
  expect(patched).toMatchObject({ status: 200, body: { token: name, timeout: 60 } });
  fake.tokens.advance(61);
  expect(fake.tokens.live()).toEqual([token]);
  fake.tokens.advance(1200);
  expect(fake.tokens.live()).toEqual([]);
  // K44237337: 100 live tokens per user; the 101st login is refused with HTTP 400.
  for (let i = 0; i < 100; i++) fake.tokens.login("admin", "192.0.2.1");
  const refused = await request("POST", "/mgmt/shared/authn/login", {
    username: "admin",
    password: "fake-password",
  });
  expect(refused).toMatchObject({
    status: 400,
    body: {
      code: 400,
      message: "user 21232f29-7a57-35a7-8389-4a0e4a801fc3 has reached maximum active login tokens",
      kind: ":resterrorresponse",
    },
  });
  token = fake.tokens.live("admin")[0];
  expect((await request("DELETE", `/mgmt/shared/authz/tokens/${token}`)).status).toBe(200);
  token = "";
  const again = await request("POST", "/mgmt/shared/authn/login", {
    username: "admin",
    password: "fake-password",
  });
  expect(again.status).toBe(200);
});

test("counts live tokens per user and logins, and with keepsNonAdminTokens (ID1787517) only a DELETE ends a non-admin token", async () => {
  const ops = await FakeBigip.start({ username: "ops", password: "ops-secret" });
  try {
    ops.tokens.keepsNonAdminTokens = true;
    const login = async () => {
      const credentials = { username: "ops", password: "ops-secret", loginProviderName: "tmos" };
      const answer = await fakeRequest(
        ops,
        "POST",
        "/mgmt/shared/authn/login",
        credentials,
        "none",
      );
      return (answer.body as { token: { token: string } }).token.token;
    };
    const first = await login();
    await login();
    ops.tokens.login("admin", "192.0.2.1");
    expect([ops.tokens.liveByUser(), ops.tokens.issued("ops")]).toEqual([{ ops: 2, admin: 1 }, 2]);
    ops.tokens.advance(1201);
    expect(ops.tokens.liveByUser()).toEqual({ ops: 2 });
    const deleted = await fakeRequest(
      ops,
      "DELETE",
      `/mgmt/shared/authz/tokens/${first}`,
      undefined,
      {
        token: first,
      },
    );
    expect(deleted.status).toBe(200);
    expect([ops.tokens.liveByUser(), ops.tokens.issued("ops")]).toEqual([{ ops: 1 }, 2]);
  } finally {
    await ops.stop();
  }
});

test("pool members show session and state as the device does: monitored, unmonitored, disabled, forced offline", async () => {
  expect(
    (await request("POST", POOL, { name: "/Common/p", monitor: "/Common/gateway_icmp" })).status,
  ).toBe(200);
  expect((await request("POST", POOL, { name: "/Common/q" })).status).toBe(200);
  const add = (pool: string, name: string) =>
    request("POST", `${POOL}/~Common~${pool}/members`, { name, partition: "Common" });
  expect((await add("p", "2001:db8::1.0")).body).toMatchObject({
    session: "monitor-enabled",
    state: "up",
  });
  expect((await add("q", "2001:db8::2.0")).body).toMatchObject({
    session: "user-enabled",
    state: "unchecked",
  });
  fake.device.monitorResults.set("2001:db8::1", "checking");
  const member = `${POOL}/~Common~p/members/~Common~2001:db8::1.0`;
  expect((await request("GET", member)).body).toMatchObject({
    session: "monitor-enabled",
    state: "checking",
  });
  // The provider's pool attachment PATCHes these pairs for disabled and forced_offline.
  const disabled = await request("PATCH", member, { session: "user-disabled", state: "user-up" });
  expect(disabled.body).toMatchObject({ session: "user-disabled", state: "checking" });
  const offline = await request("PATCH", member, { session: "user-disabled", state: "user-down" });
  expect(offline.body).toMatchObject({ session: "user-disabled", state: "user-down" });
  const enabled = await request("PATCH", member, { session: "user-enabled", state: "user-up" });
  expect(enabled.body).toMatchObject({ session: "monitor-enabled", state: "checking" });
});

test("a member by address is refused when a node of another name holds the address (0107003a); a member by node name is DA2:0", async () => {
  fake.device.nodes.set("/Common/DA2", parseDeviceAddress("2001:db8:10::12"));
  expect((await request("POST", POOL, { name: "/Common/p" })).status).toBe(200);
  const byAddress = await request("POST", `${POOL}/~Common~p/members`, {
    name: "2001:db8:10::12.0",
    partition: "Common",
  });
  expect(byAddress).toMatchObject({
    status: 400,
    body: {
      message:
        "0107003a:3: Pool member node (/Common/2001:db8:10::12) and existing node (/Common/DA2) cannot use the same IP Address (2001:db8:10::12).",
    },
  });
  // As go-bigip's AddPoolMemberNode sends it, then its PATCH and DELETE by ~Common~DA2:0.
  const byName = await request("POST", `${POOL}/~Common~p/members`, { name: "/Common/DA2:0" });
  expect(byName).toMatchObject({
    status: 200,
    body: { name: "DA2:0", fullPath: "/Common/DA2:0", address: "2001:db8:10::12" },
  });
  const member = `${POOL}/~Common~p/members/~Common~DA2:0`;
  expect((await request("PATCH", member, { ratio: 1 })).status).toBe(200);
  expect((await request("DELETE", "/mgmt/tm/ltm/node/~Common~DA2")).status).toBe(400);
  expect((await request("DELETE", member)).status).toBe(200);
  expect(fake.device.nodes.has("/Common/DA2")).toBe(true);
});

test("collections page by $top and $skip, an empty one has no items, a /0 IPv6 mask is any6", async () => {
  const empty = await request("GET", POOL);
  expect(empty.status).toBe(200);
  expect(empty.body).not.toHaveProperty("items");
  for (const name of ["a", "b", "c"]) await request("POST", POOL, { name: `/Common/${name}` });
  const names = async (query: string) =>
    ((await request("GET", `${POOL}?${query}`)).body.items as { name: string }[] | undefined)?.map(
      (pool) => pool.name,
    );
  expect(await names("$top=2&$skip=0")).toEqual(["a", "b"]);
  expect(await names("$top=2&$skip=2")).toEqual(["c"]);
  expect(await names("$top=2&$skip=4")).toBeUndefined();
  const vs = await networkVirtual("/Common/all", "::.0", "any6", { pool: "/Common/a" });
  expect(vs).toMatchObject({ status: 200, body: { mask: "any6" } });
});

test("a partition's default route domain: listed in auth/partition, left out of the addresses shown", async () => {
  fake.device.partitions.add("DA");
  fake.device.routeDomains.add(2);
  fake.device.partitionRouteDomains.set("DA", 2);
  const partitions = await request("GET", "/mgmt/tm/auth/partition");
  expect(partitions.body.items).toContainEqual(
    expect.objectContaining({ name: "DA", fullPath: "DA", defaultRouteDomain: 2 }),
  );
  expect((await request("POST", POOL, { name: "/DA/p" })).status).toBe(200);
  const member = await request("POST", `${POOL}/~DA~p/members`, { name: "2001:db8:10::11%2.0" });
  expect(member.body).toMatchObject({ name: "2001:db8:10::11.0", address: "2001:db8:10::11" });
  const vs = await request("POST", VIRTUAL, {
    name: "/DA/v",
    destination: "/DA/2001:db8:8000:1000::%2.0",
    mask: "ffff:ffff:ffff:ffff::",
    pool: "/DA/p",
  });
  expect(vs.body).toMatchObject({ destination: "/DA/2001:db8:8000:1000::.0" });
});

test("config sync: the command returns at once with no output; cm/sync-status shows the sync running, then how it ends", async () => {
  fake.device.deviceGroups.add("Sync-Failover-Group");
  fake.device.sync.peers.push({ name: "bigip2.fake.example", failoverState: "standby" });
  const sync = () =>
    request("POST", "/mgmt/tm/util/bash", {
      command: "run",
      utilCmdArgs: "-c 'tmsh run cm config-sync to-group Sync-Failover-Group'",
    });
  /** status, then the detail lines of one read. */
  const status = async () => {
    const entries = (await request("GET", "/mgmt/tm/cm/sync-status")).body.entries as Record<
      string,
      { nestedStats: { entries: Record<string, unknown> } }
    >;
    const fields = entries["https://localhost/mgmt/tm/cm/sync-status/0"].nestedStats.entries;
    const details = fields["https://localhost/mgmt/tm/cm/syncStatus/0/details"] as {
      nestedStats: {
        entries: Record<string, { nestedStats: { entries: { details: { description: string } } } }>;
      };
    };
    return [
      (fields.status as { description: string }).description,
      ...Object.values(details.nestedStats.entries).map(
        (line) => line.nestedStats.entries.details.description,
      ),
    ];
  };
  // Default: In Sync, and In Sync again after a sync.
  expect(await status()).toEqual([
    "In Sync",
    "bigip2.fake.example: connected",
    "Sync-Failover-Group (In Sync): All devices in the device group are in sync",
  ]);
  expect((await sync()).body).not.toHaveProperty("commandResult");
  expect((await status())[0]).toBe("In Sync");
  // Switches: one read while it runs, then Changes Pending, with the recommended action.
  fake.device.sync.readsWhileRunning = 1;
  fake.device.sync.outcome = "Changes Pending";
  await sync();
  expect(await status()).toEqual([
    "Not All Devices Synced",
    "bigip2.fake.example: connected",
    "Sync-Failover-Group (Not All Devices Synced): bigip2.fake.example did not receive last sync successfully.",
  ]);
  expect(await status()).toEqual([
    "Changes Pending",
    "bigip2.fake.example: connected",
    "Sync-Failover-Group (Changes Pending): There is a possible change conflict between bigip2.fake.example and bigip1.fake.example.",
    " - Recommended action: Synchronize bigip1.fake.example to group Sync-Failover-Group",
  ]);
  // The group's members and the peer in cm/device.
  const members = await request("GET", "/mgmt/tm/cm/device-group/Sync-Failover-Group/devices");
  expect((members.body.items as { name: string }[]).map((member) => member.name)).toEqual([
    "bigip1.fake.example",
    "bigip2.fake.example",
  ]);
  const devices = await request("GET", "/mgmt/tm/cm/device");
  expect(
    (devices.body.items as { name: string; selfDevice: string; failoverState: string }[]).map(
      (device) => `${device.name} ${device.selfDevice} ${device.failoverState}`,
    ),
  ).toEqual(["bigip1.fake.example true active", "bigip2.fake.example false standby"]);
  expect((await request("GET", "/mgmt/tm/cm/device-group/other/devices")).status).toBe(404);
});
