/**
 * The names of a device's credential variables (`bigip.credentials`) across stacks: rule
 * credential-variable-roles. Within a stack: rule device-credentials (fixtures in rules.test.ts)
 * and the DeviceCredentials construct (__tests__/device-credentials.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli } from "../cli/run-cli";

let work: string;
beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-credentials-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Writes the inventory `<name>.yaml` of its own device, logging in with `user` and `password`. */
function site(name: string, index: number, user: string, password: string): string {
  const file = path.join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}
bigip:
  host: bigip-${name}.corp.example
  credentials: { userVariable: ${user}, passwordVariable: ${password} }
  vlans: [/Common/internal]
entryPoints:
  - name: ${name}
    clientPrefix: "2001:db8:a00${index}::/64"
    servers: [{ name: da-${name}-1, internalAddress: "2001:db8:40::1${index}" }]
`,
  );
  return file;
}

describe("across stacks (credential-variable-roles)", () => {
  test("rejects one stack's password variable as another's user name variable, at the user name", () => {
    const east = site("east", 1, "bigip_east_user", "bigip_east_password");
    const west = site("west", 2, "bigip_east_password", "bigip_west_password");
    const result = runCli("validate", east, west);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      `${west}:4:32: error: bigip.credentials.userVariable is the password variable of stack east (${east}), got 'bigip_east_password'; this device would get that password as its user name: give this stack a user name variable of its own, e.g. bigip_west_user`,
    ]);
  });

  test("rejects the crossing in either file order, and names that differ only in case", () => {
    const east = site("east", 1, "BIGIP_WEST_PASSWORD", "bigip_east_password");
    const west = site("west", 2, "bigip_west_user", "bigip_west_password");
    const result = runCli("validate", east, west);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      `${east}:4:32: error: bigip.credentials.userVariable is the password variable of stack west (${west}) (as bigip_west_password, which differs only in case: one environment variable on Windows), got 'BIGIP_WEST_PASSWORD'; this device would get that password as its user name: give this stack a user name variable of its own, e.g. bigip_east_user`,
    ]);
  });

  test("accepts two stacks that log in with the same variables in the same roles (one account)", () => {
    const east = site("east", 1, "bigip_user", "bigip_password");
    const west = site("west", 2, "bigip_user", "bigip_password");
    expect(runCli("validate", east, west).code).toBe(0);
  });
});
