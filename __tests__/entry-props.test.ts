// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * DaManageOutEntry is as safe as an inventory: every prop goes through the validators the
 * inventory rules use (lib/validation/entry-values.ts), and a bad literal fails with the
 * construct's path, the prop, the value and what to write; the same value in an inventory gives
 * the same reason. Terraform references are left alone where a prop may be one.
 */
import { TerraformVariable, Testing } from "cdktf";
import {
  DaManageOutEntry,
  type DaManageOutEntryProps,
} from "../lib/constructs/da-manage-out-entry";
import { parseInventory } from "../lib/inventory";

const PROPS: DaManageOutEntryProps = {
  entryPointName: "east",
  serverName: "da-east-2",
  internalAddress: "2001:db8:10::12",
  clientPrefix: "2131:0:0:1000::/60",
  vlans: ["/Common/internal"],
};

function build(overrides: Partial<DaManageOutEntryProps>): void {
  Testing.synthScope((scope) => {
    new DaManageOutEntry(scope, "da-east-2", { ...PROPS, ...overrides });
  });
}

/** A single-server inventory carrying the same value, and the key path it lands on. */
function inventoryWith(prop: keyof DaManageOutEntryProps, value: unknown): [string, string] {
  const bigip: Record<string, unknown> = { vlans: ["/Common/internal"] };
  const server: Record<string, unknown> = { name: "da-east-2", internalAddress: "2001:db8:10::12" };
  const entryPoint: Record<string, unknown> = { name: "east", clientPrefix: "2131:0:0:1000::/60" };
  const at: Partial<
    Record<keyof DaManageOutEntryProps, [Record<string, unknown>, string, string]>
  > = {
    entryPointName: [entryPoint, "name", "entryPoints[0].name"],
    serverName: [server, "name", "entryPoints[0].servers[0].name"],
    partition: [bigip, "partition", "bigip.partition"],
    namePrefix: [bigip, "namePrefix", "bigip.namePrefix"],
    routeDomain: [bigip, "routeDomain", "bigip.routeDomain"],
    monitor: [bigip, "monitor", "bigip.monitor"],
    clientPrefix: [entryPoint, "clientPrefix", "entryPoints[0].clientPrefix"],
    maskWorkaround: [bigip, "maskWorkaround", "bigip.maskWorkaround"],
  };
  const [target, key, path] = at[prop]!;
  target[key] = value;
  entryPoint.servers = [server];
  return [JSON.stringify({ bigip, entryPoints: [entryPoint] }), path];
}

/** prop, bad value, the reason and hint after "<prop> ", whether an inventory says the same. */
const BAD: [keyof DaManageOutEntryProps, unknown, string, boolean][] = [
  ["entryPointName", "east side", "is not a valid BIG-IP name, got 'east side'; use letters", true],
  ["serverName", "da'1", "is not a valid BIG-IP name, got 'da'1'; use letters", true],
  ["serverName", "Default", "is reserved: cdktf leaves the name Default out", false],
  ["partition", "my part", "is not a valid BIG-IP name, got 'my part'", true],
  ["namePrefix", "da mo", "is not a valid BIG-IP name, got 'da mo'", true],
  ["configSyncDeviceGroup", "Sync Group", "is not a valid BIG-IP name", false],
  ["routeDomain", 70000, "must be a whole number from 0 to 65534, got '70000'", true],
  ["routeDomain", -1, "must be a whole number from 0 to 65534, got '-1'", true],
  ["routeDomain", 1.5, "must be a whole number from 0 to 65534, got '1.5'", false],
  ["monitor", "not a path", `must be a full path or "none", got 'not a path'`, true],
  [
    "clientPrefix",
    "2131:0:0:1003::/60",
    "has host bits set, got '2131:0:0:1003::/60'; did you mean 2131:0:0:1000::/60?",
    true,
  ],
  ["clientPrefix", "2131:0:0:1000::", "must be an IPv6 prefix in CIDR form", false],
  ["clientPrefix", "2131:0:0:1000::/96", "must be /48 to /64, got '2131:0:0:1000::/96'", true],
  ["clientPrefix", "2001:0:5ef5:79fb::/64", "lies in 2001::/32, the Teredo prefix", true],
  ["clientPrefix", "fe80::/64", "is a link-local prefix (fe80::/10)", true],
  [
    "internalAddress",
    "2131:0:0:1002::5",
    "lies inside the client prefix 2131:0:0:1000::/60, got '2131:0:0:1002::5'",
    false,
  ],
  ["internalAddress", "fe80::5", "must be a routable unicast address", false],
  ["internalAddress", "64:ff9b::a00:5", "is not the DA server's own IPv6 address", false],
  ["internalAddress", "10.0.0.5", "must be an IPv6 address", false],
  ["fastL4Profile", "fastL4", "must be a full path, got 'fastL4'", false],
  ["existingPool", "DA1_pool", "must be a full path, got 'DA1_pool'", false],
  ["existingVirtualServer", "/Common/DA 1", "must be a full path", false],
  ["vlans", ["internal"], "must be a full path, got 'internal'", false],
  // The inventory's one set of values (MASK_WORKAROUNDS); "TMSH" wrote neither mask nor command.
  ["maskWorkaround", "TMSH", "must be one of dotted, tmsh, got 'TMSH'", true],
  ["maskWorkaround", "cidr", "must be one of dotted, tmsh, got 'cidr'", true],
  // Values of another type, from JavaScript.
  ["serverName", 5, "must be a string, got '5'", false],
  ["routeDomain", "2", "must be a number, got '2'", false],
  ["vlans", [7], "must be a string, got '7'", false],
];

test.each(BAD)("rejects %s %j with the construct path and the reason", (prop, value, reason) => {
  const shown = prop === "vlans" ? "vlans[0]" : prop;
  expect(() => build({ [prop]: value })).toThrow(
    `DaManageOutEntry stack/da-east-2: ${shown} ${reason}`,
  );
});

test.each(BAD.filter(([, , , same]) => same))(
  "an inventory with %s %j says the same",
  (prop, value, reason) => {
    const [text, path] = inventoryWith(prop, value);
    const messages = parseInventory("inventories/lab.yaml", text).problems.map(
      (problem) => `${problem.path} ${problem.message}, got '${problem.value}'; ${problem.hint}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining(`${path} ${reason}`)]),
    );
  },
);

test("rejects VLANs that are not a list, from JavaScript", () => {
  expect(() => build({ vlans: "/Common/internal" as unknown as string[] })).toThrow(
    `DaManageOutEntry stack/da-east-2: vlans must be a list, got '/Common/internal'; e.g. ["/Common/internal"]`,
  );
});

test("accepts the valid props, and leaves a Terraform reference alone where a prop may be one", () => {
  expect(() => build({})).not.toThrow();
  expect(() =>
    Testing.synthScope((scope) => {
      const monitor = new TerraformVariable(scope, "monitor", { type: "string" });
      new DaManageOutEntry(scope, "da-east-2", { ...PROPS, monitor: monitor.stringValue });
    }),
  ).not.toThrow();
});
