import type { Problem } from "../problem";
import { OBJECT_NAME } from "./object-names";
import type { CrossFileRule } from "./rule";

/** Stack names are valid construct and directory names, and unique across files. */
export const stackNames: CrossFileRule = {
  id: "stack-names",
  summary: "stack names are valid and unique across inventory files",
  check(files) {
    const problems: Problem[] = [];
    const firstFile = new Map<string, string>();
    for (const { inventory, source } of files) {
      const fromFileName = source.data !== null && !(source.data as { name?: unknown }).name;
      const where = fromFileName ? [] : ["name"];
      if (fromFileName && !OBJECT_NAME.test(inventory.stackName)) {
        problems.push(
          source.problemAt(where, {
            message: `gives the stack name '${inventory.stackName}' through its file name, which is not a valid name`,
            hint: "add a key name: with letters, digits, '_', '-' and '.', starting with a letter",
          }),
        );
      }
      const other = firstFile.get(inventory.stackName);
      if (other) {
        problems.push(
          source.problemAt(where, {
            message: `${fromFileName ? "the file name gives" : "gives"} the stack name '${inventory.stackName}', which ${other} also has`,
            hint: "stack names must be unique across inventory files; change name: in one of them",
          }),
        );
      } else {
        firstFile.set(inventory.stackName, inventory.file);
      }
    }
    return problems;
  },
};
