/**
 * Shared state at team scale: the pg backend against a real PostgreSQL (started here), several
 * runners (two clones of the project, as two CI runners) deploying at once through the documented
 * `npm run deploy`, each stack to its own fake BIG-IP, with real Terraform and the real provider.
 * Skipped, with one line saying why, without the provider or without PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { objectNames } from "./harness/device-view";
import { Postgres, whyPostgresUnavailable } from "./harness/postgres";
import { describeWithProvider } from "./harness/provider";
import { killTerraform, waitUntil } from "./harness/processes";
import { siteInventory as inventoryOfSite } from "./harness/site-inventory";
import { Workspace, type CommandResult } from "./harness/workspace";

const scratch = mkdtempSync(path.join(tmpdir(), "da-manage-out-shared-state-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const postgresMissing = whyPostgresUnavailable();
if (postgresMissing) process.stderr.write(`pg backend tests SKIPPED: ${postgresMissing}\n`);
const describeShared = postgresMissing
  ? describe.skip
  : describeWithProvider(path.join(scratch, "probe-cache"));

let postgres: Postgres;
/** The scenario's own state database. */
let state: { database: string; connStr: string };
const fakes: FakeBigip[] = [];
const workspaces: Workspace[] = [];

afterEach(async () => {
  for (const workspace of workspaces.splice(0)) workspace.dispose();
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
});

async function device(name: string): Promise<FakeBigip> {
  const fake = await startSecureFake({ username: "automation", password: "bigip-pw" });
  fake.device.hostname = `${name}.fake.example`;
  fakes.push(fake);
  return fake;
}

/** A site's inventory with its state in PostgreSQL (default schema: one per stack). */
function siteInventory(name: string, host: string, site: number, servers: number): string {
  return inventoryOfSite({
    name,
    site,
    servers,
    bigip: [`host: "${host}"`],
    top: ["terraform:", `  backend: { type: pg, conn_str: "${state.connStr}" }`],
  });
}

/** A runner: a clone of the project with the given inventories, its own plugin cache. */
function runner(inventories: Record<string, string>): Workspace {
  const workspace = new Workspace({
    bigipHost: "http://127.0.0.1:9",
    pluginCacheDir: mkdtempSync(path.join(scratch, "plugins-")),
    environment: {
      BIGIP_HOST: undefined,
      BIGIP_USER: "automation",
      BIGIP_PASSWORD: "bigip-pw",
      ...postgres.loginEnvironment,
      DA_MANAGE_OUT_LOCK_TIMEOUT: "300s",
    },
  });
  for (const [file, text] of Object.entries(inventories)) workspace.writeInventory(file, text);
  workspaces.push(workspace);
  return workspace;
}

function expectExit(result: CommandResult, status: number, what: string): string {
  expect([what, result.status, result.status === status ? "" : result.output.slice(-4000)]).toEqual(
    [what, status, ""],
  );
  return result.output;
}

/** Waits for `condition`; fails with the command's output if the command ends first. */
async function waitFor(condition: () => boolean, command: Promise<CommandResult>): Promise<void> {
  let ended: CommandResult | undefined;
  void command.then((result) => (ended = result));
  await waitUntil(() => condition() || ended !== undefined);
  if (!condition() && ended) {
    throw new Error(
      `the command ended (exit ${ended.status}) first:\n${ended.output.slice(-3000)}`,
    );
  }
}

const virtualServers = (fake: FakeBigip) => objectNames(fake.device).virtualServers;

describeShared("the pg backend with concurrent runners", () => {
  beforeAll(async () => {
    postgres = await Postgres.start();
  });
  beforeEach(() => {
    state = postgres.newDatabase();
  });
  afterAll(() => postgres?.stop());

  test("two stacks deployed at once by two runners: each on its own device, one row each", async () => {
    const east = await device("east");
    const west = await device("west");
    const inventories = {
      "east.yaml": siteInventory("east", east.host, 1, 2),
      "west.yaml": siteInventory("west", west.host, 2, 3),
    };
    const [a, b] = [runner(inventories), runner(inventories)];
    const started = Date.now();
    const [deployEast, deployWest] = await Promise.all([
      a.deployScript("deploy", "east"),
      b.deployScript("deploy", "west"),
    ]);
    process.stderr.write(`two first deploys at once: ${Date.now() - started} ms\n`);
    expect(expectExit(deployEast, 0, "deploy east")).toContain("east: converged");
    expect(expectExit(deployWest, 0, "deploy west")).toContain("west: converged");
    expect(virtualServers(east)).toEqual([
      "/Common/da_mo_east_da-east-1_vs",
      "/Common/da_mo_east_da-east-2_vs",
    ]);
    expect(virtualServers(west)).toHaveLength(3);
    expect(virtualServers(west).every((name) => name.includes("_west_"))).toBe(true);
    // One row per stack, each in the stack's own schema; no password anywhere in the state.
    expect(postgres.stateRows(state.database, "da_manage_out_east")).toEqual([
      expect.stringMatching(/^default\|\d+$/),
    ]);
    expect(postgres.stateRows(state.database, "da_manage_out_west")).toEqual([
      expect.stringMatching(/^default\|\d+$/),
    ]);
    for (const schema of ["da_manage_out_east", "da_manage_out_west"]) {
      expect(
        postgres.sql(
          `SELECT count(*) FROM ${schema}.states WHERE data LIKE '%bigip-pw%' OR data LIKE '%tfstate-pw%'`,
          "tfstate",
          "tfstate-pw",
          state.database,
        ),
      ).toEqual(["0"]);
    }
    expect(postgres.advisoryLocks()).toBe(0);
  });

  test("the same stack deployed twice at once: one waits, then finds nothing to do", async () => {
    const east = await device("east");
    const inventories = { "east.yaml": siteInventory("east", east.host, 1, 3) };
    const [a, b] = [runner(inventories), runner(inventories)];
    const [first, second] = await Promise.all([
      a.deployScript("deploy", "east"),
      b.deployScript("deploy", "east"),
    ]);
    expectExit(first, 0, "runner a");
    expectExit(second, 0, "runner b");
    // Each object was created once: the second run planned against the first run's state.
    const creates = east.requests.filter(
      (request) => request.method === "POST" && request.url === "/mgmt/tm/ltm/virtual",
    );
    expect(creates).toHaveLength(3);
    expect(virtualServers(east)).toHaveLength(3);
    expect(postgres.stateRows(state.database, "da_manage_out_east")).toHaveLength(1);
    expect(await a.planChanges("east")).toBeUndefined();
    expect(await b.planChanges("east")).toBeUndefined();
  });

  test("the first deploy of a new stack while another stack's deploy runs: both succeed", async () => {
    const east = await device("east");
    const west = await device("west");
    const before = { "east.yaml": siteInventory("east", east.host, 1, 1) };
    expectExit(await runner(before).deployScript("deploy", "east"), 0, "east, first");
    const after = {
      "east.yaml": siteInventory("east", east.host, 1, 4),
      "west.yaml": siteInventory("west", west.host, 2, 2),
    };
    const [a, b] = [runner(after), runner(after)];
    // West's first deploy starts while east's apply is writing to its device (slowed down).
    east.writeDelayMs = 300;
    const writesBefore = east.writesReceived;
    const eastDeploy = a.startDeployScript("deploy", "east");
    await waitFor(() => east.writesReceived > writesBefore + 1, eastDeploy.result);
    const westDeploy = b.deployScript("deploy", "west");
    const [eastResult, westResult] = await Promise.all([eastDeploy.result, westDeploy]);
    expectExit(eastResult, 0, "east, second");
    expectExit(westResult, 0, "west, first");
    expect(virtualServers(east)).toHaveLength(4);
    expect(virtualServers(west)).toHaveLength(2);
  });

  test("terraform killed mid-apply: the lock is gone, the next deploy fails loudly, recover mends it", async () => {
    const east = await device("east");
    const inventories = { "east.yaml": siteInventory("east", east.host, 1, 4) };
    const a = runner(inventories);
    east.writeDelayMs = 250;
    const deploy = a.startDeployScript("deploy", "east");
    await waitFor(() => east.device.virtualServers.size >= 2, deploy.result);
    expect(killTerraform(deploy.child.pid!)).toBeGreaterThan(0);
    expect((await deploy.result).status).not.toBe(0);
    east.writeDelayMs = 0;
    // The lock was the killed terraform's PostgreSQL session: gone with it.
    expect(postgres.advisoryLocks()).toBe(0);

    const next = await a.deployScript("deploy", "east");
    process.stderr.write(
      `deploy after the kill: exit ${next.status}: ${next.output
        .split("\n")
        .filter((line) => /already exists|NOT converged|exited/.test(line))
        .slice(0, 3)
        .join(" | ")}\n`,
    );
    expect(next.status).not.toBe(0);
    expect(next.output).toMatch(/already exists|NOT converged/);

    // A first deploy: its state may hold nothing, which recover is told with --empty-state.
    expectExit(
      await a.daManageOutHere("recover", "east", "--apply", "--empty-state"),
      0,
      "recover",
    );
    expectExit(await a.deployScript("deploy", "east"), 0, "deploy after recover");
    expect(virtualServers(east)).toHaveLength(4);
    expect(await a.planChanges("east")).toBeUndefined();
  });
});
