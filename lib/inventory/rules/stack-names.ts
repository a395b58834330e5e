import { showValue } from "../../io/show-value";
import type { Problem } from "../problem";
import { OBJECT_NAME } from "./object-names";
import type { CrossFileRule } from "./rule";

/**
 * Longest stack name: it names a folder (`cdktf.out/stacks/<stack>`) and a state file
 * (`terraform.<stack>.tfstate`), which every file system must hold.
 */
export const MAX_STACK_NAME_LENGTH = 100;

/** Names Windows keeps for devices, with or without an extension (`con`, `nul.east`, `com1`). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * Names every JavaScript object has (`constructor`, `toString`, `valueOf`...). cdktf keys its own
 * bookkeeping by stack name in plain objects (a reference's `crossStackIdentifier`, the
 * manifest's `stacks`), so such a stack name makes synth fail for every stack. Entry point and
 * server names may be these words (the constructs take them, see prototype-free-children.ts).
 */
const OBJECT_MEMBER_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
);

/** Why a stack name cannot name a folder on every file system, or `undefined`. */
function notPortable(name: string): string | undefined {
  if (WINDOWS_DEVICE.test(name)) return "is a device name on Windows";
  if (name.endsWith(".")) return "ends in '.', which Windows drops from folder names";
  return undefined;
}

/**
 * Stack names are valid construct and directory names, short enough for every file system, and
 * unique across files ignoring case (macOS and Windows file systems do not tell case apart).
 */
export const stackNames: CrossFileRule = {
  id: "stack-names",
  summary: `stack names are valid folder names on every file system (at most ${MAX_STACK_NAME_LENGTH} characters, no Windows device name, no final '.'), no JavaScript object member (constructor, toString...), and unique across inventory files ignoring case`,
  check(files) {
    const problems: Problem[] = [];
    const firstFile = new Map<string, { file: string; stackName: string }>();
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
      if (inventory.stackName.length > MAX_STACK_NAME_LENGTH) {
        problems.push(
          source.problemAt(where, {
            message: `gives a stack name of ${inventory.stackName.length} characters, more than ${MAX_STACK_NAME_LENGTH}`,
            hint: "the stack name names a folder and a state file; choose a shorter name:",
          }),
        );
      }
      if (OBJECT_MEMBER_NAMES.has(inventory.stackName)) {
        problems.push(
          source.problemAt(where, {
            message: `${fromFileName ? "the file name gives" : "gives"} the stack name '${inventory.stackName}', a name every JavaScript object has: cdktf keeps stacks by name in plain objects and cannot synthesize it`,
            hint: "give name: another value (entry points and servers may have this name)",
          }),
        );
      }
      const why = notPortable(inventory.stackName);
      if (why) {
        problems.push(
          source.problemAt(where, {
            message: `gives the stack name '${inventory.stackName}': it ${why}`,
            hint: "the stack name names a folder (cdktf.out/stacks/<stack>) on every machine that deploys; give name: another value",
          }),
        );
      }
      const key = inventory.stackName.toLowerCase();
      const other = firstFile.get(key);
      if (other) {
        const same = other.stackName === inventory.stackName;
        problems.push(
          source.problemAt(where, {
            message: `${fromFileName ? "the file name gives" : "gives"} the stack name '${inventory.stackName}', which ${showValue(other.file)} also has${same ? "" : ` as '${other.stackName}' (names that differ only in case collide on macOS and Windows file systems)`}`,
            hint: "stack names must be unique across inventory files; change name: in one of them",
          }),
        );
      } else {
        firstFile.set(key, { file: inventory.file, stackName: inventory.stackName });
      }
    }
    return problems;
  },
};
