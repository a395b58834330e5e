import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { runCli } from "./run-cli";

const run = runCli;

const INVALID = "__tests__/fixtures/invalid";

test("exits 0 on the example inventories, one summary line per file", () => {
  const { code, stdout, stderr } = run("validate");
  expect(code).toBe(0);
  expect(stderr).toBe("");
  expect(stdout).toBe(
    "inventories/corp-east.yaml: ok, stack corp-east, 2 entry points, 4 servers\n" +
      "inventories/corp-west.yaml: ok, stack corp-west, 1 entry point, 2 servers\n",
  );
});

test("exits 1 on an invalid inventory and prints its problems as file:line:column", () => {
  const { code, stdout, stderr } = run("validate", `${INVALID}/prefix-host-bits.yaml`);
  expect(code).toBe(1);
  expect(stdout).toBe("");
  expect(stderr).toBe(
    `${INVALID}/prefix-host-bits.yaml:5:19: error: entryPoints[0].clientPrefix (east) has host bits set, got '2131:0:0:1001::/59'; did you mean 2131:0:0:1000::/59?\n`,
  );
});

test("exits 0 when there are only warnings", () => {
  const { code, stderr } = run("validate", "__tests__/fixtures/valid/isatap-single-server.yaml");
  expect(code).toBe(0);
  expect(stderr).toContain(": warning: ");
});

test("prints the problems as a JSON array with --format json", () => {
  const { code, stdout } = run("validate", "--format", "json", `${INVALID}/prefix-host-bits.yaml`);
  expect(code).toBe(1);
  expect(JSON.parse(stdout)).toEqual([
    {
      file: `${INVALID}/prefix-host-bits.yaml`,
      line: 5,
      column: 19,
      severity: "error",
      path: "entryPoints[0].clientPrefix",
      names: "east",
      message: "has host bits set",
      value: "2131:0:0:1001::/59",
      hint: "did you mean 2131:0:0:1000::/59?",
      rule: "prefix-host-bits",
      text: `${INVALID}/prefix-host-bits.yaml:5:19: error: entryPoints[0].clientPrefix (east) has host bits set, got '2131:0:0:1001::/59'; did you mean 2131:0:0:1000::/59?`,
    },
  ]);
});

test("checks files against each other", () => {
  const { code, stderr } = run(
    "validate",
    "__tests__/fixtures/cross-file/east.yaml",
    "__tests__/fixtures/cross-file/west.yaml",
    "__tests__/fixtures/cross-file/other-partition.yaml",
  );
  expect(code).toBe(1);
  expect(stderr.trimEnd().split("\n")).toEqual([
    "__tests__/fixtures/cross-file/west.yaml:1:7: error: name gives the stack name 'corp', which __tests__/fixtures/cross-file/east.yaml also has; stack names must be unique across inventory files; change name: in one of them",
    "__tests__/fixtures/cross-file/other-partition.yaml:9:19: error: entryPoints[0].clientPrefix (west) overlaps entryPoints[0].clientPrefix (2131:0:0:1000::/59) of __tests__/fixtures/cross-file/east.yaml on the same device (https://bigip-east.corp.example:443) and route domain 0: the most specific network virtual server takes the clients, whatever its partition, got '2131:0:0:1001::/64'; a client prefix belongs to one DA server; remove it from one of the files (another route domain only for a separate network)",
    "__tests__/fixtures/cross-file/west.yaml:7:19: warning: entryPoints[0].clientPrefix (west) overlaps entryPoints[0].clientPrefix (2131:0:0:1000::/59) of __tests__/fixtures/cross-file/east.yaml, which goes to another device (https://bigip-east.corp.example:443), got '2131:0:0:1001::/64'; the corporate routers send a client prefix to one device only: fine while a stack moves between devices; if both addresses reach one BIG-IP, give both inventories its bigip.deviceHostname to have them checked as one",
  ]);
});

test.each([
  [
    ["validate", "--format", "xml"],
    "da-manage-out validate: --format must be one of text, json, got 'xml'\n",
  ],
  [["validate", "--colour"], "da-manage-out validate: unknown option --colour"],
  [
    ["validate", "no/such/file.yaml"],
    "da-manage-out validate: cannot read no/such/file.yaml: does not exist\n",
  ],
  [["frobnicate"], "da-manage-out: unknown command 'frobnicate'"],
])("exits 2 on usage and I/O errors: %j", (args, message) => {
  const { code, stderr } = run(...args);
  expect(code).toBe(2);
  expect(stderr).toContain(message);
});

test("--help describes the command and exits 0", () => {
  const { code, stdout } = run("validate", "--help");
  expect(code).toBe(0);
  expect(stdout).toContain("Usage: da-manage-out validate [options] [files...]");
});

test("the installed bin runs validate without loading cdktf", () => {
  const probe = spawnSync(
    process.execPath,
    ["--require", "./__tests__/cli/report-loaded-cdktf.js", "bin/da-manage-out.js", "validate"],
    { encoding: "utf8" },
  );
  expect(probe.stdout).toBe(
    "inventories/corp-east.yaml: ok, stack corp-east, 2 entry points, 4 servers\n" +
      "inventories/corp-west.yaml: ok, stack corp-west, 1 entry point, 2 servers\n",
  );
  expect(probe.stderr).toBe("cdktf loaded: false\n");
  expect(probe.status).toBe(0);
});

test("exits 2 with a clear message where there is no inventories/ folder", () => {
  const cwd = process.cwd();
  process.chdir(tmpdir());
  try {
    expect(run("validate")).toEqual({
      code: 2,
      stdout: "",
      stderr: "da-manage-out validate: no inventory files given, and no inventories/ folder here\n",
    });
  } finally {
    process.chdir(cwd);
  }
});

test("without files, the folder DA_MANAGE_OUT_INVENTORIES names, as the app and the deploy read", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-folder-"));
  copyFileSync("inventories/corp-west.yaml", path.join(folder, "west.yaml"));
  process.env.DA_MANAGE_OUT_INVENTORIES = folder;
  try {
    expect(run("validate")).toEqual({
      code: 0,
      stdout: `${path.join(folder, "west.yaml")}: ok, stack corp-west, 1 entry point, 2 servers\n`,
      stderr: "",
    });
    rmSync(path.join(folder, "west.yaml"));
    expect(run("validate").stderr).toBe(
      `da-manage-out validate: no inventory files found in ${folder}/\n`,
    );
  } finally {
    delete process.env.DA_MANAGE_OUT_INVENTORIES;
    rmSync(folder, { recursive: true, force: true });
  }
});

test.each(readdirSync(INVALID).sort())(
  "exits 1 on the invalid fixture %s, in file:line:column form",
  (name) => {
    const { code, stderr } = run("validate", `${INVALID}/${name}`);
    expect(code).toBe(1);
    // Warnings may come first (printed in file order); at least one line is an error.
    expect(stderr).toMatch(
      new RegExp(`^${INVALID}/${name.replace(/\./g, "\\.")}:\\d+:\\d+: error: `, "m"),
    );
  },
);

test("a file that is not an inventory gets one error, not the YAML parser's view of it", () => {
  const { code, stderr } = run("validate", "README.md");
  expect(code).toBe(1);
  expect(stderr).toBe(
    "README.md:1:1: error: the file is not an inventory: its name does not end in .yaml, .yml or .json; give inventory files or a folder of them (default: inventories/); rename an inventory to .yaml\n",
  );
});
