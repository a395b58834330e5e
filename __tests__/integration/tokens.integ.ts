/**
 * Device tokens with real Terraform, the real provider and the real cdktf CLI against the fake
 * BIG-IP. The provider logs in on every plan and apply and never logs out (terraform-provider-bigip
 * issue 401); a user may hold 100 live tokens (K44237337), and on 17.1.2.x a token of a user other
 * than admin is never released (F5 bug ID1787517). The fakes here keep such tokens
 * (`keepsNonAdminTokens`) and the user is not admin: a live token after a run is one the run did
 * not delete. The documented path (`npm run deploy`, `npm run destroy`) and the project's own
 * commands leave none, also after a failure and on SIGTERM; a bare `cdktf plan` still leaves its
 * provider's token, unless BIGIP_TOKEN_VALUE is set. Skipped, with a line saying why, without the
 * provider.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { sendJson, startSecureFake } from "./harness/device-tls";
import { objectNames } from "./harness/device-view";
import { describeWithProvider } from "./harness/provider";
import { siteInventory } from "./harness/site-inventory";
import { expectExit, Workspace } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
afterAll(() => rmSync(pluginCacheDir, { recursive: true, force: true }));

const USER = "automation";
const LOGIN = "/mgmt/shared/authn/login";

/** What to stop and delete after each scenario. */
const started: { stop(): Promise<void> | void }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((each) => each.stop()));
});

/** A fake whose user `automation` keeps its tokens until they are deleted (ID1787517). */
async function startFake(password: string): Promise<FakeBigip> {
  const fake = await startSecureFake({ username: USER, password });
  fake.tokens.keepsNonAdminTokens = true;
  started.push(fake);
  return fake;
}

/**
 * A workspace that logs in as `automation` with `password` (BIGIP_HOST the fake's), with its lab
 * inventory of `servers` DA servers unless none; `environment` sets or unsets more.
 */
function labWorkspace(
  fake: FakeBigip,
  password: string,
  servers: number,
  environment: Readonly<Record<string, string | undefined>> = {},
): Workspace {
  const workspace = new Workspace({
    bigipHost: fake.host,
    pluginCacheDir,
    environment: { BIGIP_USER: USER, BIGIP_PASSWORD: password, ...environment },
  });
  started.push({ stop: () => workspace.dispose() });
  if (servers > 0)
    workspace.writeInventory("lab.yaml", siteInventory({ name: "lab", site: 1, servers }));
  return workspace;
}

/** What a run left on a fake, and how it logged in: counts since the fake started. */
function tokensOf(fake: FakeBigip): { live: Record<string, number>; logins: number } {
  return { live: fake.tokens.liveByUser(), logins: fake.tokens.issued(USER) };
}

/** The requests the fake refused for want of a valid token or login. */
function refused(fake: FakeBigip): string[] {
  return fake.requests
    .filter((request) => request.status === 401)
    .map((request) => `${request.method} ${request.url}`);
}

/** The tokens the requests since `from` carried (the login carries none). */
function tokensUsed(fake: FakeBigip, from = 0): string[] {
  return [...new Set(fake.requests.slice(from).flatMap((request) => request.token ?? []))];
}

describeWithProvider(pluginCacheDir)("device tokens", () => {
  test("npm run deploy, doctor, audit and npm run destroy: one login each, no live token after", async () => {
    const fake = await startFake("lab-secret");
    const workspace = labWorkspace(fake, "lab-secret", 2);

    const deploy = expectExit(await workspace.deployScript("deploy", "lab"), 0, "deploy");
    expect(deploy).toContain(
      `da-manage-out deploy: lab: logged in to ${fake.host} once; the provider uses that token (BIGIP_TOKEN_VALUE), deleted at the end`,
    );
    expect(deploy).toContain("lab: converged");
    expect(objectNames(fake.device).virtualServers).toHaveLength(2);
    // cdktf's plan and apply and the plan that proves the deploy: all with the one token.
    expect(tokensOf(fake)).toEqual({ live: {}, logins: 1 });
    expect(tokensUsed(fake)).toHaveLength(1);
    expect(refused(fake)).toEqual([]);

    expectExit(await workspace.daManageOutHere("doctor"), 0, "doctor");
    expect(tokensOf(fake)).toEqual({ live: {}, logins: 2 });
    expectExit(await workspace.daManageOutHere("audit"), 0, "audit");
    expect(tokensOf(fake)).toEqual({ live: {}, logins: 3 });

    const before = fake.requests.length;
    expectExit(await workspace.deployScript("destroy", "lab"), 0, "destroy");
    expect(objectNames(fake.device)).toEqual({ pools: [], virtualServers: [] });
    expect(tokensOf(fake)).toEqual({ live: {}, logins: 4 });
    expect(tokensUsed(fake, before)).toHaveLength(1);
  });

  test("a deploy the device refuses fails, and leaves no live token", async () => {
    const fake = await startFake("lab-secret");
    const workspace = labWorkspace(fake, "lab-secret", 0);
    // The fake has no such VLAN: the pools are written, each virtual server is refused.
    workspace.writeInventory(
      "lab.yaml",
      siteInventory({ name: "lab", site: 1, servers: 2 }).replace(
        "/Common/internal",
        "/Common/missing",
      ),
    );
    const deploy = await workspace.deployScript("deploy", "lab");
    expect(deploy.status).not.toBe(0);
    expect(deploy.output).toContain(
      "01070523:3: The requested VLAN (/Common/missing) was not found.",
    );
    expect(fake.device.pools.size).toBeGreaterThan(0);
    expect(tokensOf(fake)).toEqual({ live: {}, logins: 1 });
  });

  test("a deploy stopped with SIGTERM stops cdktf first, then deletes its token, and ends by SIGTERM", async () => {
    const fake = await startFake("lab-secret");
    const workspace = labWorkspace(fake, "lab-secret", 4);
    fake.writeDelayMs = 250;
    const deploy = workspace.startDeployScript("deploy", "lab");
    // The login and its PATCH, then writes of the apply.
    await fake.waitForWrites(6);
    deploy.child.kill("SIGTERM");
    const stopped = await deploy.result;
    expect([stopped.status, deploy.child.signalCode]).toEqual([null, "SIGTERM"]);
    expect(stopped.output).toContain(
      "da-manage-out deploy: SIGTERM: stopping cdktf, then deleting the device tokens",
    );
    expect(tokensOf(fake)).toEqual({ live: {}, logins: 1 });
    // Terraform had stopped: nothing came with the token after it was deleted, nor came later.
    const received = fake.writesReceived;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.writesReceived).toBe(received);
    expect(refused(fake)).toEqual([]);
    process.stderr.write(
      `SIGTERM mid-apply: ${stopped.output
        .split("\n")
        .filter((line) => line.startsWith("da-manage-out"))
        .join(" | ")}\n`,
    );
  });

  test("two devices in one run: each logs in once, and each gets only its own token", async () => {
    const east = await startFake("east-secret");
    const west = await startFake("west-secret");
    const workspace = labWorkspace(east, "east-secret", 0, {
      BIGIP_HOST: undefined,
      TF_VAR_west_user: USER,
      TF_VAR_west_password: "west-secret",
    });
    workspace.writeInventory(
      "east.yaml",
      siteInventory({ name: "east", site: 1, servers: 2, bigip: [`host: "${east.host}"`] }),
    );
    const credentials = "credentials: { userVariable: west_user, passwordVariable: west_password }";
    workspace.writeInventory(
      "west.yaml",
      siteInventory({
        name: "west",
        site: 2,
        servers: 1,
        bigip: [`host: "${west.host}"`, credentials],
      }),
    );
    const deploy = expectExit(await workspace.deployScript("deploy", "east", "west"), 0, "deploy");
    expect(deploy).toContain("east: converged");
    expect(deploy).toContain("west: converged");
    for (const fake of [east, west]) {
      expect(tokensOf(fake)).toEqual({ live: {}, logins: 1 });
      expect(tokensUsed(fake)).toHaveLength(1);
      // A token of the other device would be refused: each fake knows its own tokens only.
      expect(refused(fake)).toEqual([]);
    }
  });

  test("what remains for a bare cdktf plan: its provider's token, unless BIGIP_TOKEN_VALUE is set", async () => {
    const fake = await startFake("lab-secret");
    const workspace = labWorkspace(fake, "lab-secret", 1);
    expectExit(await workspace.cdktf("plan", "lab"), 0, "cdktf plan");
    expect(tokensOf(fake)).toEqual({ live: { [USER]: 1 }, logins: 1 });

    // The operator's own token: the provider logs in no more; the token is the operator's to
    // delete.
    const login = await sendJson(
      `${fake.host}${LOGIN}`,
      "POST",
      {},
      {
        username: USER,
        password: "lab-secret",
        loginProviderName: "tmos",
      },
    );
    const token = (login.body as { token: { token: string } }).token.token;
    const own = labWorkspace(fake, "lab-secret", 1, { BIGIP_TOKEN_VALUE: token });
    const before = fake.requests.length;
    expectExit(await own.cdktf("plan", "lab"), 0, "cdktf plan with BIGIP_TOKEN_VALUE");
    expect(tokensOf(fake)).toEqual({ live: { [USER]: 2 }, logins: 2 });
    expect(tokensUsed(fake, before)).toEqual([token]);
  });
});
