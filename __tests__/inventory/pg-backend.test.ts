/**
 * The pg backend: Terraform's arguments only, no password in any form of connection string (and
 * never shown), one schema per stack by default, and no two stacks in one schema of one database.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli } from "../cli/run-cli";
import { synthStack, type SynthesizedStack } from "../stack-helpers";

let work: string;
beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-pg-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

function inventory(name: string, prefix: string, backend: string): string {
  return `name: ${name}
bigip: { host: bigip-${name}.corp.example, vlans: [/Common/internal] }
terraform:
  backend: ${backend}
entryPoints:
  - name: lab
    clientPrefix: "${prefix}"
    servers: [{ name: da-lab-1, internalAddress: "2001:db8:40::11" }]
`;
}

function validate(...files: [name: string, backend: string][]) {
  const paths = files.map(([name, backend], index) => {
    const file = path.join(work, `${name}.yaml`);
    writeFileSync(
      file,
      inventory(name, `2001:db8:${(0xa000 + index).toString(16)}:1000::/64`, backend),
    );
    return file;
  });
  return runCli("validate", ...paths);
}

test.each([
  ["URL user info", "postgres://tfstate:CANARY-pw@tfstate.corp.example/terraform"],
  [
    "a password query parameter",
    "postgres://tfstate.corp.example/terraform?sslmode=require&password=CANARY-pw",
  ],
  [
    "a keyword/value password",
    "host=tfstate.corp.example user=tfstate password=CANARY-pw dbname=terraform",
  ],
  ["a key passphrase", "host=tfstate.corp.example sslpassword='CANARY-pw' dbname=terraform"],
])("rejects a password in conn_str as %s, without showing it", (_, connStr) => {
  const result = validate(["lab", `{ type: pg, conn_str: "${connStr}" }`]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /terraform\.backend\.conn_str holds a (password|password in a URL \(user:password@\)), and inventories are committed to git, got '\(hidden\)'; remove the password; the pg backend's connection reads it from PGPASSWORD \(or a ~\/\.pgpass file\)/,
  );
  expect(result.stdout + result.stderr).not.toContain("CANARY");
});

test("rejects an unknown pg argument with the closest one", () => {
  const result = validate(["lab", "{ type: pg, schema_nmae: tfstate }"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    "terraform.backend.schema_nmae is not a known key of the pg backend (did you mean schema_name?)",
  );
});

test("accepts a connection string without a password, or none (PG_CONN_STR)", () => {
  expect(
    validate(
      [
        "east",
        '{ type: pg, conn_str: "postgres://tfstate.corp.example/terraform?sslmode=verify-full" }',
      ],
      ["west", "{ type: pg, skip_schema_creation: true }"],
    ).code,
  ).toBe(0);
});

test.each([
  [
    "two stacks with their default schemas in one database",
    '{ type: pg, conn_str: "postgres://db.corp/tf" }',
    '{ type: pg, conn_str: "postgres://DB.corp:5432/tf?sslmode=require" }',
    0,
  ],
  [
    "one schema named twice in one database",
    '{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: shared }',
    '{ type: pg, conn_str: "host=db.corp dbname=tf", schema_name: shared }',
    1,
  ],
  [
    "a schema named like the other stack's default",
    '{ type: pg, conn_str: "postgres://db.corp/tf" }',
    '{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: da_manage_out_east }',
    1,
  ],
  [
    "one schema name in two databases",
    '{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: shared }',
    '{ type: pg, conn_str: "postgres://db.corp/tf2", schema_name: shared }',
    0,
  ],
  [
    "both from PG_CONN_STR, with one schema",
    "{ type: pg, schema_name: s }",
    "{ type: pg, schema_name: s }",
    1,
  ],
])("%s: exit %d", (_, east, west, code) => {
  const result = validate(["east", east], ["west", west]);
  expect([result.code, result.stderr]).toEqual([
    code,
    code === 0 ? "" : expect.stringContaining("keeps its state where"),
  ]);
});

test("a pg stack gets a schema of its own, named after the stack", () => {
  const stack = synthStack(
    inventory(
      "corp-east",
      "2001:db8:a000:1000::/64",
      '{ type: pg, conn_str: "postgres://db.corp/tf" }',
    ),
  ) as SynthesizedStack & { terraform: { backend: { pg: Record<string, unknown> } } };
  expect(stack.terraform.backend.pg).toEqual({
    conn_str: "postgres://db.corp/tf",
    schema_name: "da_manage_out_corp-east",
  });
});
