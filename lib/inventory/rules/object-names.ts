import { HIDDEN_CONSTRUCT_ID } from "../../defaults";
import type { KeyPath } from "../key-path";
import type { InventoryRule } from "./rule";

/** A BIG-IP object name part: letters, digits, `_`, `-`, `.`, starting with a letter. */
export const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

const NAME_HINT = "use letters, digits, '_', '-' and '.', starting with a letter";

/**
 * every name that becomes part of a BIG-IP object name or a Terraform stack name is a
 * valid BIG-IP name.
 */
export const objectNames: InventoryRule = {
  id: "object-names",
  summary:
    "names (inventory, partition, namePrefix, device group, entry points, servers) use letters, digits, '_', '-', '.', starting with a letter; entry points and servers are not named Default",
  check({ source, document }) {
    const names: [KeyPath, string | undefined][] = [
      [["name"], document.name],
      [["bigip", "partition"], document.bigip.partition],
      [["bigip", "namePrefix"], document.bigip.namePrefix],
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
    const invalid = names.flatMap(([path, name]) =>
      name !== undefined && !OBJECT_NAME.test(name)
        ? [
            source.problemAt(path, {
              message: "is not a valid BIG-IP name",
              value: name,
              hint: NAME_HINT,
            }),
          ]
        : [],
    );
    // cdktf leaves construct ids named "Default" out of Terraform resource names: an entry point
    // or server with that name could share its resource addresses with another one.
    const reserved = names.flatMap(([path, name]) =>
      name === HIDDEN_CONSTRUCT_ID && path[0] === "entryPoints"
        ? [
            source.problemAt(path, {
              message: `is reserved: cdktf leaves the name ${HIDDEN_CONSTRUCT_ID} out of Terraform resource addresses`,
              value: name,
              hint: "choose another name (any other spelling, such as default, is fine)",
            }),
          ]
        : [],
    );
    return [...invalid, ...reserved];
  },
};
