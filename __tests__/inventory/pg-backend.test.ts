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

const IN_GIT = "and inventories are committed to git, got '(hidden)'";
const PASSWORD = `holds a password, ${IN_GIT}; remove the password; the pg backend's connection reads it from PGPASSWORD (or a ~/.pgpass file) on the machine that runs Terraform, or the whole connection string from PG_CONN_STR`;
const URL_PASSWORD = PASSWORD.replace(
  "holds a password",
  "holds a password in a URL (user:password@)",
);

test.each([
  ["URL user info", "postgres://tfstate:CANARY-pw@tfstate.corp.example/terraform", URL_PASSWORD],
  [
    "URL user info with an unencoded /",
    "postgres://tfstate:CANARY/pw@tfstate.corp.example/terraform",
    URL_PASSWORD,
  ],
  [
    "a password query parameter",
    "postgres://tfstate.corp.example/terraform?sslmode=require&password=CANARY-pw",
    PASSWORD,
  ],
  [
    "a +password query key (Go decodes + as a space)",
    "postgres://tfstate.corp.example/terraform?sslmode=disable&+password=CANARY-pw",
    PASSWORD,
  ],
  [
    "a keyword/value password",
    "host=tfstate.corp.example user=tfstate password=CANARY-pw dbname=terraform",
    PASSWORD,
  ],
  [
    "a password right after a quoted value",
    "host=tfstate.corp.example user='tfstate'password=CANARY-pw dbname=terraform",
    PASSWORD,
  ],
  [
    "PGPASSWORD in the query",
    "postgres://tfstate.corp.example/terraform?PGPASSWORD=CANARY-pw",
    PASSWORD,
  ],
  [
    "a key passphrase",
    "host=tfstate.corp.example sslpassword='CANARY-pw' dbname=terraform",
    `holds the passphrase of the client key (sslpassword), ${IN_GIT}; remove it; lib/pq, the pg backend's driver, takes no passphrase: name a key file without one, readable by the runner only, with sslkey=<path> or PGSSLKEY`,
  ],
  [
    "a percent-encoded private key with sslinline=true",
    "postgres://tfstate.corp.example/terraform?sslinline=true&sslkey=-----BEGIN%20PRIVATE%20KEY-----%0ACANARY%0A-----END%20PRIVATE%20KEY-----",
    `holds a private key (PEM), ${IN_GIT}; remove it; name the client key's file instead, with sslkey=<path> or PGSSLKEY on the machine that runs Terraform`,
  ],
])("rejects a secret in conn_str as %s, without showing it", (_, connStr, problem) => {
  const result = validate(["lab", `{ type: pg, conn_str: "${connStr}" }`]);
  expect([result.code, result.stderr]).toEqual([
    1,
    `${path.join(work, "lab.yaml")}:4:34: error: terraform.backend.conn_str ${problem}\n`,
  ]);
  expect(result.stdout + result.stderr).not.toContain("CANARY");
});

test("rejects a conn_str that lib/pq cannot read, without showing it", () => {
  const result = validate([
    "lab",
    '{ type: pg, conn_str: "postgres://tfstate.corp.example:pg/terraform" }',
  ]);
  expect([result.code, result.stderr]).toEqual([
    1,
    `${path.join(work, "lab.yaml")}:4:34: error: terraform.backend.conn_str is not a connection string that lib/pq, the pg backend's driver, reads (invalid port after host); terraform init would stop with an error that prints it, got '(hidden)'; write postgres://host:port/database?sslmode=verify-full with '%', '@', ':', '/', '?', '#' and spaces inside a part percent-encoded (%25, %40, %3A, %2F, %3F, %23, %20), or host=... port=... dbname=... with a value holding spaces in single quotes\n`,
  ]);
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

const ONE_STATE_EACH =
  "each stack needs a state of its own (another key, path, workspace, or pg schema); deploying one would plan to destroy the other's objects";

test.each([
  [
    "two stacks with their default schemas in one database",
    '{ type: pg, conn_str: "postgres://db.corp/tf" }',
    '{ type: pg, conn_str: "postgres://DB.corp:5432/tf?sslmode=require" }',
    undefined,
  ],
  [
    "one schema named twice in one database",
    '{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: shared }',
    '{ type: pg, conn_str: "host=db.corp dbname=tf", schema_name: shared }',
    "error: terraform.backend keeps stack west's state where EAST keeps stack east's (database tf on db.corp:5432, schema shared)",
  ],
  [
    "the host in the query, or in the authority",
    '{ type: pg, conn_str: "postgres:///tf?host=db.corp", schema_name: shared }',
    '{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: shared }',
    "error: terraform.backend keeps stack west's state where EAST keeps stack east's (database tf on db.corp:5432, schema shared)",
  ],
  [
    "a schema named like the other stack's default",
    '{ type: pg, conn_str: "postgres://db.corp/tf" }',
    '{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: da_manage_out_east }',
    "error: terraform.backend keeps stack west's state where EAST keeps stack east's (database tf on db.corp:5432, schema da_manage_out_east)",
  ],
  [
    "one schema name in two databases",
    '{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: shared }',
    '{ type: pg, conn_str: "postgres://db.corp/tf2", schema_name: shared }',
    undefined,
  ],
  [
    "both from PG_CONN_STR, with one schema",
    "{ type: pg, schema_name: s }",
    "{ type: pg, schema_name: s }",
    "error: terraform.backend keeps stack west's state where EAST keeps stack east's (the database of PG_CONN_STR, schema s)",
  ],
])("%s", (_, east, west, problem) => {
  const result = validate(["east", east], ["west", west]);
  const expected =
    problem === undefined
      ? [0, ""]
      : [
          1,
          `${path.join(work, "west.yaml")}:4:12: ${problem.replace("EAST", path.join(work, "east.yaml"))}; ${ONE_STATE_EACH}\n`,
        ];
  expect([result.code, result.stderr]).toEqual(expected);
});

test("warns when only lib/pq's defaults make two places one: no host, and localhost", () => {
  const result = validate(
    ["east", '{ type: pg, conn_str: "postgres:///tf", schema_name: shared }'],
    ["west", '{ type: pg, conn_str: "postgres://localhost/tf", schema_name: shared }'],
  );
  expect([result.code, result.stderr]).toEqual([
    0,
    `${path.join(work, "west.yaml")}:4:12: warning: terraform.backend may keep stack west's state where ${path.join(work, "east.yaml")} keeps stack east's (database tf on localhost:5432, schema shared): the same place when the environment gives lib/pq no PGHOST or PGDATABASE; lib/pq fills what conn_str leaves out from PGHOST and PGDATABASE, else localhost and the user's name: write host and dbname in both, or give each stack a schema of its own\n`,
  ]);
});

test.each([
  [
    "terraform_remote_state, the backend's default",
    "terraform_remote_state",
    "4:72: warning: terraform.backend.schema_name is the pg backend's default schema, shared by every Terraform configuration in that database that names none: one of them would write this stack's state row, got 'terraform_remote_state'; leave schema_name out for da_manage_out_<stack>, a schema of this stack's own",
  ],
  [
    "a name longer than PostgreSQL keeps",
    `${"s".repeat(60)}_long`,
    `4:72: warning: terraform.backend.schema_name is 65 bytes long, and PostgreSQL keeps only the first 63 of a name: another stack's schema that begins alike is this one, got '${"s".repeat(60)}_long'; shorten it to at most 63 bytes; PostgreSQL uses '${"s".repeat(60)}_lo'`,
  ],
])("warns of a schema_name that is %s", (_, schema, warning) => {
  const result = validate([
    "lab",
    `{ type: pg, conn_str: "postgres://db.corp/tf", schema_name: ${schema} }`,
  ]);
  expect([result.code, result.stderr]).toEqual([0, `${path.join(work, "lab.yaml")}:${warning}\n`]);
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
