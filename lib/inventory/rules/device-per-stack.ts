import { deviceGroups, deviceLink } from "../device-identity";
import type { Problem } from "../problem";
import type { CheckedInventoryFile, CrossFileRule } from "./rule";

/**
 * With more than one stack, each names its device: otherwise every stack would go to whatever
 * `BIGIP_HOST` holds, and a stack planned against another site's BIG-IP would create its objects
 * there. Two stacks on one device (one address however written, or a shared
 * `bigip.deviceHostname`: lib/inventory/device-identity.ts) need their own partition or name
 * prefix, or each would own the other's objects.
 */
export const devicePerStack: CrossFileRule = {
  id: "device-per-stack",
  summary:
    "with more than one inventory, each names its device in bigip.host, and no two on one device (the same address however written, or a shared bigip.deviceHostname) share partition and name prefix",
  check(files) {
    if (files.length < 2) return [];
    const problems: Problem[] = [];
    const devices = deviceGroups(files);
    const owners = new Map<string, CheckedInventoryFile>();
    files.forEach((file, index) => {
      const { inventory, source } = file;
      const { host, partition, namePrefix } = inventory.bigip;
      if (host === undefined) {
        problems.push(
          source.problemAt(
            ["bigip"],
            {
              message: `names no device (host), and the inventories name ${files.length} stacks`,
              hint: "add host: with the management address of this stack's BIG-IP, e.g. host: bigip-east.corp.example; without it every stack goes to BIGIP_HOST",
            },
            "key",
          ),
        );
        return;
      }
      const key = `${devices[index]} /${partition} ${namePrefix}`;
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, file);
        return;
      }
      const link = deviceLink(file, owner);
      problems.push(
        source.problemAt(link.path, {
          message: `names the device of stack ${owner.inventory.stackName} too (${link.device}), with the same partition (${partition}) and name prefix (${namePrefix})`,
          value: link.text,
          hint: "each stack would own the other's objects: merge the two inventories, or give one another bigip.partition or bigip.namePrefix",
        }),
      );
    });
    return problems;
  },
};
