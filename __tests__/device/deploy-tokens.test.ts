/**
 * The deploy path's tokens (lib/device/deploy-tokens.ts): one login per device and login, the
 * token's lifetime set, each stack's environment holding its own device's token, every token
 * deleted at the end, also after a failed login or a failed run, and on SIGTERM after the child
 * has stopped. Against fake BIG-IPs whose tokens of a non-admin user never expire (ID1787517), so
 * that a token counted here is one that was not deleted.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  DEPLOY_TOKEN_LIFETIME_SECONDS,
  DeployTokens,
  groupStacksByDevice,
  readDeviceStacks,
  stackDevice,
  withDeployTokens,
} from "../../lib/device/deploy-tokens";
import { DeviceConnectionError } from "../../lib/device/icontrol-client";
import { FakeBigip } from "../integration/fake-bigip/fake-bigip";

const USER = "automation";

describe("stackDevice: where a stack's provider goes, from its synthesized provider block", () => {
  test("no address and no login variables: BIGIP_HOST, BIGIP_USER and BIGIP_PASSWORD", () => {
    expect(stackDevice("lab", { teem_disable: true, validate_certs_disable: false })).toEqual({
      stack: "lab",
      target: {
        address: undefined,
        userVariable: "BIGIP_USER",
        passwordVariable: "BIGIP_PASSWORD",
      },
      insecure: false,
    });
  });

  test("the inventory's host and credentials variables, and validateCerts: false", () => {
    const device = stackDevice("west", {
      address: "https://[2001:db8::5]",
      port: "8443",
      username: "${var.bigip_west_user}",
      password: "${var.bigip_west_password}",
      validate_certs_disable: true,
    });
    expect(device).toEqual({
      stack: "west",
      target: {
        address: { scheme: "https", kind: "ipv6", host: "[2001:db8::5]", port: 8443 },
        userVariable: "TF_VAR_bigip_west_user",
        passwordVariable: "TF_VAR_bigip_west_password",
      },
      insecure: true,
    });
  });

  test.each([
    [
      { token_value: "x" },
      "lab: its provider block sets token_value, which would override BIGIP_TOKEN_VALUE; the deploy cannot hand its provider a token (lib/device/deploy-tokens.ts)",
    ],
    [
      { username: "admin" },
      "lab: its provider's username is not a variable; the deploy cannot hand its provider a token (lib/device/deploy-tokens.ts)",
    ],
  ])("refuses a block it cannot hand a token: %j", (block, message) => {
    expect(() => stackDevice("lab", block)).toThrow(new DeviceConnectionError(message));
  });
});

test("groupStacksByDevice: one group per device, login and certificate check, in the stacks' order", () => {
  const at = (host: string, user?: string) => ({
    address: `https://${host}`,
    port: "443",
    ...(user ? { username: `\${var.${user}}`, password: `\${var.${user}_password}` } : {}),
  });
  const groups = groupStacksByDevice([
    stackDevice("east", at("bigip-east.corp.example")),
    stackDevice("west", at("bigip-west.corp.example")),
    stackDevice("east-branch", at("BIGIP-East.corp.example.")),
    stackDevice("east-other-login", at("bigip-east.corp.example", "other")),
    stackDevice("env-a", {}),
    stackDevice("env-b", {}),
  ]);
  expect(groups.map((group) => [group.device, group.stacks])).toEqual([
    ["https://bigip-east.corp.example:443", ["east", "east-branch"]],
    ["https://bigip-west.corp.example:443", ["west"]],
    ["https://bigip-east.corp.example:443", ["east-other-login"]],
    ["BIGIP_HOST", ["env-a", "env-b"]],
  ]);
});

describe("against fake devices", () => {
  let east: FakeBigip;
  let west: FakeBigip;
  let outdir: string;

  beforeEach(async () => {
    east = await FakeBigip.start({ username: USER, password: "east-secret" });
    west = await FakeBigip.start({ username: USER, password: "west-secret" });
    for (const fake of [east, west]) fake.tokens.keepsNonAdminTokens = true;
    outdir = mkdtempSync(path.join(tmpdir(), "da-manage-out-deploy-tokens-"));
    // east and east-2 on east with BIGIP_USER/BIGIP_PASSWORD, west on west with its variables.
    writeStack("east", east, {});
    writeStack("east-2", east, {});
    writeStack("west", west, {
      username: "${var.west_user}",
      password: "${var.west_password}",
    });
  });

  afterEach(async () => {
    rmSync(outdir, { recursive: true, force: true });
    await Promise.all([east.stop(), west.stop()]);
  });

  function writeStack(stack: string, fake: FakeBigip, login: Record<string, string>): void {
    const { protocol, hostname, port } = new URL(fake.host);
    const folder = path.join(outdir, "stacks", stack);
    mkdirSync(folder, { recursive: true });
    const provider = { address: `${protocol}//${hostname}`, port, ...login };
    writeFileSync(
      path.join(folder, "cdk.tf.json"),
      JSON.stringify({ provider: { bigip: [provider] } }),
    );
  }

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    BIGIP_USER: USER,
    BIGIP_PASSWORD: "east-secret",
    TF_VAR_west_user: USER,
    TF_VAR_west_password: "west-secret",
    ...extra,
  });

  const live = () => [east.tokens.liveByUser(), west.tokens.liveByUser()];
  const open = (stacks: string[], environment: NodeJS.ProcessEnv) =>
    DeployTokens.open(readDeviceStacks(stacks, outdir), environment);

  test("one login per device, its lifetime set, each stack's environment with its own device's token; close deletes them", async () => {
    const tokens = await open(["east", "west", "east-2"], env());
    expect([east.tokens.issued(USER), west.tokens.issued(USER)]).toEqual([1, 1]);
    const [eastToken] = east.tokens.live(USER);
    const [westToken] = west.tokens.live(USER);
    expect(tokens.groups.map((group) => [group.stacks, group.env.BIGIP_TOKEN_VALUE])).toEqual([
      [["east", "east-2"], eastToken],
      [["west"], westToken],
    ]);
    expect(tokens.envOf("east-2").BIGIP_TOKEN_VALUE).toBe(eastToken);
    expect(tokens.envOf("west").BIGIP_TOKEN_VALUE).toBe(westToken);
    // The lifetime a long apply needs, set as go-bigip sets token_timeout.
    expect(east.tokens.get(eastToken, "")).toMatchObject({
      timeout: DEPLOY_TOKEN_LIFETIME_SECONDS,
    });
    expect(
      east.writes().map((request) => [request.method, request.url.replace(eastToken, "<token>")]),
    ).toEqual([
      ["POST", "/mgmt/shared/authn/login"],
      ["PATCH", "/mgmt/shared/authz/tokens/<token>"],
    ]);
    expect(live()).toEqual([{ [USER]: 1 }, { [USER]: 1 }]);
    expect(await tokens.close()).toEqual([]);
    expect(live()).toEqual([{}, {}]);
  });

  test("a login that fails names its stacks, and the tokens already taken are deleted", async () => {
    await expect(open(["east", "west"], env({ TF_VAR_west_password: "wrong" }))).rejects.toThrow(
      new DeviceConnectionError(
        `west: login refused by ${new URL(west.host).host} (HTTP 401: Authentication failed.): check BIGIP_USER and BIGIP_PASSWORD`,
      ),
    );
    expect([east.tokens.issued(USER), live()]).toEqual([1, [{}, {}]]);
  });

  test("a missing login variable is named before any login", async () => {
    const without = env();
    delete without.TF_VAR_west_password;
    await expect(open(["east", "west"], without)).rejects.toThrow(
      new DeviceConnectionError("west: set TF_VAR_west_password in the environment"),
    );
    expect(live()).toEqual([{}, {}]);
  });

  test("a BIGIP_TOKEN_VALUE of the caller's own is used as it is, for one device only", async () => {
    const own = await open(["east", "east-2"], env({ BIGIP_TOKEN_VALUE: "OWN" }));
    expect(own.envOf("east-2").BIGIP_TOKEN_VALUE).toBe("OWN");
    expect(await own.close()).toEqual([]);
    expect(east.requests).toEqual([]);
    await expect(open(["east", "west"], env({ BIGIP_TOKEN_VALUE: "OWN" }))).rejects.toThrow(
      new DeviceConnectionError(
        `BIGIP_TOKEN_VALUE is set, and the stacks go to 2 devices (${east.host}, ${west.host}): a token is good for one device only; unset it (npm run deploy then logs in to each device), or deploy one device's stacks at a time`,
      ),
    );
  });

  describe("withDeployTokens", () => {
    const recorded = () => {
      const written = { stdout: "", stderr: "" };
      return {
        written,
        out: {
          stdout: (text: string) => void (written.stdout += text),
          stderr: (text: string) => void (written.stderr += text),
        },
      };
    };

    test("runs the work with the tokens, waits for its children, and deletes the tokens after", async () => {
      const { written, out } = recorded();
      const status = await withDeployTokens(
        { command: "deploy", stacks: ["east", "west"], outdir, env: env(), out },
        async (run) => {
          expect(live()).toEqual([{ [USER]: 1 }, { [USER]: 1 }]);
          const child = spawn(process.execPath, ["-e", "process.exit(3)"]);
          return run.wait(child);
        },
      );
      expect([status, live()]).toEqual([3, [{}, {}]]);
      expect(written.stdout).toBe(
        [east, west]
          .map(
            (fake, i) =>
              `da-manage-out deploy: ${["east", "west"][i]}: logged in to ${fake.host} once; the provider uses that token (BIGIP_TOKEN_VALUE), deleted at the end\n`,
          )
          .join(""),
      );
    });

    test("with the caller's own BIGIP_TOKEN_VALUE: no login, the token left alone, and said so", async () => {
      const { written, out } = recorded();
      const environments: (string | undefined)[] = [];
      const status = await withDeployTokens(
        {
          command: "deploy",
          stacks: ["east"],
          outdir,
          env: env({ BIGIP_TOKEN_VALUE: "OWN" }),
          out,
        },
        (run) => {
          environments.push(run.envOf("east").BIGIP_TOKEN_VALUE);
          return 0;
        },
      );
      expect([status, environments, east.requests]).toEqual([0, ["OWN"], []]);
      expect(written.stdout).toBe(
        "da-manage-out deploy: east: the provider uses the token in BIGIP_TOKEN_VALUE as it is set; it is yours to delete\n",
      );
    });

    test("a work that throws: the tokens are deleted and the error passed on", async () => {
      await expect(
        withDeployTokens({ command: "deploy", stacks: ["west"], outdir, env: env() }, () => {
          throw new Error("a bug");
        }),
      ).rejects.toThrow("a bug");
      expect(live()).toEqual([{}, {}]);
    });

    test("a failed login: exit 2, nothing run, nothing left", async () => {
      const { written, out } = recorded();
      const work = jest.fn();
      const status = await withDeployTokens(
        {
          command: "destroy",
          stacks: ["east"],
          outdir,
          env: env({ BIGIP_PASSWORD: "wrong" }),
          out,
        },
        work,
      );
      expect([status, work.mock.calls.length, live()]).toEqual([2, 0, [{}, {}]]);
      expect(written.stderr).toBe(
        `da-manage-out destroy: east: login refused by ${new URL(east.host).host} (HTTP 401: Authentication failed.): check BIGIP_USER and BIGIP_PASSWORD; nothing was destroyed\n`,
      );
    });

    test("SIGTERM: passed to the child, the tokens deleted once it has ended, then the process ends by SIGTERM", async () => {
      const marker = path.join(outdir, "child-ended");
      // The child takes 300 ms to stop: the tokens must outlive it.
      const child = `process.on("SIGTERM", () => setTimeout(() => { require("fs").writeFileSync(${JSON.stringify(marker)}, String(Date.now())); process.exit(0); }, 300)); setInterval(() => {}, 1000); process.stdout.write("ready\\n");`;
      const script = `
        const { spawn } = require("node:child_process");
        const { withDeployTokens } = require(${JSON.stringify(path.resolve("lib/device/deploy-tokens.ts"))});
        withDeployTokens({ command: "deploy", stacks: ["east"], outdir: ${JSON.stringify(outdir)}, env: process.env }, (run) =>
          run.wait(spawn(process.execPath, ["-e", ${JSON.stringify(child)}], { stdio: "inherit" })),
        ).then((status) => process.stdout.write("resolved " + status + "\\n"));`;
      // The module as the deploy runs it, its TypeScript loaded by tsx.
      const wrapper = spawn(process.execPath, ["--import", "tsx", "-e", script], {
        env: { ...process.env, ...env() },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const ready = new Promise<void>((resolve) =>
        wrapper.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString("utf8");
          if (output.includes("ready")) resolve();
        }),
      );
      wrapper.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      const ended = new Promise<NodeJS.Signals | null>((resolve) =>
        wrapper.on("close", (_, signal) => resolve(signal)),
      );
      let deletedAt = 0;
      east.failing = (method) => void (method === "DELETE" && (deletedAt = Date.now()));
      await ready;
      expect(live()).toEqual([{ [USER]: 1 }, {}]);
      wrapper.kill("SIGTERM");
      expect(await ended).toBe("SIGTERM");
      expect(live()).toEqual([{}, {}]);
      expect(output).toContain(
        "da-manage-out deploy: SIGTERM: stopping cdktf, then deleting the device tokens\n",
      );
      expect(output).not.toContain("resolved");
      // The token was deleted after the child had ended.
      const childEnded = Number(readFileSync(marker, "utf8"));
      expect(deletedAt).toBeGreaterThanOrEqual(childEnded);
    }, 30_000);
  });
});
