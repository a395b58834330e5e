import { poolName } from "../../bigip-names";
import { showValue } from "../../io/show-value";
import type { KeyPath } from "../key-path";
import { formatKeyPath } from "../key-path";
import type { InventoryRule } from "./rule";
import { serverPath } from "./rule";

/**
 * Longest full path (`/<partition>/<name>`) this project writes. A deliberate cap well inside what
 * BIG-IP accepts: longer names are unreadable in tmsh and the GUI.
 */
export const MAX_OBJECT_PATH_LENGTH = 255;

/**
 * entry point names and server names are unique, and the composed pool and virtual
 * server names are unique and at most 255 characters.
 */
export const uniqueNames: InventoryRule = {
  id: "unique-names",
  summary: `entry point and server names are unique; composed pool and virtual server names are unique and at most ${MAX_OBJECT_PATH_LENGTH} characters; an adopted object belongs to one server`,
  check({ source, document }) {
    const problems = [];
    const seen = new Map<string, KeyPath>();
    /** Records a name; returns the path it was first seen at, if it was. */
    const firstSeen = (kind: string, name: string, path: KeyPath) => {
      const key = `${kind}\u0000${name}`;
      const first = seen.get(key);
      if (!first) seen.set(key, path);
      return first;
    };
    for (const [e, entryPoint] of document.entryPoints.entries()) {
      const duplicateEntryPoint = firstSeen("entry point", entryPoint.name, [
        "entryPoints",
        e,
        "name",
      ]);
      if (duplicateEntryPoint) {
        problems.push(
          source.problemAt(["entryPoints", e, "name"], {
            message: `is also the name of ${formatKeyPath(duplicateEntryPoint.slice(0, 2))}`,
            value: entryPoint.name,
            hint: "entry point names must be unique; merge the two entries or rename one",
          }),
        );
      }
      for (const [s, server] of entryPoint.servers.entries()) {
        const path = [...serverPath(e, s), "name"];
        const sameServer = firstSeen("server", server.name, path);
        if (sameServer) {
          problems.push(
            source.problemAt(path, {
              message: `is also the name of ${formatKeyPath(sameServer.slice(0, 4))}`,
              value: server.name,
              hint: "each DA server appears once in an inventory",
            }),
          );
          continue;
        }
        // The pool name stands for both: it differs from the virtual server name only by suffix
        // and is the longer of the two.
        const objectName = poolName({
          ...document.bigip,
          entryPointName: entryPoint.name,
          serverName: server.name,
        });
        const sameObject = firstSeen("object", objectName, path);
        if (sameObject && !duplicateEntryPoint) {
          problems.push(
            source.problemAt(path, {
              message: `gives the pool name ${objectName}, which ${formatKeyPath(sameObject.slice(0, 4))} also gets`,
              value: server.name,
              hint: "'_' joins entry point and server names; rename one so the names differ",
            }),
          );
        }
        for (const [key, adopted] of Object.entries(server.existing ?? {})) {
          const adoptedPath = [...serverPath(e, s), "existing", key];
          const sameAdopted =
            adopted === undefined ? undefined : firstSeen("adopted", adopted, adoptedPath);
          if (sameAdopted) {
            problems.push(
              source.problemAt(adoptedPath, {
                message: `is also adopted by ${formatKeyPath(sameAdopted.slice(0, 4))}`,
                value: adopted,
                hint: "each hand-built object belongs to one DA server",
              }),
            );
          }
        }
        if (objectName.length > MAX_OBJECT_PATH_LENGTH) {
          problems.push(
            source.problemAt(path, {
              message: `gives a pool name of ${objectName.length} characters (${showValue(objectName, 60)}), longer than ${MAX_OBJECT_PATH_LENGTH}`,
              value: server.name,
              hint: "shorten bigip.namePrefix, the entry point name or the server name",
            }),
          );
        }
      }
    }
    return problems;
  },
};
