import { runCli } from "./run-cli";

const COMMANDS = ["validate", "import-facts", "explain", "routes", "report", "adopt"];

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

test("an unknown option is a usage error with the option named", () => {
  expect(runCli("routes", "--colour")).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("'--colour'"),
  });
});
