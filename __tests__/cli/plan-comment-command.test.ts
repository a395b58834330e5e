/**
 * `plan-comment` over a real plan (`__tests__/fixtures/plans/`: corp-east deployed against the fake
 * BIG-IP with Terraform and the real provider, then da-east-2's prefix changed and the branch
 * entry point removed; Terraform said "Plan: 1 to add, 2 to change, 7 to destroy.").
 */
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { codeBlock, inlineCode } from "../../lib/tools/markdown";
import { runCli } from "./run-cli";

const FIXTURES = path.join(__dirname, "..", "fixtures", "plans");
let plans: string;

beforeEach(() => {
  plans = mkdtempSync(path.join(tmpdir(), "da-manage-out-plans-"));
  for (const file of ["corp-east.json", "corp-east.txt"]) {
    copyFileSync(path.join(FIXTURES, file), path.join(plans, file));
  }
});

afterEach(() => rmSync(plans, { recursive: true, force: true }));

test("calls out the destroyed and replaced virtual servers first, then counts as Terraform does", () => {
  writeFileSync(path.join(plans, "report.md"), "# DirectAccess Manage Out\n");
  const { code, stdout } = runCli(
    "plan-comment",
    "--plans",
    plans,
    "--report",
    path.join(plans, "report.md"),
  );
  expect(code).toBe(0);
  const lines = stdout.split("\n");
  expect(lines[0]).toBe("<!-- da-manage-out plan -->");
  expect(stdout).toContain(
    [
      "- `corp-east`: `/Common/da_mo_branch-leeds_da-leeds-1_vs` destroyed",
      "- `corp-east`: `/Common/da_mo_east_da-east-2_vs` replaced",
    ].join("\n"),
  );
  // The device comes from the stack's inventory in inventories/.
  expect(stdout).toContain(
    "| `corp-east` | `https://bigip-east.corp.example:443` | 1 | 2 | 7 | 0 |",
  );
  expect(stdout).toContain("# DirectAccess Manage Out\n");
  expect(stdout).toContain("<details><summary>Plan of corp-east</summary>");
  expect(stdout).toContain("Plan: 1 to add, 2 to change, 7 to destroy.");
  expect(stdout.indexOf("destroyed")).toBeLessThan(stdout.indexOf("| stack |"));
});

test("no plans: says that no stack changed", () => {
  rmSync(path.join(plans, "corp-east.json"));
  expect(runCli("plan-comment", "--plans", plans).stdout).toContain("No stack changed.");
});

test("a missing folder or plan text is a usage error", () => {
  expect(runCli("plan-comment", "--plans", path.join(plans, "nothing")).code).toBe(2);
  rmSync(path.join(plans, "corp-east.txt"));
  expect(runCli("plan-comment", "--plans", plans)).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("cannot read"),
  });
});

test.each([
  ["not JSON", "{", "corp-east.json is not JSON from terraform show -json\n"],
  ["a list", "[[[]]]", "(top): invalid input: expected object, received array"],
  ["without format_version", "{}", "format_version: invalid input: expected string"],
  [
    "resource changes of the wrong shape",
    '{"format_version":"1.2","resource_changes":[{"address":"a","type":"t","change":{"actions":"delete"}}]}',
    "resource_changes[0].change.actions: invalid input: expected array, received string",
  ],
])("a plan file that is %s: one line naming what is wrong, exit 2", (_, json, message) => {
  writeFileSync(path.join(plans, "corp-east.json"), json);
  const result = runCli("plan-comment", "--plans", plans);
  expect(result).toMatchObject({ code: 2, stdout: "" });
  expect(result.stderr).toContain(message);
  expect(result.stderr.split("\n")).toHaveLength(2);
});

test("values cannot break out of their code span or block", () => {
  expect(inlineCode("a`b")).toBe("``a`b``");
  expect(inlineCode("`x")).toBe("`` `x ``");
  const block = codeBlock("before\n```\n# heading\n```\nafter");
  expect(block.split("\n")[0]).toBe("````text");
  expect(block.split("\n").at(-1)).toBe("````");
});

test("a plan file that is a link out of the repository is not followed", () => {
  rmSync(path.join(plans, "corp-east.txt"));
  symlinkSync("/etc/hostname", path.join(plans, "corp-east.txt"));
  expect(runCli("plan-comment", "--plans", plans)).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("corp-east.txt: is a link that leaves the repository"),
  });
});
