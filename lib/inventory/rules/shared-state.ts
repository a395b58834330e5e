import type { Problem } from "../problem";
import { stateLocation } from "../state-location";
import type { CrossFileRule } from "./rule";

/** The first stack seen at a location. */
interface Holder {
  readonly file: string;
  readonly stack: string;
  readonly defaultFile: boolean;
}

const ONE_STATE_EACH =
  "each stack needs a state of its own (another key, path, workspace, or pg schema); deploying one would plan to destroy the other's objects";

/** No two inventory files keep their stacks' state in the same place. */
export const sharedState: CrossFileRule = {
  id: "shared-state",
  summary:
    "no two inventory files keep their state in the same place (backend and key, pg server, database and schema as lib/pq and PostgreSQL resolve them, or local file, the default one included, ignoring case); a pg place that only lib/pq's defaults make the same is a warning",
  check(files) {
    const problems: Problem[] = [];
    const first = new Map<string, Holder>();
    const firstWithDefaults = new Map<string, Holder>();
    for (const { inventory, source } of files) {
      const location = stateLocation(inventory);
      if (location === undefined) continue;
      const holder = {
        file: inventory.file,
        stack: inventory.stackName,
        defaultFile: inventory.backend === undefined,
      };
      const where = inventory.backend ? ["terraform", "backend"] : [];
      const other = first.get(location.key);
      const otherWithDefaults = firstWithDefaults.get(location.keyWithDefaults);
      const place = location.text === undefined ? "" : ` (${location.text})`;
      const stacks = `stack ${inventory.stackName}'s state where ${other?.file ?? otherWithDefaults?.file} keeps stack ${other?.stack ?? otherWithDefaults?.stack}'s${place}`;
      // Two default files meet only when the stack names do: stack-names reports that cause.
      if (other && !(other.defaultFile && holder.defaultFile)) {
        problems.push(
          source.problemAt(where, { message: `keeps ${stacks}`, hint: ONE_STATE_EACH }),
        );
      } else if (!other && otherWithDefaults) {
        problems.push(
          source.problemAt(where, {
            severity: "warning",
            message: `may keep ${stacks}: the same place when the environment gives lib/pq no PGHOST or PGDATABASE`,
            hint: "lib/pq fills what conn_str leaves out from PGHOST and PGDATABASE, else localhost and the user's name: write host and dbname in both, or give each stack a schema of its own",
          }),
        );
      }
      if (!first.has(location.key)) first.set(location.key, holder);
      if (!firstWithDefaults.has(location.keyWithDefaults)) {
        firstWithDefaults.set(location.keyWithDefaults, holder);
      }
    }
    return problems;
  },
};
