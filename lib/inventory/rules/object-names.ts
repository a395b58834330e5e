import {
  entryNameProblem,
  OBJECT_NAME,
  OBJECT_NAME_SETTINGS,
  objectNameProblem,
} from "../../validation/entry-values";
import type { KeyPath } from "../key-path";
import type { InventoryRule } from "./rule";

export { OBJECT_NAME };

/**
 * every name that becomes part of a BIG-IP object name or a Terraform stack name is a
 * valid BIG-IP name.
 */
export const objectNames: InventoryRule = {
  id: "object-names",
  summary: `names (inventory, ${OBJECT_NAME_SETTINGS.join(", ")}, device group, entry points, servers) use letters, digits, '_', '-', '.', starting with a letter; entry points and servers are not named Default`,
  check({ source, document }) {
    const names: [KeyPath, string | undefined][] = [
      [["name"], document.name],
      ...OBJECT_NAME_SETTINGS.map((key): [KeyPath, string | undefined] => [
        ["bigip", key],
        document.bigip[key],
      ]),
      // Goes into a tmsh command: the name rule also keeps shell-like syntax out.
      [["bigip", "configSync", "deviceGroup"], document.bigip.configSync?.deviceGroup],
      ...document.entryPoints.flatMap((entryPoint, e) => [
        [["entryPoints", e, "name"], entryPoint.name] as [KeyPath, string],
        ...entryPoint.servers.map(
          (server, s) =>
            [["entryPoints", e, "servers", s, "name"], server.name] as [KeyPath, string],
        ),
      ]),
    ];
    // Entry point and server names are construct ids too: the name Default is reserved for them.
    const problems = names.flatMap(([path, name]) => {
      if (name === undefined) return [];
      const problem = path[0] === "entryPoints" ? entryNameProblem(name) : objectNameProblem(name);
      return problem
        ? [source.problemAt(path, { message: problem.reason, value: name, hint: problem.hint })]
        : [];
    });
    return problems;
  },
};
