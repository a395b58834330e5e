import type { Problem } from "../problem";
import { stateLocation } from "../state-location";
import type { CrossFileRule } from "./rule";

/** No two inventory files keep their stacks' state in the same place. */
export const sharedState: CrossFileRule = {
  id: "shared-state",
  summary:
    "no two inventory files keep their state in the same place (backend and key, pg database and schema, or local file, the default one included, ignoring case)",
  check(files) {
    const problems: Problem[] = [];
    const first = new Map<string, { file: string; defaultFile: boolean }>();
    for (const { inventory, source } of files) {
      const location = stateLocation(inventory);
      if (location === undefined) continue;
      const other = first.get(location);
      // Two default files meet only when the stack names do: stack-names reports that cause.
      const defaultFile = inventory.backend === undefined;
      if (other && !(other.defaultFile && defaultFile)) {
        problems.push(
          source.problemAt(inventory.backend ? ["terraform", "backend"] : [], {
            message: `keeps its state where ${other.file} keeps its own`,
            hint: "each stack needs a state of its own (another key, path or workspace); deploying one would plan to destroy the other's objects",
          }),
        );
      } else if (!other) {
        first.set(location, { file: inventory.file, defaultFile });
      }
    }
    return problems;
  },
};
