/**
 * The checks of `DaManageOutEntry`'s props: the same validators as the inventory rules
 * (lib/validation/entry-values.ts), so a construct built by hand is as safe as one built from an
 * inventory.
 *
 * Every prop but `monitor` and `dependsOn` must be a literal, a prop added later too: the
 * construct composes object names, the mask and tmsh command lines from them at synth time, and
 * the provider runs a tmsh line in bash on the BIG-IP, quoting it on create only
 * (F5Networks/bigip 1.24.1 to 1.28.0, `resource_bigip_command.go`, escapes `'` in create, not in
 * update or delete). A Terraform reference (a token) has no value to check before apply, so
 * it is refused; `monitor` and `dependsOn` reach resource attributes only and may be references,
 * as aws-cdk's `Bucket.validateBucketName` leaves a token alone.
 */
import { Token } from "./cdk";
import type { Construct } from "constructs";
import { MASK_WORKAROUNDS } from "../address/bigip-addressing";
import {
  ADOPTED_OBJECT,
  clientPrefixProblem,
  existingNodeProblem,
  entryNameProblem,
  fullPathProblem,
  internalAddressProblem,
  monitorProblem,
  OBJECT_NAME_SETTINGS,
  objectNameProblem,
  oneOfProblem,
  routeDomainProblem,
  type Invalid,
} from "../validation/entry-values";
import type { DaManageOutEntryProps } from "./da-manage-out-entry";
import { propError, requireLiteral } from "./prop-error";

/** The props that may be Terraform references: they never reach a name or a tmsh command line. */
export const REFERENCE_PROPS: ReadonlySet<string> = new Set<keyof DaManageOutEntryProps>([
  "monitor",
  "dependsOn",
]);

const KIND = "DaManageOutEntry";

const LITERAL_HINT =
  "give the value itself: the construct builds object names, the mask and the tmsh commands bash runs on the BIG-IP from it at synth time (only monitor and dependsOn may be references)";

/** A prop's check: the type its value must have, and what makes a value of that type wrong. */
type Check = readonly [
  prop: string,
  value: unknown,
  type: "string" | "number",
  problem: (value: never) => Invalid | undefined,
];

/**
 * Throws `DaManageOutEntry <path>: <prop> <reason>, got '<value>'; <hint>` for the first bad prop,
 * and `... <prop> must be a literal, got a Terraform reference/token; ...` for a reference where
 * the construct needs the value.
 */
export function validateEntryProps(entry: Construct, props: DaManageOutEntryProps): void {
  for (const [prop, value] of Object.entries(props)) {
    if (!REFERENCE_PROPS.has(prop)) requireLiteral(KIND, entry, prop, value, LITERAL_HINT);
  }
  const vlansHint = 'e.g. ["/Common/internal"]';
  if (!Array.isArray(props.vlans)) {
    throw propError(
      KIND,
      entry,
      "vlans",
      { reason: "must be a list", hint: vlansHint },
      props.vlans,
    );
  }
  if (props.vlans.length === 0) {
    throw propError(KIND, entry, "vlans", {
      reason: "must list at least one VLAN, got none",
      hint: vlansHint,
    });
  }
  const checks: Check[] = [
    ["entryPointName", props.entryPointName, "string", entryNameProblem],
    ["serverName", props.serverName, "string", entryNameProblem],
    ...OBJECT_NAME_SETTINGS.map((key): Check => [key, props[key], "string", objectNameProblem]),
    ["configSyncDeviceGroup", props.configSyncDeviceGroup, "string", objectNameProblem],
    ["routeDomain", props.routeDomain, "number", routeDomainProblem],
    [
      "maskWorkaround",
      props.maskWorkaround,
      "string",
      (workaround: string) => oneOfProblem(workaround, MASK_WORKAROUNDS),
    ],
    ["clientPrefix", props.clientPrefix, "string", clientPrefixProblem],
    [
      "internalAddress",
      props.internalAddress,
      "string",
      (address: string) => internalAddressProblem(address, props.clientPrefix),
    ],
    ["monitor", props.monitor, "string", monitorProblem],
    [
      "fastL4Profile",
      props.fastL4Profile,
      "string",
      (profile: string) => fullPathProblem(profile, "/Common/fastL4"),
    ],
    [
      "existingPool",
      props.existingPool,
      "string",
      (path: string) => fullPathProblem(path, ADOPTED_OBJECT.example, ADOPTED_OBJECT.withPartition),
    ],
    [
      "existingVirtualServer",
      props.existingVirtualServer,
      "string",
      (path: string) =>
        fullPathProblem(
          path,
          "/Common/DA1_vs (tmsh list ltm virtual)",
          ADOPTED_OBJECT.withPartition,
        ),
    ],
    ["existingNode", props.existingNode, "string", existingNodeProblem],
    ...props.vlans.map((vlan, index): Check => [
      `vlans[${index}]`,
      vlan,
      "string",
      (path: string) => fullPathProblem(path, "/Common/internal"),
    ]),
  ];
  for (const [prop, value, type, check] of checks) {
    // Only monitor may still be a reference here: Terraform fills it in.
    if (value === undefined || Token.isUnresolved(value)) continue;
    const problem = typeof value === type ? check(value as never) : { reason: `must be a ${type}` };
    if (problem) throw propError(KIND, entry, prop, problem, value);
  }
}
