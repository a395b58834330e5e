/**
 * The hostile-input suite: every fixture under `__tests__/fixtures/hostile/` holds one thing a pull
 * request could plant, and goes through `validate`, every command that reads inventories and the
 * cdktf app (what `npm run synth` runs). Refused input ends in one located error and the same exit
 * code everywhere, with nothing synthesized; accepted input synthesizes. Nothing ever prints a
 * control character, a stack trace or a secret.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli, type CliResult } from "./cli/run-cli";

const HOSTILE = path.join("__tests__", "fixtures", "hostile");
const REFUSED_DIR = path.join(HOSTILE, "refused");

/** Fixture, and the start of the one error it must give (after `<file>:`). */
const REFUSED: [string, string][] = [
  [
    "adopted-generated-name.yaml",
    "13:36: error: entryPoints[0].servers[1].existing.virtualServer (east/da-east-2) is the name of the virtual server entryPoints[0].servers[0] (da-east-1) creates",
  ],
  [
    "backend-secret-key.yaml",
    "4:74: error: terraform.backend.secret_key is a secret, and inventories are committed to git, got '(hidden)'",
  ],
  [
    "backend-pem-private-key.yaml",
    "7:34: error: terraform.backend.impersonate_service_account holds a private key (PEM), and inventories are committed to git, got '(hidden)'",
  ],
  [
    "backend-url-password.yaml",
    "4:35: error: terraform.backend.address holds a password in a URL (user:password@), and inventories are committed to git, got '(hidden)'",
  ],
  ["binary-junk.yaml", "1:1: error: the file is not a UTF-8 text file"],
  [
    "backend-token-marker.yaml",
    "4:32: error: terraform.backend.bucket holds ${, %{, #{ or TfToken[, which cdktf or Terraform would read as a reference or an expression, not as text, got '(hidden)'; write the value itself; an inventory holds plain values only",
  ],
  [
    "state-path-in-inventories.yaml",
    "4:33: error: terraform.backend.path lies in the inventories folder, got 'inventories/lab.tfstate'; Terraform would write its state among the inventories (and over one of the same name); keep state files elsewhere, e.g. state/lab.tfstate",
  ],
  [
    "whole-file-private-key.yaml",
    "1:1: error: the inventory must be a map, got '(hidden: it looks like a key or certificate)'",
  ],
  [
    "backend-bidi-override.yaml",
    "4:32: error: terraform.backend.bucket holds a control, invisible or bidirectional formatting character, which would make it read otherwise than Terraform uses it, got '(hidden)'",
  ],
  [
    "ipv4-tail-leading-zero.yaml",
    "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) has an IPv4 part with a leading zero, which tools read differently (020 as 20 or as octal 16), got '2001:db8:10::5efe:10.020.0.011'",
  ],
  [
    "stack-named-constructor.yaml",
    "1:7: error: name gives the stack name 'constructor', a name every JavaScript object has: cdktf keeps stacks by name in plain objects and cannot synthesize it; give name: another value (entry points and servers may have this name)",
  ],
  [
    "host-zone-id.yaml",
    "2:9: error: bigip.host has a zone id (the part after %), which names a network interface of the machine that connects, not the device, got 'fe80::1%eth0'; give the device's host name or a global or unique local address, which need no zone id, e.g. bigip-east.corp.example, https://bigip-east.corp.example:8443 or 2001:db8::5",
  ],
  [
    "host-unspecified-ipv4.yaml",
    "2:9: error: bigip.host is the unspecified address 0.0.0.0, which names no device (a connection to it reaches the machine that connects), got '0.0.0.0'; give the device's management address, e.g. bigip-east.corp.example, https://bigip-east.corp.example:8443 or 2001:db8::5",
  ],
  [
    "host-unspecified-ipv6.yaml",
    "2:9: error: bigip.host is the unspecified address ::, which names no device (a connection to it reaches the machine that connects), got 'https://[::]:443'; give the device's management address, e.g. bigip-east.corp.example, https://bigip-east.corp.example:8443 or 2001:db8::5",
  ],
  [
    "host-hex-ipv4.yaml",
    "2:9: error: bigip.host is an IPv4 address not written as four decimal numbers, which tools read as different hosts (Node reads 10.20.0.5), got '0x0a.20.0.5'; write four decimal numbers without leading zeros, 10.20.0.5 if that is the device",
  ],
  [
    "host-octal-ipv4.yaml",
    "2:9: error: bigip.host is an IPv4 address not written as four decimal numbers, which tools read as different hosts (Node reads 10.20.0.5), got '012.20.0.5'; write four decimal numbers without leading zeros, 10.20.0.5 if that is the device",
  ],
  [
    "host-short-ipv4.yaml",
    "2:9: error: bigip.host is an IPv4 address not written as four decimal numbers, which tools read as different hosts (Node reads 10.20.0.5), got '10.20.5'; write four decimal numbers without leading zeros, 10.20.0.5 if that is the device",
  ],
  [
    "host-url-password.yaml",
    "2:9: error: bigip.host holds a user name or password, and inventories are committed to git, got '(hidden)'",
  ],
  [
    "credentials-variable-holds-password.yaml",
    "3:67: error: bigip.credentials.passwordVariable must name a Terraform variable (letters, digits and '_', at most 64), not hold a value, got '(hidden)'",
  ],
  [
    "binary-tag.yaml",
    "4:20: error: the tag !!binary is not read: the value after it would be taken as plain text; write the value itself, without a tag",
  ],
  [
    "yaml-1-1-directive.yaml",
    "1:1: error: the directive %YAML 1.1 asks for another YAML, which reads values differently (010 as 8, yes as true, << as a merge); remove the directive: inventories are read as YAML 1.2",
  ],
  [
    "leading-zero-route-domain.yaml",
    "3:16: error: the number 010 is written with a leading zero or in octal: this tool reads 10, YAML 1.1 tools read it otherwise; write 10",
  ],
  [
    "unknown-tag.yaml",
    "4:37: error: the tag !env is not read: the value after it would be taken as plain text; write the value itself, without a tag",
  ],
  [
    "json-duplicate-key.json",
    "11:13: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) appears twice in one JSON object (first at 10:11)",
  ],
  [
    "json-trailing-comma.json",
    "4:137: error: the file is not valid JSON (Expected double-quoted property name); a .json inventory is strict JSON: no comments, no trailing commas, keys in double quotes; or name the file .yaml",
  ],
  [
    "broken-yaml.yaml",
    "5:1: error: the line is indented 3 spaces, which matches no level of the lines above (2 or 4 nearby)",
  ],
  [
    "broken.json",
    "2:1: error: the file is not valid JSON (Unexpected end of JSON input); a .json inventory is strict JSON: no comments, no trailing commas, keys in double quotes; or name the file .yaml",
  ],
  ["comment-only.yaml", "1:1: error: the inventory file is empty"],
  [
    "control-characters-in-name.yaml",
    "7:15: error: entryPoints[0].servers[0].name (east) is not a valid BIG-IP name, got 'da<U+000D CARRIAGE RETURN><U+001B ESCAPE>[2K<U+001B ESCAPE>[32mvalid'",
  ],
  ["deep-block-sequence.yaml", "1:1: error: nests deeper than 64 levels"],
  ["deep-complex-keys.yaml", "1:1: error: nests deeper than 64 levels"],
  ["deep-flow-collections.yaml", "1:1: error: nests deeper than 64 levels"],
  ["duplicate-key.yaml", "3:1: error: bigip appears twice in one map (first at 1:1)"],
  ["empty-vlans.yaml", "2:10: error: bigip.vlans must list at least 1 item"],
  ["empty.yaml", "1:1: error: the inventory file is empty"],
  [
    "ipv4-mapped-internal-address.yaml",
    "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) must not be an IPv4-mapped address",
  ],
  [
    "link-local-client-prefix.yaml",
    "5:19: error: entryPoints[0].clientPrefix (east) is a link-local prefix (fe80::/10), which never leaves its link",
  ],
  ["list-as-key.yaml", "3:3: error: a key is a list or a map"],
  [
    "markdown-in-vlan.yaml",
    "2:11: error: bigip.vlans[0] must be a full path, got '/Common/**x**<img src=x onerror=alert(1)>'",
  ],
  [
    "nat64-internal-address.yaml",
    "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) is not the DA server's own IPv6 address",
  ],
  [
    "newline-in-adopted-pool.yaml",
    "9:27: error: entryPoints[0].servers[0].existing.pool (east/da-east-1) must be a full path, got '/Common/p<U+000A LINE FEED>  delete ltm pool all'",
  ],
  [
    "no-break-space-in-address.yaml",
    "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) is not an IPv6 address, got '2001:db8:10::11<U+00A0 NO-BREAK SPACE>'",
  ],
  ["path-in-stack-name.yaml", "1:7: error: name is not a valid BIG-IP name"],
  ["prototype-key.yaml", "3:1: error: __proto__ is not a known key"],
  ["quote-in-partition.yaml", "2:14: error: bigip.partition is not a valid BIG-IP name"],
  [
    "route-domain-out-of-range.yaml",
    "3:16: error: bigip.routeDomain must be a number, got 'Infinity'",
  ],
  ["scalar.yaml", "1:1: error: the inventory must be a map"],
  [
    "self-address-is-internal-address.yaml",
    "3:16: error: bigip.selfAddress is the internal address of entryPoints[0].servers[0] (da-east-1)",
  ],
  [
    "shell-in-server-name.yaml",
    "7:15: error: entryPoints[0].servers[0].name (east) is not a valid BIG-IP name",
  ],
  [
    "single-server-prefix-too-long.yaml",
    "9:23: error: entryPoints[0].servers[0].clientPrefix (east/da-east-1) is longer than /64",
  ],
  [
    "stack-name-300-characters.yaml",
    "1:7: error: name gives a stack name of 300 characters, more than 100",
  ],
  [
    "stack-name-final-dot.yaml",
    "1:7: error: name gives the stack name 'corp-east.': it ends in '.', which Windows drops from folder names",
  ],
  [
    "stack-name-windows-device.yaml",
    "1:7: error: name gives the stack name 'Con.east': it is a device name on Windows",
  ],
  [
    "teredo-client-prefix.yaml",
    "5:19: error: entryPoints[0].clientPrefix (east) lies in 2001::/32, the Teredo prefix",
  ],
  ["top-level-list.yaml", "1:1: error: the inventory must be a map"],
  [
    "trailing-colon.yaml",
    "5:19: error: the value ends in ':', which YAML reads as the start of a nested map",
  ],
  ["two-documents.yaml", "9:1: error: the file holds more than one YAML document (a second '---')"],
  [
    "unspecified-client-prefix.yaml",
    "5:19: error: entryPoints[0].clientPrefix (east) is the unspecified prefix ::",
  ],
  ["utf16.yaml", "1:1: error: the file is UTF-16 text"],
  [
    "value-10000-characters.yaml",
    "7:15: error: entryPoints[0].servers[0].name (exxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (9921 more characters)) gives a pool name of 10030 characters",
  ],
  ["yaml-alias-bomb.yaml", "1:1: error: the file expands YAML aliases too often"],
  [
    "zero-width-space-in-prefix.yaml",
    "5:19: error: entryPoints[0].clientPrefix (east) is not an IPv6 prefix, got '2131:0:0:1000::<U+200B ZERO WIDTH SPACE>/64'",
  ],
  [
    "zone-id-address.yaml",
    "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) is a link-local address, which never leaves its link, got 'fe80::11%eth0'",
  ],
];

/** Two files that are fine alone and wrong together: the folder, and the error the pair gives. */
const REFUSED_PAIRS: [string, string][] = [
  [
    "explicit-path-is-default-state",
    "b.yaml:12:12: error: terraform.backend keeps its state where",
  ],
  [
    "overlapping-prefixes",
    "a.yaml:7:19: error: entryPoints[0].clientPrefix (lab) overlaps entryPoints[0].clientPrefix (2001:db8:b005::/48) of __tests__/fixtures/hostile/pairs/overlapping-prefixes/b.yaml on the same device (https://bigip-lab-c.corp.example:443) and route domain 0: the most specific network virtual server takes the clients, whatever its partition, got '2001:db8:b005::/64'; a client prefix belongs to one DA server; remove it from one of the files (another route domain only for a separate network)",
  ],
  [
    "password-variable-as-user-variable",
    "b.yaml:4:32: error: bigip.credentials.userVariable is the password variable of stack corp-east",
  ],
  [
    "same-device-hostname",
    "b.yaml:4:19: error: bigip.deviceHostname names the device of stack lab-a too (bigip-lab-2.corp.example, by bigip.deviceHostname), with the same partition (Common) and name prefix (da_mo), got 'bigip-lab-2.corp.example'; each stack would own the other's objects: merge the two inventories, or give one another bigip.partition or bigip.namePrefix",
  ],
  [
    "same-device-ipv4-mapped",
    "b.yaml:3:9: error: bigip.host names the device of stack lab-a too (https://10.20.0.5:443), with the same partition (Common) and name prefix (da_mo), got 'https://[::ffff:10.20.0.5]'; each stack would own the other's objects: merge the two inventories, or give one another bigip.partition or bigip.namePrefix",
  ],
  [
    "same-device-ipv6-forms",
    "b.yaml:3:9: error: bigip.host names the device of stack lab-a too (https://[2001:db8:f5::5]:443), with the same partition (Common) and name prefix (da_mo), got '[2001:0db8:00f5:0:0:0:0:5]:443'; each stack would own the other's objects: merge the two inventories, or give one another bigip.partition or bigip.namePrefix",
  ],
  ["shared-state", "b.yaml:12:12: error: terraform.backend keeps its state where"],
  ["stack-names-differ-in-case", "b.yaml:1:7: error: name gives the stack name 'Corp-Lab'"],
];

/** Every command that reads inventories, as run on one file (`adopt` on a copy). */
const COMMANDS: [string, (file: string) => string[]][] = [
  ["validate", (file) => ["validate", file]],
  ["report", (file) => ["report", file]],
  ["explain", (file) => ["explain", "2131:0:0:1000::1", file]],
  [
    "routes",
    (file) => [
      "routes",
      "--format",
      "windows",
      "--interface",
      "Corp",
      "--next-hop",
      "2001:db8::1",
      file,
    ],
  ],
  ["adopt", (file) => ["adopt", file, "--server", "east/da-east-1", "--pool", "/Common/p"]],
];

/** What no output may hold: control characters, stack traces, the planted secret. */
function expectSafe(output: string): void {
  expect(output).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}](?<!\n)/u);
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toMatch(/TypeError|ReferenceError|RangeError|Maximum call stack/);
  expect(output).not.toContain("CANARY-SECRET");
  for (const line of output.split("\n")) expect(line.length).toBeLessThan(2000);
}

let work: string;
beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-hostile-suite-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Copies the fixtures into a fresh inventories folder of the work directory. */
function inventoriesOf(files: string[]): string {
  const folder = path.join(work, "inventories");
  mkdirSync(folder, { recursive: true });
  for (const file of files) copyFileSync(file, path.join(folder, path.basename(file)));
  return folder;
}

/** The cdktf app (as `npm run synth` runs it) over a folder of inventories. */
function synth(folder: string): { status: number | null; stderr: string; stacks: string[] } {
  const out = path.join(work, "cdktf.out");
  const result = spawnSync(process.execPath, ["scripts/run-app.cjs"], {
    encoding: "utf8",
    env: { ...process.env, DA_MANAGE_OUT_INVENTORIES: folder, CDKTF_OUTDIR: out },
  });
  const stacksDir = path.join(out, "stacks");
  const stacks = existsSync(stacksDir) ? readdirSync(stacksDir).sort() : [];
  expectSafe(result.stdout + result.stderr);
  return { status: result.status, stderr: result.stderr, stacks };
}

test("the table covers every refused fixture", () => {
  expect(readdirSync(REFUSED_DIR).sort()).toEqual(REFUSED.map(([file]) => file).sort());
});

describe.each(REFUSED)("refused: %s", (name, expected) => {
  test.each(COMMANDS)("%s: one located error, exit 1, nothing written", (_, args) => {
    const file = path.join(work, name);
    copyFileSync(path.join(REFUSED_DIR, name), file);
    const before = readFileSync(file);
    const result: CliResult = runCli(...args(file));
    expectSafe(result.stdout + result.stderr);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:${expected}`);
    expect(readFileSync(file)).toEqual(before);
  });
});

test("the app synthesizes nothing from a folder of refused inventories, and names each file", () => {
  const files = REFUSED.map(([name]) => path.join(REFUSED_DIR, name));
  const folder = inventoriesOf(files);
  const result = synth(folder);
  expect(result.status).toBe(1);
  expect(result.stacks).toEqual([]);
  expect(result.stderr).toContain("da-manage-out: inventory errors, nothing synthesized");
  for (const [name, expected] of REFUSED) {
    expect(result.stderr).toContain(`${path.join(folder, name)}:${expected}`);
  }
});

test.each(REFUSED_PAIRS)("refused together: %s", (pair, expected) => {
  const dir = path.join(HOSTILE, "pairs", pair);
  const files = readdirSync(dir).map((name) => path.join(dir, name));
  const result = runCli("validate", ...files);
  expectSafe(result.stdout + result.stderr);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`${dir}/${expected}`);
  const folder = inventoriesOf(files);
  const app = synth(folder);
  expect([app.status, app.stacks]).toEqual([1, []]);
});

test("accepted: odd but valid inventories pass every command and synthesize", () => {
  const dir = path.join(HOSTILE, "accepted");
  const files = readdirSync(dir).map((name) => path.join(dir, name));
  for (const [, args] of COMMANDS.filter(([name]) => name !== "adopt" && name !== "explain")) {
    for (const file of files) {
      const result = runCli(...args(file));
      expectSafe(result.stdout + result.stderr);
      expect([file, result.code]).toEqual([file, 0]);
    }
  }
  const app = synth(inventoriesOf(files));
  expect(app.status).toBe(0);
  expect(app.stacks).toEqual([
    "hostile-6to4",
    "hostile-bom",
    "hostile-comments",
    "hostile-dollar",
    "hostile-flow",
    "hostile-isatap",
    "hostile-js-names",
    "hostile-json",
    "hostile-local-state",
    "hostile-minio",
    "hostile-yaml12",
  ]);
});

test("a hostile file name is shown escaped by every command, and stays one code span in a report", () => {
  const name = "lab\u001b[31m`<img src=x>*b*\r\u202e.yaml";
  const file = path.join(work, name);
  copyFileSync(path.join(HOSTILE, "accepted", "isatap-single-server.yaml"), file);
  for (const [, args] of COMMANDS) {
    const result = runCli(...args(file));
    expectSafe(result.stdout + result.stderr);
  }
  const shown = `lab<U+001B ESCAPE>[31m\`<img src=x>*b*<U+000D CARRIAGE RETURN><U+202E RIGHT-TO-LEFT OVERRIDE>.yaml`;
  expect(runCli("validate", file).stdout).toBe(
    `${path.join(work, shown)}: ok, stack hostile-isatap, 1 entry point, 1 server\n`,
  );
  // In Markdown a line break in a name is a space.
  const inReport = shown.replace("<U+000D CARRIAGE RETURN>", " ");
  expect(runCli("report", file).stdout).toContain(`\`\`${path.join(work, inReport)}\`\` ·`);
});

test.each([
  [["\u001b[2J"], "da-manage-out: unknown command '<U+001B ESCAPE>[2J'"],
  [["validate", "--\u001b[2J"], "da-manage-out validate: unknown option --<U+001B ESCAPE>[2J"],
])("command-line arguments are shown escaped: %j", (args, message) => {
  const result = runCli(...args);
  expect(result.code).toBe(2);
  expectSafe(result.stderr);
  expect(result.stderr).toContain(message);
});
