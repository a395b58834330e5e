/**
 * `npm run synth` / `npm run cdktf --` (scripts/cdktf.cjs): invalid inventories are reported once,
 * plainly, and cdktf is not started (it would print each problem again in its failure summary,
 * behind a log prefix and colour codes).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { formatProblem, loadInventories } from "../../lib/inventory";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-wrapper-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

test.each(["synth", "diff", "deploy"])(
  "cdktf %s with an invalid inventory: each problem once, exit 1, cdktf not started",
  (command) => {
    const file = path.join(folder, "east.yaml");
    copyFileSync("__tests__/fixtures/invalid/cluster-node-length.yaml", file);
    const result = spawnSync(process.execPath, ["scripts/cdktf.cjs", command], {
      encoding: "utf8",
      env: { ...process.env, DA_MANAGE_OUT_INVENTORIES: folder },
    });
    const problems = loadInventories([file]).problems.map(formatProblem);
    expect(problems).toHaveLength(2);
    expect(result.stderr).toBe(
      [...problems, "da-manage-out: inventory errors, nothing synthesized"].join("\n") + "\n",
    );
    expect(result.stdout).toBe("");
    expect(result.status).toBe(1);
  },
);
