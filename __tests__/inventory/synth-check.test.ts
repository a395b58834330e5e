/**
 * The one check of the inventories before a synth (lib/inventory/synth-check.ts), used by the app
 * and by `da-manage-out cdktf`.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { checkInventoriesForSynth, formatProblem, loadInventories } from "../../lib/inventory";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-synth-check-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

test("valid inventories: their inventories, nothing to say", () => {
  copyFileSync("inventories/corp-east.yaml", path.join(folder, "corp-east.yaml"));
  const check = checkInventoriesForSynth(folder);
  expect([check.failed, check.messages]).toEqual([false, []]);
  expect(check.inventories.map((inventory) => inventory.stackName)).toEqual(["corp-east"]);
});

test("an invalid inventory: each problem, then nothing synthesized", () => {
  const file = path.join(folder, "east.yaml");
  copyFileSync("__tests__/fixtures/invalid/cluster-node-length.yaml", file);
  const problems = loadInventories([file]).problems.map(formatProblem);
  expect(checkInventoriesForSynth(folder)).toEqual({
    inventories: [],
    messages: [...problems, "da-manage-out: inventory errors, nothing synthesized"],
    failed: true,
  });
});

test("no folder: nothing synthesized", () => {
  expect(checkInventoriesForSynth(path.join(folder, "none"))).toEqual({
    inventories: [],
    messages: [
      `da-manage-out: no inventory folder ${path.join(folder, "none")}/, nothing synthesized`,
    ],
    failed: true,
  });
});
