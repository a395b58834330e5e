// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * Nothing reaches a `bigip_command` unchecked. The provider runs each line as
 * `bash -c 'tmsh <line>'` and quotes it on create only, so a Terraform reference in a tmsh line
 * (a variable holding `x' ; rm -rf /config ; '`) would run in bash on the BIG-IP on the first
 * in-place update. Every prop of `DaManageOutEntry` is tried with a reference, in configurations
 * that between them write every tmsh command: it is refused with the prop named, or (monitor,
 * dependsOn) it reaches no command. A prop added to the props fails to compile below until it is
 * listed, and is refused until it is allowed.
 */
import { TerraformVariable, Testing, Token } from "cdktf";
import type { Construct } from "constructs";
import { ConfigSync } from "../lib/constructs/config-sync";
import {
  DaManageOutEntry,
  type DaManageOutEntryProps,
} from "../lib/constructs/da-manage-out-entry";
import { REFERENCE_PROPS } from "../lib/constructs/entry-props";
import { TerraformData } from "../lib/constructs/terraform-data";
import { tmshLineProblem } from "../lib/constructs/tmsh-command-lines";

const LITERAL_HINT =
  "give the value itself: the construct builds object names, the mask and the tmsh commands bash runs on the BIG-IP from it at synth time (only monitor and dependsOn may be references)";

/** Every prop, in a route domain of an HA pair: the settings and config sync commands. */
const EVERY_PROP = {
  entryPointName: "east",
  serverName: "da-east-2",
  internalAddress: "2001:db8:10::12",
  clientPrefix: "2131:0:0:1000::/64",
  vlans: ["/Common/internal"],
  partition: "DA",
  namePrefix: "mo",
  monitor: "/Common/gateway_icmp",
  routeDomain: 2,
  maskWorkaround: "tmsh",
  fastL4Profile: "/Common/fastL4",
  existingPool: "/DA/DA2_pool",
  existingVirtualServer: "/DA/DA2_vs",
  existingNode: "/DA/DA2",
  configSyncDeviceGroup: "Sync-Failover-Group",
  dependsOn: [],
} as const satisfies Required<DaManageOutEntryProps>;

type Prop = keyof DaManageOutEntryProps;

/** Configurations that write, between them, every tmsh command of the construct. */
const CONFIGURATIONS: Record<string, Partial<Record<Prop, undefined>>> = {
  "settings and config sync": {},
  "node cleanup": { existingNode: undefined },
  "mask command": { routeDomain: undefined },
};

/** The props set in a configuration. */
function propsOf(configuration: string): Prop[] {
  const unset = CONFIGURATIONS[configuration];
  return (Object.keys(EVERY_PROP) as Prop[]).filter((prop) => !(prop in unset));
}

/** A reference of each kind, made in `scope`. */
const REFERENCES: Record<string, (scope: Construct) => unknown> = {
  stringValue: (scope) => variable(scope, "string").stringValue,
  "Token.asString": (scope) => Token.asString(variable(scope, "any").value),
  numberValue: (scope) => variable(scope, "number").numberValue,
  listValue: (scope) => variable(scope, "list(string)").listValue,
  "[stringValue]": (scope) => [variable(scope, "string").stringValue],
  "[resource]": (scope) => [new TerraformData(scope, "dependency", { input: "x" })],
};

function variable(scope: Construct, type: string): TerraformVariable {
  return new TerraformVariable(scope, "reference", { type });
}

/** The references tried in a prop: of its own type, and for a list also as an element. */
function kindsOf(prop: Prop): string[] {
  if (prop === "routeDomain") return ["numberValue"];
  if (prop === "vlans") return ["listValue", "[stringValue]"];
  if (prop === "dependsOn") return ["[resource]"];
  return ["stringValue", "Token.asString"];
}

/** `[prop, kind]` for every reference tried in a configuration, `allowed` or refused ones. */
function cases(configuration: string, allowed: boolean): [Prop, string][] {
  return propsOf(configuration)
    .filter((prop) => REFERENCE_PROPS.has(prop) === allowed)
    .flatMap((prop) => kindsOf(prop).map((kind): [Prop, string] => [prop, kind]));
}

/** The entry's bigip_command lines with `prop` set to a reference, or the error it throws. */
function outcome(configuration: string, prop: Prop, kind: string): string {
  try {
    const synthesized = Testing.synthScope((scope) => {
      new DaManageOutEntry(scope, "da-east-2", {
        ...EVERY_PROP,
        ...CONFIGURATIONS[configuration],
        [prop]: REFERENCES[kind](scope),
      } as DaManageOutEntryProps);
    });
    const commands = Object.values(JSON.parse(synthesized).resource.bigip_command);
    return `commands: ${JSON.stringify(commands.map((command) => (command as { commands: string[] }).commands))}`;
  } catch (error) {
    return (error as Error).message;
  }
}

describe.each(Object.keys(CONFIGURATIONS))("DaManageOutEntry, %s", (configuration) => {
  test.each(cases(configuration, false))("refuses a reference in %s (%s)", (prop, kind) => {
    const where = kind === "[stringValue]" ? `${prop}[0]` : prop;
    expect(outcome(configuration, prop, kind)).toBe(
      `DaManageOutEntry stack/da-east-2: ${where} must be a literal, got a Terraform reference/token; ${LITERAL_HINT}`,
    );
  });

  test.each(cases(configuration, true))(
    "takes a reference in %s (%s), which reaches no command",
    (prop, kind) => {
      const commands = outcome(configuration, prop, kind);
      expect(commands).toMatch(/^commands: \[\[/);
      expect(commands).not.toMatch(/\$\{|TfToken/);
    },
  );
});

test("the configurations write every tmsh command the construct has", () => {
  const ids = Object.keys(CONFIGURATIONS).flatMap((configuration) => {
    const synthesized = Testing.synthScope((scope) => {
      new DaManageOutEntry(scope, "da-east-2", {
        ...EVERY_PROP,
        ...CONFIGURATIONS[configuration],
      } as DaManageOutEntryProps);
    });
    return Object.keys(JSON.parse(synthesized).resource.bigip_command).map((id) =>
      id.replace(/^da-east-2_|_[0-9A-F]{8}$/g, ""),
    );
  });
  expect([...new Set(ids)].sort()).toEqual([
    "config_sync_on_destroy",
    "mask_command",
    "node_cleanup_on_destroy",
    "settings_command",
  ]);
});

test("only monitor and dependsOn may be references", () => {
  expect([...REFERENCE_PROPS].sort()).toEqual(["dependsOn", "monitor"]);
});

test("ConfigSync refuses a reference as its device group", () => {
  expect(() =>
    Testing.synthScope((scope) => {
      const group = new TerraformVariable(scope, "group", { type: "string" });
      new ConfigSync(scope, "config_sync", {
        deviceGroup: group.stringValue,
        after: [],
        desiredConfiguration: {},
      });
    }),
  ).toThrow(
    "ConfigSync stack/config_sync: deviceGroup must be a literal, got a Terraform reference/token; give the device group's name itself: it goes into a tmsh command bash runs on the BIG-IP",
  );
});

test("ConfigSync refuses a device group that is not a BIG-IP name", () => {
  expect(() =>
    Testing.synthScope((scope) => {
      new ConfigSync(scope, "config_sync", {
        deviceGroup: "g'; reboot; '",
        after: [],
        desiredConfiguration: {},
      });
    }),
  ).toThrow(
    "ConfigSync stack/config_sync: deviceGroup is not a valid BIG-IP name, got 'g'; reboot; ''; use letters, digits, '_', '-' and '.', starting with a letter",
  );
});

test.each([
  ['modify ltm virtual /Common/a description "x"', undefined],
  [
    "modify ltm virtual /Common/a description 'x'",
    'holds a character other than letters, digits, space and _ . : % / - { } "',
  ],
  [
    "delete ltm node $(reboot)",
    'holds a character other than letters, digits, space and _ . : % / - { } "',
  ],
  [
    "run cm config-sync to-group a;b",
    'holds a character other than letters, digits, space and _ . : % / - { } "',
  ],
  [
    "delete ltm node `id`",
    'holds a character other than letters, digits, space and _ . : % / - { } "',
  ],
  [
    "delete ltm node a\nreboot",
    'holds a character other than letters, digits, space and _ . : % / - { } "',
  ],
])("the last check of a whole tmsh line: %j", (line, problem) => {
  expect(tmshLineProblem(line)).toBe(problem);
});

test("the last check of a whole tmsh line refuses a reference", () => {
  expect(tmshLineProblem(`delete ltm node ${Token.asString({ ref: "x" })}`)).toBe(
    "holds a Terraform reference/token, which bash on the BIG-IP would get unchecked",
  );
});
