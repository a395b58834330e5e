/**
 * Files a pull request can plant: links out of the repository, FIFOs, devices, and values that
 * would repaint a terminal line. Nothing is followed out, nothing hangs, no content is echoed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { showValue } from "../../lib/io/show-value";
import { runCli } from "../cli/run-cli";

let work: string;
beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-hostile-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("a link out of the repository is not followed, and its target's content is not printed", () => {
  writeFileSync(path.join(work, "secret"), "ghp_0123456789abcdefSECRET\n");
  const link = path.join(work, "lab.yaml");
  symlinkSync(path.join(work, "secret"), link);
  const result = runCli("validate", link);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("is a link that leaves the repository; it is not followed");
  expect(result.stdout + result.stderr).not.toContain("ghp_");
});

test("a link to a device is refused without reading it", () => {
  const link = path.join(work, "zero.yaml");
  symlinkSync("/dev/zero", link);
  expect(runCli("validate", link)).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("is a link that leaves the repository"),
  });
});

test("a FIFO is refused at once instead of hanging", () => {
  const fifo = path.join(work, "pipe.yaml");
  execFileSync("mkfifo", [fifo]);
  expect(runCli("validate", fifo)).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("is not a regular file (a FIFO)"),
  });
});

test("a link inside the repository is followed", () => {
  const link = path.join(work, "corp-east.yaml");
  symlinkSync(path.resolve("inventories/corp-east.yaml"), link);
  expect(runCli("validate", link).code).toBe(0);
});

test("control and invisible characters in values are escaped and named", () => {
  const file = path.join(work, "lab.yaml");
  writeFileSync(
    file,
    `bigip: { vlans: [/Common/internal] }
entryPoints:
  - name: "east\\r\\u001b[2Kall good"
    clientPrefix: "2001:db8:8000:1000::/64"
    servers: [{ name: da-1, internalAddress: "2001:db8:10::11\\u00a0" }]
`,
  );
  const result = runCli("validate", file);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("east<U+000D CARRIAGE RETURN><U+001B ESCAPE>[2Kall good");
  expect(result.stderr).toContain("2001:db8:10::11<U+00A0 NO-BREAK SPACE>");
  for (const raw of ["\r", "\u001b", "\u00a0"]) expect(result.stderr).not.toContain(raw);
});

test("long values are shortened, saying how much was left out", () => {
  expect(showValue("x".repeat(130))).toBe(`${"x".repeat(120)}… (10 more characters)`);
  expect(showValue("plain value")).toBe("plain value");
});

test("report keeps a hostile file name inside its code span", () => {
  const file = path.join(work, "a`b <img src=x> **bold**.yaml");
  writeFileSync(
    file,
    `name: lab
bigip: { vlans: [/Common/internal] }
entryPoints:
  - name: lab
    clientPrefix: "2001:db8:a000:1000::/64"
    servers: [{ name: da-lab-1, internalAddress: "2001:db8:40::11" }]
`,
  );
  const result = runCli("report", file);
  expect(result.code).toBe(0);
  const line = result.stdout.split("\n").find((text) => text.includes("**bold**"))!;
  // One code span, opened and closed by a fence longer than the backtick inside.
  expect(line.startsWith(`\`\` ${file}`) || line.startsWith(`\`\`${file}`)).toBe(true);
  expect(line).toContain(`${file}\`\``);
});

describe("stack names across files", () => {
  const inventory = (name: string, prefix: string, host = "bigip-a.corp.example") => `name: ${name}
bigip: { host: ${host}, vlans: [/Common/internal] }
entryPoints:
  - name: lab
    clientPrefix: "${prefix}"
    servers: [{ name: da-lab-1, internalAddress: "2001:db8:40::11" }]
`;

  test("names that differ only in case collide", () => {
    writeFileSync(path.join(work, "a.yaml"), inventory("corp-east", "2001:db8:a000:1000::/64"));
    writeFileSync(
      path.join(work, "b.yaml"),
      inventory("Corp-East", "2001:db8:b000:1000::/64", "bigip-b.corp.example"),
    );
    const result = runCli("validate", path.join(work, "a.yaml"), path.join(work, "b.yaml"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "gives the stack name 'Corp-East', which " +
        path.join(work, "a.yaml") +
        " also has as 'corp-east' (names that differ only in case collide on macOS and Windows file systems)",
    );
  });

  test("a stack name too long for a folder and a state file is refused", () => {
    const file = path.join(work, "long.yaml");
    writeFileSync(file, inventory(`a${"b".repeat(299)}`, "2001:db8:a000:1000::/64"));
    expect(runCli("validate", file)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("name gives a stack name of 300 characters, more than 100"),
    });
  });
});

describe("state shared across files", () => {
  const inventory = (name: string, prefix: string, backend: string) => `name: ${name}
bigip: { host: bigip-${name}.corp.example, vlans: [/Common/internal] }
${backend}
entryPoints:
  - name: lab
    clientPrefix: "${prefix}"
    servers: [{ name: da-lab-1, internalAddress: "2001:db8:40::11" }]
`;
  const s3 = (key: string) =>
    `terraform:\n  backend: { type: s3, bucket: state, key: ${key}, region: eu-west-1 }`;

  test.each([
    ["the same s3 bucket and key", s3("shared.tfstate"), s3("shared.tfstate"), 1],
    [
      "the same local path",
      "terraform:\n  backend: { type: local, path: shared.tfstate }",
      "terraform:\n  backend: { type: local, path: ./shared.tfstate }",
      1,
    ],
    ["different s3 keys", s3("a.tfstate"), s3("b.tfstate"), 0],
    [
      "a path that differs only in case (one file on macOS and Windows)",
      "terraform:\n  backend: { type: local, path: state/Lab.tfstate }",
      "terraform:\n  backend: { type: local, path: state/lab.tfstate }",
      1,
    ],
    [
      "an explicit path that is the other stack's default state file",
      "",
      "terraform:\n  backend: { type: local, path: ./terraform.stack-a.tfstate }",
      1,
    ],
    ["two default state files", "", "", 0],
  ])("%s", (_, first, second, code) => {
    writeFileSync(
      path.join(work, "a.yaml"),
      inventory("stack-a", "2001:db8:a000:1000::/64", first),
    );
    writeFileSync(
      path.join(work, "b.yaml"),
      inventory("stack-b", "2001:db8:b000:1000::/64", second),
    );
    const result = runCli("validate", path.join(work, "a.yaml"), path.join(work, "b.yaml"));
    expect(result.code).toBe(code);
    if (code === 1) {
      expect(result.stderr).toContain(
        `terraform.backend keeps stack stack-b's state where ${path.join(work, "a.yaml")} keeps stack stack-a's; each stack needs a state of its own`,
      );
    }
  });
});

test("a folder turned into a link out of the repository is not followed either", () => {
  writeFileSync(path.join(work, "config.json"), '{ "name": "ghp_0123456789abcdefSECRET" }\n');
  // A link inside the repository (the working directory), as a pull request would add it.
  const folder = `.hostile-folder-link-${process.pid}`;
  symlinkSync(work, folder);
  try {
    const result = runCli("validate", path.join(folder, "config.json"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a link that leaves the repository; it is not followed");
    expect(result.stdout + result.stderr).not.toContain("ghp_");
  } finally {
    rmSync(folder);
  }
});
