/**
 * The pg backend's conn_str and schema_name as real Terraform (through lib/pq) and a real
 * PostgreSQL resolve them: a configuration written through one form is read back through another
 * exactly when the inventory rules call the two one place (`pgLocation`). No provider is needed:
 * the configurations hold one output. Skipped, with one line saying why, without PostgreSQL or
 * Terraform.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pgLocation } from "../../lib/inventory/state-location";
import { Postgres, whyPostgresUnavailable } from "./harness/postgres";
import { expectSuccess, run, terraformEnvironment } from "./harness/workspace";

const missing =
  whyPostgresUnavailable() ??
  (spawnSync("terraform", ["version"]).status === 0 ? undefined : "terraform is not on PATH");
if (missing) process.stderr.write(`pg conn_str tests SKIPPED: ${missing}\n`);
const describePg = missing ? describe.skip : describe;

const scratch = mkdtempSync(path.join(tmpdir(), "da-manage-out-pg-conn-str-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describePg("two conn_str forms, one state row", () => {
  let postgres: Postgres;
  let configurations = 0;
  beforeAll(async () => (postgres = await Postgres.start()));
  afterAll(async () => postgres?.stop());

  /** `terraform init` of a configuration with one output, in the pg backend at this place. */
  async function configuration(connStr: string, schema: string) {
    configurations += 1;
    const dir = path.join(scratch, `configuration-${configurations}`);
    const env = terraformEnvironment(postgres.loginEnvironment);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({
        terraform: { backend: { pg: { conn_str: connStr, schema_name: schema } } },
        output: { writer: { value: `configuration-${configurations}` } },
      }),
    );
    const terraform = (...args: string[]) => run("terraform", [...args, "-no-color"], dir, env);
    expectSuccess(await terraform("init", "-input=false"), `terraform init (${connStr})`);
    return { terraform, name: `configuration-${configurations}` };
  }

  test.each([
    [
      "postgres://127.0.0.1:PORT/DB?sslmode=disable",
      "tfstate",
      "host=127.0.0.1 port=PORT dbname=DB sslmode=disable",
      "tfstate",
    ],
    [
      "postgres://127.0.0.1:PORT/DB?sslmode=disable",
      "tfstate",
      "postgres:///DB?host=127.0.0.1&port=PORT&sslmode=disable",
      "tfstate",
    ],
    [
      "postgres://127.0.0.1:PORT/DB?sslmode=disable",
      "tfstate",
      "postgres://127.0.0.1:PORT/another?dbname=DB&sslmode=disable",
      "tfstate",
    ],
    [
      "postgres://127.0.0.1:PORT/DB?sslmode=disable",
      `${"s".repeat(63)}_east`,
      "postgres://127.0.0.1:PORT/DB?sslmode=disable",
      `${"s".repeat(63)}_west`,
    ],
  ])("%s (%s) and %s (%s)", async (first, firstSchema, second, secondSchema) => {
    const { database } = postgres.newDatabase();
    const place = (form: string) =>
      form.replace(/PORT/g, String(postgres.port)).replace(/DB/g, database);
    expect(pgLocation(place(first), firstSchema).key).toBe(
      pgLocation(place(second), secondSchema).key,
    );
    const writer = await configuration(place(first), firstSchema);
    expectSuccess(await writer.terraform("apply", "-auto-approve", "-input=false"), "apply");
    const reader = await configuration(place(second), secondSchema);
    // The second configuration reads the first one's state: one row.
    const output = expectSuccess(await reader.terraform("output", "-raw", "writer"), "output");
    expect(output.trim()).toBe(writer.name);
  });

  test("a query dbname that sorts before the path's loses to it: another database", async () => {
    const { database } = postgres.newDatabase();
    const connStr = `postgres://127.0.0.1:${postgres.port}/zzz?dbname=${database}&sslmode=disable`;
    expect(pgLocation(connStr, "s").key).not.toBe(
      pgLocation(`postgres://127.0.0.1:${postgres.port}/${database}`, "s").key,
    );
    const dir = path.join(scratch, "zzz");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({ terraform: { backend: { pg: { conn_str: connStr } } } }),
    );
    const env = terraformEnvironment(postgres.loginEnvironment);
    const init = await run("terraform", ["init", "-input=false", "-no-color"], dir, env);
    expect([init.status, /database "zzz" does not exist/.test(init.output)]).toEqual([1, true]);
  });
});
