/** Files the tools write are whole or untouched. */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { writeFileAtomically } from "../../lib/io/write-file-atomically";
import { runCli } from "../cli/run-cli";

let work: string;
beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-write-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("replaces the file's whole content and leaves no temporary file", () => {
  const target = path.join(work, "inventory.yaml");
  writeFileSync(target, "old\n");
  writeFileAtomically(target, "new\n");
  expect(readFileSync(target, "utf8")).toBe("new\n");
  expect(readdirSync(work)).toEqual(["inventory.yaml"]);
});

test("keeps the permissions of the file it replaces", () => {
  const target = path.join(work, "inventory.yaml");
  writeFileSync(target, "old\n");
  chmodSync(target, 0o640);
  writeFileAtomically(target, "new\n");
  expect(statSync(target).mode & 0o777).toBe(0o640);
});

test("a failed write throws and leaves the target and its folder as they were", () => {
  const target = path.join(work, "inventory.yaml");
  mkdirSync(target);
  expect(() => writeFileAtomically(target, "new\n")).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
  expect(readdirSync(work)).toEqual(["inventory.yaml"]);
  expect(readdirSync(target)).toEqual([]);
});

test("an I/O error of a command is one line and exit 2, not a stack trace", () => {
  // /proc accepts no new files: the write fails after every usage check passed.
  const facts = path.resolve("__tests__/fixtures/facts/cluster-and-branch/da-leeds-1.json");
  const result = runCli("import-facts", "--out", "/proc/da-manage-out-test.yaml", facts);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(
    /^da-manage-out import-facts: cannot open \/proc\/\.da-manage-out-test\.yaml\.\d+\.tmp: E[A-Z]+\n$/,
  );
});
