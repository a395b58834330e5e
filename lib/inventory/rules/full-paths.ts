import { NO_MONITOR } from "../../defaults";
import type { InventoryRule } from "./rule";

/** A BIG-IP full path: `/<partition>[/<folder>...]/<name>`. */
export const FULL_PATH = /^(\/[A-Za-z][A-Za-z0-9_.-]*){2,}$/;

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
      if (!FULL_PATH.test(vlan)) {
        return [
          source.problemAt(path, {
            message: "must be a full path",
            value: vlan,
            hint: fullPathHint(vlan, "/Common/internal"),
          }),
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
          if (name !== undefined && !FULL_PATH.test(name)) {
            problems.push(
              source.problemAt(["entryPoints", e, "servers", s, "existing", key], {
                message: "must be a full path",
                value: name,
                hint: fullPathHint(
                  name,
                  "/Common/DA1_pool (tmsh list ltm pool)",
                  "give the hand-built object's name with its partition",
                ),
              }),
            );
          }
        }
      }),
    );
    if (monitor !== NO_MONITOR && !FULL_PATH.test(monitor)) {
      problems.push(
        source.problemAt(["bigip", "monitor"], {
          message: `must be a full path or "${NO_MONITOR}"`,
          value: monitor,
          hint: "e.g. /Common/gateway_icmp",
        }),
      );
    }
    return problems;
  },
};

/**
 * What to do about a value that is not a full path: name the partition, or, when it has one,
 * write each part with the characters BIG-IP names allow.
 */
function fullPathHint(
  value: string,
  example: string,
  withPartition = "write it with its partition",
): string {
  const parts = value.split("/");
  return value.startsWith("/") && parts.length > 2
    ? `each part of a full path uses letters, digits, '_', '-' and '.', starting with a letter, e.g. ${example}`
    : `${withPartition}, e.g. ${example}`;
}
