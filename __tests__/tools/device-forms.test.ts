/**
 * Each form the device may show (a partition's default route domain as `%<id>` or not, port 0 as
 * `.any`): doctor says where the provider cannot cope, and audit and recover read either form as
 * the same objects.
 */
import { manageOutDescription } from "../../lib/bigip-names";
import type {
  DeviceInventory,
  DevicePool,
  DeviceVirtualServer,
} from "../../lib/device/device-snapshot";
import { MANAGE_OUT_FORWARDING } from "../../lib/manage-out-forwarding";
import { auditDevice } from "../../lib/tools/audit";
import { checkAnyPort, checkRouteDomainForm } from "../../lib/tools/device-forms";
import { checkNodes } from "../../lib/tools/doctor";
import { planRecovery } from "../../lib/tools/recover";
import { validInventory } from "../stack-helpers";

/** Stack lab in partition DA (default route domain 2), one DA server, `routeDomain` lines. */
const lab = (bigip = "") =>
  validInventory(`
name: lab
bigip:
  partition: DA
  vlans: [/Common/internal]
${bigip}entryPoints:
  - name: lab
    clientPrefix: 2001:db8:8000:1000::/64
    servers:
      - { name: da-1, internalAddress: "2001:db8:10::11" }
`);

/** What doctor reads, with the given nodes and virtual server destinations. */
function device(
  nodes: Record<string, string> = {},
  destinations: Record<string, string> = {},
): DeviceInventory {
  return {
    partitions: new Set(["Common", "DA"]),
    vlans: new Set(["/Common/internal"]),
    routeDomains: new Set([0, 2]),
    deviceGroups: new Set(),
    fastL4Profiles: new Set(["/Common/fastL4"]),
    monitors: new Set(["/Common/gateway_icmp"]),
    partitionRouteDomains: new Map([["DA", 2]]),
    nodes: new Map(Object.entries(nodes)),
    destinations: new Map(Object.entries(destinations)),
  };
}

const lines = (checks: { ok: boolean; warning?: boolean; what: string; fix?: string }[]) =>
  checks.map(
    (c) =>
      `${c.ok ? (c.warning ? "WARNING" : "ok") : "FAILED"} ${c.what}${c.fix ? `: ${c.fix}` : ""}`,
  );

describe("doctor: the form of a partition's default route domain", () => {
  const SHOWN = { "/DA/2001:db8:10::99%2": "2001:db8:10::99%2" };
  const HIDDEN = { "/DA/2001:db8:10::98": "2001:db8:10::98" };

  test("shown as %2, no bigip.routeDomain: fails, says to set it (what the provider needs)", () => {
    expect(lines(checkRouteDomainForm(lab(), device(SHOWN)))).toEqual([
      'FAILED lab: partition /DA has default route domain 2, and the device shows it as %2 (node /DA/2001:db8:10::99%2 (2001:db8:10::99%2)): without bigip.routeDomain the stack writes its members without %2, and the provider would not find them again (the deploy fails with "The requested Pool Member ... was not found"): set bigip.routeDomain: 2, so that the stack writes %2 as the device shows it',
    ]);
  });

  test("shown as %2 on a virtual server, bigip.routeDomain 2: passes", () => {
    const shown = device({}, { "/DA/vs": "/DA/2001:db8:8000:2000::%2.any" });
    expect(lines(checkRouteDomainForm(lab("  routeDomain: 2\n"), shown))).toEqual([
      "ok lab: partition /DA has default route domain 2, shown as %2 (virtual server /DA/vs (/DA/2001:db8:8000:2000::%2.any)), and bigip.routeDomain is 2: the stack writes it as the device shows it",
    ]);
  });

  test("left out, or nothing there to tell: bigip.routeDomain 2 fails as before, none passes", () => {
    for (const nodes of [HIDDEN, {}]) {
      expect(lines(checkRouteDomainForm(lab("  routeDomain: 2\n"), device(nodes)))[0]).toMatch(
        /^FAILED lab: partition \/DA has default route domain 2, and bigip.routeDomain is 2: the device shows its addresses without %2/,
      );
      expect(lines(checkRouteDomainForm(lab(), device(nodes)))).toEqual([
        "ok lab: partition /DA has default route domain 2: the objects go there, shown without %2",
      ]);
    }
  });

  test("both forms on the device: a warning beside the usual check", () => {
    expect(lines(checkRouteDomainForm(lab(), device({ ...SHOWN, ...HIDDEN })))).toEqual([
      "WARNING lab: partition /DA has default route domain 2; the device shows it as %2 on node /DA/2001:db8:10::99%2 (2001:db8:10::99%2), and leaves it out on node /DA/2001:db8:10::98 (2001:db8:10::98): the provider finds a member again only in the form the stack wrote: after the first deploy check that the next plan is clean (npm run cdktf -- diff lab); audit and recover read both forms",
      "ok lab: partition /DA has default route domain 2: the objects go there, shown without %2",
    ]);
  });

  test("a node of another name holds the address in either form", () => {
    for (const shown of ["2001:db8:10::11%2", "2001:db8:10::11"]) {
      expect(lines(checkNodes([lab()], device({ "/DA/DA1": shown })))[0]).toMatch(
        /^FAILED lab lab\/da-1: 2001:db8:10::11 is already node \/DA\/DA1 on the device/,
      );
    }
    // The node the device made for the member, named by its address, in either form.
    expect(checkNodes([lab()], device({ "/DA/2001:db8:10::11%2": "2001:db8:10::11%2" }))).toEqual(
      [],
    );
    expect(checkNodes([lab()], device({ "/Common/DA1": "2001:db8:10::11" }))).toEqual([]);
  });
});

test("doctor: port 0 shown as .any fails, naming the virtual server; .0 passes", () => {
  expect(checkAnyPort([lab()], device({}, { "/Common/other": "/Common/2001:db8:1::.0" }))).toEqual(
    [],
  );
  expect(
    lines(checkAnyPort([lab()], device({}, { "/Common/other": "/Common/2001:db8:1::%3.any" }))),
  ).toEqual([
    'FAILED lab: the device shows an IPv6 virtual server\'s port 0 as .any (/Common/other: /Common/2001:db8:1::%3.any); the F5Networks/bigip provider cannot read that form: a deploy would fail after creating the first virtual server, and every plan, apply and destroy after it ("unable to extract destination address and port from virtual server destination"): no inventory setting avoids it (a Manage Out virtual server takes every port, port 0); audit, adopt and recover read the form, the provider does not: see docs/operator-tools.md#forms-the-device-shows',
  ]);
});

/** Stack lab as deployed in partition DA, its addresses in the form given. */
function deployed(form: { routeDomain: string; port: string }): {
  virtualServers: DeviceVirtualServer[];
  pools: DevicePool[];
  partitionRouteDomains: Map<string, number>;
} {
  return {
    partitionRouteDomains: new Map([["DA", 2]]),
    virtualServers: [
      {
        fullPath: "/DA/da_mo_lab_da-1_vs",
        description: manageOutDescription("2001:db8:8000:1000::/64", "da-1"),
        destination: `/DA/2001:db8:8000:1000::${form.routeDomain}.${form.port}`,
        mask: "ffff:ffff:ffff:ffff::",
        source: `::${form.routeDomain}/0`,
        ipProtocol: MANAGE_OUT_FORWARDING.ipProtocol,
        pool: "/DA/da_mo_lab_da-1_pool",
        translateAddress: MANAGE_OUT_FORWARDING.translateAddress,
        translatePort: MANAGE_OUT_FORWARDING.translatePort,
        sourceAddressTranslation: { type: MANAGE_OUT_FORWARDING.sourceAddressTranslation },
        vlansEnabled: MANAGE_OUT_FORWARDING.vlansEnabled,
        vlans: ["/Common/internal"],
        profiles: ["/Common/fastL4"],
      },
    ],
    pools: [
      {
        fullPath: "/DA/da_mo_lab_da-1_pool",
        description: manageOutDescription("2001:db8:8000:1000::/64", "da-1"),
        monitor: "/Common/gateway_icmp ",
        members: [{ name: `2001:db8:10::11${form.routeDomain}.0`, state: "up" }],
      },
    ],
  };
}

const FORMS = [
  { routeDomain: "", port: "0" },
  { routeDomain: "%2", port: "0" },
  { routeDomain: "", port: "any" },
  { routeDomain: "%2", port: "any" },
];

test.each(FORMS)("audit: %o audits clean, with or without bigip.routeDomain 2", (form) => {
  expect(auditDevice([lab()], deployed(form))).toEqual({ drift: [], info: [] });
  expect(auditDevice([lab("  routeDomain: 2\n")], deployed(form))).toEqual({ drift: [], info: [] });
  // Another route domain is drift in either form.
  const other = deployed(form);
  other.virtualServers[0] = {
    ...other.virtualServers[0],
    destination: "/DA/2001:db8:8000:1000::%3.0",
  };
  expect(auditDevice([lab()], other).drift).toEqual([
    expect.objectContaining({ attribute: "route domain", device: "3", expected: "2" }),
  ]);
});

test.each(FORMS)(
  "recover: %o is the state's member; a member not in the state is deleted by the device's name",
  (form) => {
    const state = [
      {
        address: "bigip_ltm_pool.p",
        type: "bigip_ltm_pool",
        attributes: { name: "/DA/da_mo_lab_da-1_pool" },
      },
      {
        address: "bigip_ltm_virtual_server.v",
        type: "bigip_ltm_virtual_server",
        attributes: { name: "/DA/da_mo_lab_da-1_vs" },
      },
    ];
    const member = {
      address: "bigip_ltm_pool_attachment.m",
      type: "bigip_ltm_pool_attachment",
      attributes: { pool: "/DA/da_mo_lab_da-1_pool", node: "2001:db8:10::11.0" },
    };
    expect(planRecovery(lab(), [...state, member], deployed(form)).actions).toEqual([]);
    expect(planRecovery(lab(), state, deployed(form)).actions).toEqual([
      expect.objectContaining({
        kind: "delete pool member",
        restPath: `ltm/pool/~DA~da_mo_lab_da-1_pool/members/~DA~${encodeURIComponent(`2001:db8:10::11${form.routeDomain}.0`)}`,
      }),
    ]);
  },
);
