import { readFileSync } from "node:fs";
import { runCli, runCliAsync } from "./run-cli";

const COMMANDS = [
  "validate",
  "import-facts",
  "explain",
  "routes",
  "report",
  "adopt",
  "changes",
  "plan-comment",
  "doctor",
  "audit",
  "sync-status",
];

test.each(COMMANDS)("%s --help prints its usage and exits 0", (command) => {
  const { code, stdout, stderr } = runCli(command, "--help");
  expect([code, stderr]).toEqual([0, ""]);
  expect(stdout).toMatch(new RegExp(`^Usage: da-manage-out ${command} `));
  expect(stdout).toContain("Exit codes:");
});

test("the command list names every command", () => {
  const { code, stdout } = runCli("--help");
  expect(code).toBe(0);
  for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
});

test("no command at all is a usage error", () => {
  expect(runCli().code).toBe(2);
});

test("an unknown option is a usage error with the option named and the closest one suggested", () => {
  expect(runCli("routes", "--colour")).toMatchObject({
    code: 2,
    stderr:
      "da-manage-out routes: unknown option --colour (da-manage-out routes --help lists the options)\n",
  });
  expect(runCli("validate", "--frmat", "json")).toMatchObject({
    code: 2,
    stderr:
      "da-manage-out validate: unknown option --frmat; did you mean --format? (da-manage-out validate --help lists the options)\n",
  });
});

test("a usage error of a device command is found before any connection: exit 2", async () => {
  const saved = process.env.BIGIP_HOST;
  process.env.BIGIP_HOST = "http://127.0.0.1:9";
  try {
    expect(await runCliAsync("audit", "--format", "xml")).toMatchObject({
      code: 2,
      stderr: "da-manage-out audit: --format must be one of text, json, got 'xml'\n",
    });
  } finally {
    if (saved === undefined) delete process.env.BIGIP_HOST;
    else process.env.BIGIP_HOST = saved;
  }
});

test.each(["--version", "-V"])("%s prints the package version", (flag) => {
  const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  expect(runCli(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
});

test("help <command> prints that command's help, and -v the version, as git and npm do", () => {
  expect(runCli("help", "validate")).toMatchObject({
    code: 0,
    stdout: expect.stringMatching(/^Usage: da-manage-out validate /),
  });
  expect(runCli("-v")).toEqual(runCli("--version"));
});

test("a folder on the command line stands for its inventory files", () => {
  const result = runCli("validate", "inventories");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("inventories/corp-east.yaml: ok");
  expect(runCli("validate", "docs")).toMatchObject({
    code: 2,
    stderr: "da-manage-out validate: no inventory files (.yaml, .yml, .json) in the folder docs\n",
  });
});
