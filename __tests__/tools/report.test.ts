import { reportMarkdown } from "../../lib/tools/report";
import { CLUSTER_AND_BRANCH, validInventory } from "../stack-helpers";

const lab = validInventory(`name: lab\n${CLUSTER_AND_BRANCH}`);

test("lists changed settings above the table", () => {
  const changed = validInventory(
    `name: lab\n${CLUSTER_AND_BRANCH.replace("  vlans: [/Common/internal]\n", "  vlans: [/Common/internal]\n  routeDomain: 2\n")}`,
  );
  const report = reportMarkdown([changed], { ref: "main", inventories: [lab], unreadable: [] });
  expect(report).toContain("Settings changed: routeDomain: (none) → `2`.");
  expect(report).toContain("Compared with `main`: 0 servers added, 0 removed, 0 modified.");
});

test("marks a new stack and a removed stack", () => {
  const other = validInventory(`name: other\n${CLUSTER_AND_BRANCH}`, "inventories/other.yaml");
  const report = reportMarkdown([other], { ref: "main", inventories: [lab], unreadable: [] });
  expect(report).toContain("## other (new stack)");
  expect(report).toContain("## lab (stack removed)");
  expect(report).toContain(
    "`inventories/lab.yaml` is gone; its objects stay on the BIG-IP until `npm run destroy -- lab` runs on the base revision.",
  );
  expect(report).toContain("Compared with `main`: 4 servers added, 4 removed, 0 modified.");
});

test("says which base files could not be compared", () => {
  const report = reportMarkdown([lab], {
    ref: "main",
    inventories: [],
    unreadable: ["inventories/broken.yaml"],
  });
  expect(report).toContain(
    "> Not compared: `inventories/broken.yaml` at `main` is not a valid inventory.",
  );
});
