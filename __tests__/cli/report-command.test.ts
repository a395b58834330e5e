import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CLUSTER_AND_BRANCH } from "../stack-helpers";
import { runCli } from "./run-cli";

test("summarizes the example inventories: tables and diagrams", () => {
  const { code, stdout, stderr } = runCli("report");
  expect([code, stderr]).toEqual([0, ""]);
  expect(stdout).toMatchSnapshot();
});

const IDENTITY = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"];

describe("--base", () => {
  const BIN = path.resolve("bin/da-manage-out.js");
  const BASE = `name: lab\n${CLUSTER_AND_BRANCH}`;
  let repo: string;

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), "da-manage-out-report-"));
    mkdirSync(path.join(repo, "inventories"));
    writeFileSync(path.join(repo, "inventories", "lab.yaml"), BASE);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git(
      "-c",
      "user.name=test",
      "-c",
      "user.email=test@example.invalid",
      "commit",
      "-q",
      "-m",
      "base",
    );
    // The change under review: da-east-4 added, da-east-3 removed, da-east-2's prefix changed.
    const changed = BASE.replace(
      '      - { name: da-east-3, internalAddress: "2001:db8:10::13", clientPrefix: "2131:0:0:1002::/64" }\n',
      '      - { name: da-east-4, internalAddress: "2001:db8:10::14", clientPrefix: "2131:0:0:1004::/64" }\n',
    ).replace('clientPrefix: "2131:0:0:1001::/64"', 'clientPrefix: "2131:0:0:1003::/64"');
    writeFileSync(path.join(repo, "inventories", "lab.yaml"), changed);
    // A commit without inventories/, as the first commit of a repository or a bare setup branch.
    const tree = execFileSync("git", ["mktree"], { cwd: repo, input: "", encoding: "utf8" }).trim();
    const commit = execFileSync(
      "git",
      [
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.invalid",
        "commit-tree",
        tree,
        "-m",
        "empty",
      ],
      { cwd: repo, encoding: "utf8" },
    ).trim();
    git("tag", "empty", commit);
    // A commit whose inventories/ holds a link to a file outside and a submodule.
    const run = (args: string[], input = "") =>
      execFileSync("git", args, { cwd: repo, input, encoding: "utf8" }).trim();
    const target = run(["hash-object", "-w", "--stdin"], "/etc/passwd");
    const inventories = run(
      ["mktree"],
      `120000 blob ${target}\tlink.yaml\n160000 commit ${commit}\tsub.yaml\n`,
    );
    const root = run(["mktree"], `040000 tree ${inventories}\tinventories\n`);
    git("tag", "odd", run([...IDENTITY, "commit-tree", root, "-m", "odd"]));
  });

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  function report(...args: string[]) {
    return spawnSync(process.execPath, [BIN, "report", ...args], { cwd: repo, encoding: "utf8" });
  }

  test("shows an added server, a removed server and a changed prefix", () => {
    const result = report("--base", "HEAD");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "# DirectAccess Manage Out",
        "",
        "Compared with `HEAD`: 1 server added, 1 removed, 1 modified.",
        "",
        "## lab",
        "",
        "`inventories/lab.yaml` · partition Common · VLANs /Common/internal",
        "",
        "| change | entry point | server | client prefix | internal address | pool | virtual server |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "|  | branch | da-branch-1 | `2131:0:0:2000::/64` | `2001:db8:20::11` | `/Common/da_mo_branch_da-branch-1_pool` | `/Common/da_mo_branch_da-branch-1_vs` |",
        "|  | east | da-east-1 | `2131:0:0:1000::/64` | `2001:db8:10::11` | `/Common/da_mo_east_da-east-1_pool` | `/Common/da_mo_east_da-east-1_vs` |",
        "| modified | east | da-east-2 | `2131:0:0:1001::/64` → `2131:0:0:1003::/64` | `2001:db8:10::12` | `/Common/da_mo_east_da-east-2_pool` | `/Common/da_mo_east_da-east-2_vs` |",
        "| removed | east | da-east-3 | `2131:0:0:1002::/64` | `2001:db8:10::13` | `/Common/da_mo_east_da-east-3_pool` | `/Common/da_mo_east_da-east-3_vs` |",
        "| added | east | da-east-4 | `2131:0:0:1004::/64` | `2001:db8:10::14` | `/Common/da_mo_east_da-east-4_pool` | `/Common/da_mo_east_da-east-4_vs` |",
        "",
        "```mermaid",
        "flowchart LR",
        '  corp(["Corporate network"]) --> bigip["BIG-IP lab"]',
        '  bigip --> vs0["/Common/da_mo_branch_da-branch-1_vs<br/>2131:0:0:2000::/64"]',
        '  vs0 --> da0["da-branch-1<br/>2001:db8:20::11"]',
        '  bigip --> vs1["/Common/da_mo_east_da-east-1_vs<br/>2131:0:0:1000::/64"]',
        '  vs1 --> da1["da-east-1<br/>2001:db8:10::11"]',
        '  bigip --> vs2["/Common/da_mo_east_da-east-2_vs<br/>2131:0:0:1003::/64"]',
        '  vs2 --> da2["da-east-2<br/>2001:db8:10::12"]',
        '  bigip --> vs3["/Common/da_mo_east_da-east-4_vs<br/>2131:0:0:1004::/64"]',
        '  vs3 --> da3["da-east-4<br/>2001:db8:10::14"]',
        "```",
        "",
      ].join("\n"),
    );
  });

  test("a base without inventories/: every server is added", () => {
    const result = report("--base", "empty");
    expect([result.status, result.stderr]).toEqual([0, ""]);
    expect(result.stdout.split("\n").slice(0, 5)).toEqual([
      "# DirectAccess Manage Out",
      "",
      "Compared with `empty`: 4 servers added, 0 removed, 0 modified.",
      "",
      "## lab (new stack)",
    ]);
  });

  test("a link or a submodule in the base's inventories/ is not followed, only named", () => {
    const result = report("--base", "odd");
    expect([result.status, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).not.toContain("root:");
    expect(result.stdout).toContain(
      "> Not compared: `inventories/link.yaml` at `odd` is not a valid inventory.",
    );
    expect(result.stdout).toContain(
      "> Not compared: `inventories/sub.yaml` at `odd` is not a valid inventory.",
    );
  });

  test("a ref that looks like an option never reaches git", () => {
    const result = report("--base=--output=written-by-git");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "da-manage-out report: '--output=written-by-git' is not a commit of this repository\n",
    );
    expect(existsSync(path.join(repo, "written-by-git"))).toBe(false);
  });

  test("exits 2 on a ref that is not a commit", () => {
    const result = report("--base", "no-such-branch");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "da-manage-out report: 'no-such-branch' is not a commit of this repository\n",
    );
  });
});
