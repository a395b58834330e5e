import {
  ADOPTED_OBJECT,
  existingNodeProblem,
  FULL_PATH,
  fullPathProblem,
  monitorProblem,
} from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

export { FULL_PATH };

/**
 * VLANs, the monitor, the fastL4 profile and adopted objects are full paths
 * (`/Common/internal`); VLANs are listed once.
 */
export const fullPaths: InventoryRule = {
  id: "full-paths",
  summary:
    "VLANs, the monitor, the fastL4 profile and adopted objects are full paths such as /Common/internal; a VLAN is listed once",
  check({ source, document }) {
    const { vlans, monitor } = document.bigip;
    const problems = vlans.flatMap((vlan, v) => {
      const path = ["bigip", "vlans", v];
      const problem = fullPathProblem(vlan, "/Common/internal");
      if (problem) {
        return [
          source.problemAt(path, { message: problem.reason, value: vlan, hint: problem.hint }),
        ];
      }
      const first = vlans.indexOf(vlan);
      return first < v
        ? [
            source.problemAt(path, {
              message: `repeats bigip.vlans[${first}]`,
              value: vlan,
              hint: "list each VLAN once",
            }),
          ]
        : [];
    });
    const { fastL4Profile } = document.bigip;
    if (typeof fastL4Profile === "string" && !FULL_PATH.test(fastL4Profile)) {
      problems.push(
        source.problemAt(["bigip", "fastL4Profile"], {
          message: "must be a full path, or { loose: true }",
          value: fastL4Profile,
          hint: "e.g. /Common/fastL4_loose",
        }),
      );
    }
    document.entryPoints.forEach((entryPoint, e) =>
      entryPoint.servers.forEach((server, s) => {
        for (const [key, name] of Object.entries(server.existing ?? {})) {
          const problem =
            name === undefined
              ? undefined
              : key === "node"
                ? existingNodeProblem(name)
                : fullPathProblem(name, ADOPTED_OBJECT.example, ADOPTED_OBJECT.withPartition);
          if (problem) {
            problems.push(
              source.problemAt(["entryPoints", e, "servers", s, "existing", key], {
                message: problem.reason,
                value: name,
                hint: problem.hint,
              }),
            );
          }
        }
      }),
    );
    const monitorInvalid = monitorProblem(monitor);
    if (monitorInvalid) {
      problems.push(
        source.problemAt(["bigip", "monitor"], {
          message: monitorInvalid.reason,
          value: monitor,
          hint: monitorInvalid.hint,
        }),
      );
    }
    return problems;
  },
};
