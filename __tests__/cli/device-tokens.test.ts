/**
 * Every command that logs in to a device (doctor, audit, adopt, recover) returns its token on every
 * way out: when it ends as usual, when the device fails in the middle of its work, and on SIGINT.
 * A user may hold 100 live tokens (K44237337), and on 17.1.2.x a token of a user other than admin
 * ends only when deleted (F5 bug ID1787517): the fake keeps them so (`keepsNonAdminTokens`), and
 * the user is not admin, so a token counted here was not deleted. Run as a user runs them: the
 * command line in a folder with `inventories/`, against the fake BIG-IP.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { oneServerInventory } from "../device/one-server-inventory";
import { DeviceError } from "../integration/fake-bigip/device-error";
import { FakeBigip } from "../integration/fake-bigip/fake-bigip";
import { fakeTerraform, type FakeTerraform } from "../tools/fake-terraform";

const CLI = path.resolve("bin/da-manage-out.js");
const USER = "automation";

let fake: FakeBigip;
let work: string;
// doctor's Terraform checks and recover's `state pull`: a stand-in terraform (__tests__/tools/).
let terraform: FakeTerraform;
beforeAll(() => (terraform = fakeTerraform()));
afterAll(() => terraform.remove());

beforeEach(async () => {
  fake = await FakeBigip.start({ username: USER, password: "automation-secret" });
  fake.tokens.keepsNonAdminTokens = true;
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-tokens-"));
  mkdirSync(path.join(work, "inventories"));
  writeFileSync(
    path.join(work, "inventories", "corp-east.yaml"),
    oneServerInventory(["vlans: [/Common/internal]"]),
  );
  // recover reads the synthesized stack's folder; its state is empty (never applied).
  const stack = path.join(work, "cdktf.out", "stacks", "corp-east");
  mkdirSync(path.join(stack, ".terraform"), { recursive: true });
  writeFileSync(path.join(stack, "cdk.tf.json"), "{}");
});

afterEach(async () => {
  rmSync(work, { recursive: true, force: true });
  await fake.stop();
});

/** How a command ended. */
interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Runs `da-manage-out <args>` in the work folder; `started` is called once it runs. */
function cli(args: readonly string[], started?: (pid: number) => void): Promise<Ended> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: work,
    env: {
      ...process.env,
      PATH: terraform.path,
      BIGIP_HOST: fake.host,
      BIGIP_USER: USER,
      BIGIP_PASSWORD: "automation-secret",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started?.(child.pid!);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, output })),
  );
}

const COMMANDS: [string, string[]][] = [
  ["doctor", ["doctor"]],
  ["audit", ["audit"]],
  ["adopt", ["adopt", "inventories/corp-east.yaml", "--server", "east/da-east-1", "--find-node"]],
  ["recover", ["recover", "corp-east"]],
];

/** What the command left on the device: live tokens per user, and how often it logged in. */
function tokensLeft() {
  return { live: fake.tokens.liveByUser(), logins: fake.tokens.issued(USER) };
}

describe.each(COMMANDS)("%s returns its token", (_, args) => {
  test("when it ends as usual", async () => {
    const ended = await cli(args);
    expect([ended.signal, ended.output]).toEqual([null, expect.any(String)]);
    expect(tokensLeft()).toEqual({ live: {}, logins: 1 });
    expect(fake.writes().at(-1)).toMatchObject({ method: "DELETE", status: 200 });
  });

  test("when the device fails in the middle of its work (HTTP 500 on a read): exit 2", async () => {
    fake.failing = (method, url) =>
      method === "GET" && url.startsWith("/mgmt/tm/")
        ? new DeviceError(500, "restjavad is restarting")
        : undefined;
    const ended = await cli(args);
    expect([ended.code, ended.output]).toEqual([
      2,
      expect.stringMatching(/answered HTTP 500: restjavad is restarting/),
    ]);
    expect(tokensLeft()).toEqual({ live: {}, logins: 1 });
  });

  test("on SIGINT while it waits for the device: the token is deleted, then it ends by SIGINT", async () => {
    fake.readDelayMs = 60_000;
    let pid = 0;
    let signalled = false;
    // The first read below /mgmt/tm/ that arrives: the command has logged in and is at work.
    fake.failing = (_method, url) => {
      if (!signalled && url.startsWith("/mgmt/tm/")) {
        signalled = true;
        process.kill(pid, "SIGINT");
      }
      return undefined;
    };
    const ended = await cli(args, (started) => (pid = started));
    expect([signalled, ended.signal]).toEqual([true, "SIGINT"]);
    expect(tokensLeft()).toEqual({ live: {}, logins: 1 });
  });
});
