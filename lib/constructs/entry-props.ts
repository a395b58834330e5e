/**
 * The checks of `DaManageOutEntry`'s props: the same validators as the inventory rules
 * (lib/validation/entry-values.ts), so a construct built by hand is as safe as one built from an
 * inventory. A Terraform reference (token) is left alone where the prop may be one (VLANs,
 * monitor, fastL4 profile), as aws-cdk's `Bucket.validateBucketName` does; the props the
 * construct computes with must be literals (see `LITERAL_PROPS` in da-manage-out-entry.ts).
 */
import { Token } from "cdktf";
import type { Construct } from "constructs";
import { showValue } from "../io/show-value";
import {
  ADOPTED_OBJECT,
  clientPrefixProblem,
  existingNodeProblem,
  entryNameProblem,
  fullPathProblem,
  internalAddressProblem,
  monitorProblem,
  objectNameProblem,
  routeDomainProblem,
  type Invalid,
} from "../validation/entry-values";
import type { DaManageOutEntryProps } from "./da-manage-out-entry";

/** Throws `DaManageOutEntry <path>: <prop> <reason>, got '<value>'; <hint>` for the first bad prop. */
export function validateEntryProps(entry: Construct, props: DaManageOutEntryProps): void {
  const checks: [string, unknown, (value: never) => Invalid | undefined][] = [
    ["entryPointName", props.entryPointName, entryNameProblem],
    ["serverName", props.serverName, entryNameProblem],
    ["partition", props.partition, objectNameProblem],
    ["namePrefix", props.namePrefix, objectNameProblem],
    ["configSyncDeviceGroup", props.configSyncDeviceGroup, objectNameProblem],
    ["routeDomain", props.routeDomain, routeDomainProblem],
    ["clientPrefix", props.clientPrefix, clientPrefixProblem],
    [
      "internalAddress",
      props.internalAddress,
      (address: string) => internalAddressProblem(address, props.clientPrefix),
    ],
    ["monitor", props.monitor, monitorProblem],
    [
      "fastL4Profile",
      props.fastL4Profile,
      (profile: string) => fullPathProblem(profile, "/Common/fastL4"),
    ],
    [
      "existingPool",
      props.existingPool,
      (path: string) => fullPathProblem(path, ADOPTED_OBJECT.example, ADOPTED_OBJECT.withPartition),
    ],
    [
      "existingVirtualServer",
      props.existingVirtualServer,
      (path: string) =>
        fullPathProblem(
          path,
          "/Common/DA1_vs (tmsh list ltm virtual)",
          ADOPTED_OBJECT.withPartition,
        ),
    ],
    ["existingNode", props.existingNode, existingNodeProblem],
    ...(Token.isUnresolved(props.vlans)
      ? []
      : props.vlans.map((vlan, index): [string, unknown, (value: never) => Invalid | undefined] => [
          `vlans[${index}]`,
          vlan,
          (path: string) => fullPathProblem(path, "/Common/internal"),
        ])),
  ];
  for (const [prop, value, check] of checks) {
    if (value === undefined || Token.isUnresolved(value)) continue;
    const problem = check(value as never);
    if (problem) {
      throw new Error(
        `DaManageOutEntry ${entry.node.path}: ${prop} ${problem.reason}, got '${showValue(String(value))}'${problem.hint ? `; ${problem.hint}` : ""}`,
      );
    }
  }
  if (!Token.isUnresolved(props.vlans) && props.vlans.length === 0) {
    throw new Error(
      `DaManageOutEntry ${entry.node.path}: vlans must list at least one VLAN, got none; e.g. ["/Common/internal"]`,
    );
  }
}
