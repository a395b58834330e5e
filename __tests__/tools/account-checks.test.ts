/**
 * doctor's account checks from the device's own answer about the user, and the warning for a DA
 * server's address outside every self IP's network on the stack's VLANs.
 */
import { DeviceConnectionError } from "../../lib/device/icontrol-client";
import type { DeviceReader } from "../../lib/device/device-snapshot";
import { readSelfIps, type SelfIp } from "../../lib/device/self-ips";
import { parseShownNetwork } from "../../lib/device/shown-address";
import { readUserAccount, type UserAccount } from "../../lib/device/user-account";
import { checkAccount } from "../../lib/tools/account-checks";
import { formatChecks } from "../../lib/tools/doctor";
import { checkMemberNetworks } from "../../lib/tools/member-networks";
import { validInventory } from "../stack-helpers";

const inventory = (bigip = "") =>
  validInventory(`
name: lab
bigip:
  partition: DA
  vlans: [/Common/internal, /Common/servers]
${bigip}entryPoints:
  - name: lab
    clientPrefix: 2001:db8:8000:1000::/59
    servers:
      - { name: da-1, internalAddress: "2001:db8:10::11", clientPrefix: "2001:db8:8000:1000::/64" }
      - { name: da-2, internalAddress: "2001:db8:20::12", clientPrefix: "2001:db8:8000:1001::/64" }
`);

const LISTED = { kind: "listed", selfIps: [] } as const;
const account = (...access: [string, string][]): UserAccount => ({
  kind: "record",
  access: access.map(([partition, role]) => ({ partition, role })),
});
const check = (found: UserAccount, selfIps: Parameters<typeof checkAccount>[3] = LISTED) =>
  formatChecks(checkAccount([inventory()], "automation", found, selfIps));

test("an Administrator passes", () => {
  expect(check(account(["all-partitions", "admin"]))).toBe(
    "ok       lab: user automation is admin on all-partitions: it runs tmsh through util/bash, reads net/self and writes in /DA",
  );
});

test("a Manager fails, naming the user, the role found and the role needed", () => {
  expect(check(account(["DA", "manager"], ["Common", "guest"]))).toBe(
    'FAILED   lab: user automation has DA: manager, Common: guest; the stacks need Administrator (role admin on all-partitions): they run tmsh through /mgmt/tm/util/bash (node cleanup on destroy, mask and route-domain settings, config sync), which the device refuses to other roles (HTTP 400 "bash" unexpected argument): a deploy or destroy would stop half-applied: give it Administrator (role admin on all-partitions) (tmsh modify auth user automation partition-access replace-all-with { all-partitions { role admin } }), or deploy with an account that has it',
  );
  expect(check(account())).toMatch(/^FAILED {3}lab: user automation has no role; /);
});

test("a Resource Administrator passes with a warning: util/bash for it is unconfirmed", () => {
  expect(check(account(["all-partitions", "resource-admin"]))).toBe(
    'WARNING  lab: user automation is resource-admin on all-partitions: F5 gives that role the advanced shell as it gives admin, but that util/bash over REST accepts it is unconfirmed (the stacks run tmsh through it: node cleanup, mask and route-domain settings, config sync): if a deploy or destroy fails with "bash" unexpected argument, give it Administrator (role admin on all-partitions): tmsh modify auth user automation partition-access replace-all-with { all-partitions { role admin } }',
  );
});

test("a user that cannot read its own record fails; one without a local record is a warning", () => {
  expect(
    check({ kind: "refused", error: "GET /mgmt/tm/auth/user/automation answered HTTP 401" }),
  ).toBe(
    "FAILED   lab: user automation cannot read its own record (GET /mgmt/tm/auth/user/automation answered HTTP 401), which an Administrator can: its role is not the one the stacks need, Administrator (role admin on all-partitions): have an administrator check its role (tmsh list auth user automation) and give it Administrator (role admin on all-partitions): tmsh modify auth user automation partition-access replace-all-with { all-partitions { role admin } }",
  );
  expect(check({ kind: "none" })).toBe(
    "WARNING  lab: user automation has no local record on the device (GET /mgmt/tm/auth/user/automation: not found), as a remotely authenticated user has none: its role could not be checked: check that the role its remote group maps to is Administrator (role admin on all-partitions) (tmsh list auth remote-role, tmsh list auth remote-user): the stacks run tmsh through util/bash",
  );
});

test("net/self refused: fails, the provider could not even plan", () => {
  const lines = check(account(["all-partitions", "admin"]), {
    kind: "refused",
    error: "GET /mgmt/tm/net/self answered HTTP 401: Authorization failed",
  }).split("\n");
  expect(lines[1]).toBe(
    "FAILED   lab: user automation cannot read net/self (GET /mgmt/tm/net/self answered HTTP 401: Authorization failed); the provider reads it to check its connection before every plan and apply, so no plan would run: give automation the role the stacks need, Administrator (role admin on all-partitions): tmsh modify auth user automation partition-access replace-all-with { all-partitions { role admin } }",
  );
});

test("a user name from the environment is shown escaped", () => {
  expect(formatChecks(checkAccount([inventory()], "a\u001b[2Jb", account(), LISTED))).toContain(
    "user a<U+001B ESCAPE>[2Jb has no role",
  );
});

/** A session whose GETs answer `answer(path)`, or throw it when it is an error. */
function reader(answer: (path: string) => unknown): DeviceReader {
  return {
    get: async (path: string) => {
      const found = answer(path);
      if (found instanceof Error) throw found;
      return found;
    },
  };
}

test("reads the user's record and self IPs as untrusted data; 401 and 403 are refusals", async () => {
  const record = {
    partitionAccess: [{ name: "all-partitions", role: "admin" }, { name: 5 }, null, "x"],
  };
  expect(
    await readUserAccount(
      reader(() => record),
      "automation",
    ),
  ).toEqual(account(["all-partitions", "admin"]));
  expect(
    await readUserAccount(
      reader(() => undefined),
      "automation",
    ),
  ).toEqual({ kind: "none" });
  expect(
    await readUserAccount(
      reader(() => "odd"),
      "automation",
    ),
  ).toEqual(account());
  const refused = new DeviceConnectionError("GET /mgmt/tm/auth/user/a%2Fb answered HTTP 403", 403);
  const asked: string[] = [];
  expect(
    await readUserAccount(
      reader((path) => (asked.push(path), refused)),
      "a/b",
    ),
  ).toEqual({ kind: "refused", error: refused.message });
  expect(asked).toEqual(["auth/user/a%2Fb"]);
  await expect(
    readUserAccount(
      reader(() => new DeviceConnectionError("answered HTTP 500", 500)),
      "a",
    ),
  ).rejects.toThrow("answered HTTP 500");
  const selfIps = await readSelfIps(
    reader(() => ({
      items: [
        { fullPath: "/Common/s6", address: "2001:db8:10::fe%2/64", vlan: "/Common/internal" },
        { fullPath: "/Common/s4", address: "10.1.1.1/24", vlan: "/Common/internal" },
        { fullPath: "/Common/odd", address: 7, vlan: "/Common/internal" },
      ],
    })),
  );
  expect(selfIps).toMatchObject({
    kind: "listed",
    selfIps: [
      { fullPath: "/Common/s6", network: { routeDomain: 2, length: 64 } },
      { fullPath: "/Common/s4", network: undefined },
    ],
  });
  expect(await readSelfIps(reader(() => new DeviceConnectionError("HTTP 401", 401)))).toEqual({
    kind: "refused",
    error: "HTTP 401",
  });
});

describe("self IPs on the stack's VLANs", () => {
  const self = (fullPath: string, address: string, vlan = "/Common/internal"): SelfIp => ({
    fullPath,
    address,
    vlan,
    network: parseShownNetwork(address),
  });
  const DEFAULT_2 = new Map([["DA", 2]]);

  test("every address inside a self IP's network in its route domain: one ok line", () => {
    const selfIps = [
      self("/DA/s1", "2001:db8:10::fe/64"),
      self("/Common/s2", "2001:db8:20::fe%2/64", "/Common/servers"),
    ];
    expect(formatChecks(checkMemberNetworks([inventory()], selfIps, DEFAULT_2))).toBe(
      "ok       lab: every DA server's internal address is in the network of a self IP on /Common/internal, /Common/servers in route domain 2",
    );
  });

  test("another route domain, another VLAN or no self IP: a warning naming addresses, VLANs and self IPs", () => {
    const selfIps = [
      self("/Common/s1", "2001:db8:10::fe/64"),
      self("/Common/s2", "2001:db8:20::fe%2/64", "/Common/external"),
    ];
    expect(formatChecks(checkMemberNetworks([inventory()], selfIps, DEFAULT_2))).toBe(
      "WARNING  lab: 2 DA servers' internal addresses are not in the network of a self IP on /Common/internal, /Common/servers in route domain 2: 2001:db8:10::11 (lab/da-1), 2001:db8:20::12 (lab/da-2); self IPs there: 2001:db8:10::fe/64 on /Common/internal: with address translation off the BIG-IP hands Manage Out traffic to the DA server as to a next hop, on a network it is on: add a self IP in the DA servers' network on one of bigip.vlans, or correct bigip.vlans or internalAddress (a route to the DA servers may not do)",
    );
    expect(
      formatChecks(checkMemberNetworks([inventory("  routeDomain: 3\n")], [], DEFAULT_2)),
    ).toMatch(
      /^WARNING {2}lab: 2 DA servers' internal addresses are not in the network of a self IP on \/Common\/internal, \/Common\/servers in route domain 3: .*; no self IP is on \/Common\/internal, \/Common\/servers: /,
    );
  });
});

test("--plan-only: the role is shown, not required; net/self still is", () => {
  const planOnly = (found: UserAccount, selfIps: Parameters<typeof checkAccount>[3] = LISTED) =>
    formatChecks(checkAccount([inventory()], "reader", found, selfIps, { planOnly: true }));
  expect(planOnly(account(["all-partitions", "auditor"]))).toBe(
    "ok       lab: user reader has all-partitions: auditor (--plan-only: a plan only reads; a deploy needs Administrator (role admin on all-partitions))",
  );
  expect(planOnly({ kind: "refused", error: "HTTP 401" })).toBe(
    "ok       lab: user reader cannot read its own record (--plan-only: a plan only reads; a deploy needs Administrator (role admin on all-partitions))",
  );
  expect(planOnly(account(["all-partitions", "admin"]))).toMatch(
    /^ok {7}lab: user reader is admin on all-partitions: /,
  );
  expect(planOnly({ kind: "none" })).toMatch(/^WARNING {2}lab: user reader has no local record/);
  expect(planOnly(account(["DA", "auditor"]), { kind: "refused", error: "HTTP 401" })).toMatch(
    /\nFAILED {3}lab: user reader cannot read net\/self \(HTTP 401\)/,
  );
});
