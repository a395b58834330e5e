import { deviceKey, isAddressProblem, parseDeviceAddress } from "../../device/device-address";
import type { Problem } from "../problem";
import type { CrossFileRule } from "./rule";

/**
 * With more than one stack, each names its device: otherwise every stack would go to whatever
 * `BIGIP_HOST` holds, and a stack planned against another site's BIG-IP would create its objects
 * there. Two stacks on one device need their own partition or name prefix, or each would own the
 * other's objects.
 */
export const devicePerStack: CrossFileRule = {
  id: "device-per-stack",
  summary:
    "with more than one inventory, each names its device in bigip.host, and no two share host, partition and name prefix",
  check(files) {
    if (files.length < 2) return [];
    const problems: Problem[] = [];
    const owners = new Map<string, string>();
    for (const { inventory, source } of files) {
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
        continue;
      }
      const address = parseDeviceAddress(host);
      if (isAddressProblem(address)) continue; // device-host reports it
      const key = `${deviceKey(address)} /${partition} ${namePrefix}`;
      const other = owners.get(key);
      if (other === undefined) {
        owners.set(key, inventory.stackName);
        continue;
      }
      problems.push(
        source.problemAt(["bigip", "host"], {
          message: `is the device of stack ${other} too, with the same partition (${partition}) and name prefix (${namePrefix})`,
          value: host,
          hint: "each stack would own the other's objects: merge the two inventories, or give one another bigip.partition or bigip.namePrefix",
        }),
      );
    }
    return problems;
  },
};
