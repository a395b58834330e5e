/**
 * `npm run synth` / `npm run cdktf --` (`da-manage-out cdktf`, lib/cli/cdktf-command.ts): invalid inventories are reported once,
 * plainly, and cdktf is not started (it would print each problem again in its failure summary,
 * behind a log prefix and colour codes).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
    const result = spawnSync(process.execPath, ["bin/da-manage-out.js", "cdktf", command], {
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

test("DA_MANAGE_OUT_ENGINE=cdktn runs the cdktn CLI (on Node >= 22.19, installed from npm if need be)", () => {
  const output = path.join(folder, "cdktf.out");
  const result = spawnSync(
    process.execPath,
    ["bin/da-manage-out.js", "cdktf", "synth", "--output", output],
    {
      encoding: "utf8",
      env: { ...process.env, DA_MANAGE_OUT_ENGINE: "cdktn" },
      timeout: 120_000,
    },
  );

  expect(result.stdout).toContain("Generated Terraform code for the stacks: corp-east, corp-west");
  expect(result.status).toBe(0);
  const stack = JSON.parse(
    readFileSync(path.join(output, "stacks", "corp-east", "cdk.tf.json"), "utf8"),
  );
  expect(stack["//"].metadata.version).toBe("0.24.0");
}, 120_000);

test("an unknown DA_MANAGE_OUT_ENGINE is refused before any CLI starts", () => {
  const result = spawnSync(process.execPath, ["bin/da-manage-out.js", "cdktf", "synth"], {
    encoding: "utf8",
    env: { ...process.env, DA_MANAGE_OUT_ENGINE: "tofu" },
  });

  expect(result.stderr).toBe(
    "da-manage-out: DA_MANAGE_OUT_ENGINE must be one of cdktf, cdktn, got 'tofu'\n",
  );
  expect(result.status).toBe(2);
});

describe("the Node each engine's CLI runs on", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runsOn } = require("../../scripts/engine.cjs");

  test.each([
    ["cdktf", "20.19.0", true],
    ["cdktf", "22.23.3", true],
    // cdktf-cli's node-pty has prebuilt binaries up to ABI 127 (Node 22) only.
    ["cdktf", "24.21.0", false],
    ["cdktf", "26.10.0", false],
    // cdktn-cli needs util.markAsUncloneable (Node 22.19).
    ["cdktn", "20.20.2", false],
    ["cdktn", "22.18.0", false],
    ["cdktn", "22.19.0", true],
    ["cdktn", "24.21.0", true],
    ["cdktn", "26.10.0", true],
  ])("%s on Node %s: %s", (engine, version, expected) => {
    expect(runsOn(engine, version)).toBe(expected);
  });

  test("node-pty's prebuilt binaries stop at Node 22's ABI, as runsOn assumes", () => {
    const prebuilds = path.join(
      "node_modules",
      "@cdktf",
      "node-pty-prebuilt-multiarch",
      "prebuilds",
      "linux-x64",
    );
    const abis = readdirSync(prebuilds).map((file) => Number(/abi(\d+)/.exec(file)?.[1]));
    // Node 22's ABI is 127, Node 23's 131: a newer cdktf-cli would need runsOn changed.
    expect(Math.max(...abis)).toBe(127);
  });
});
