/**
 * The tokens of the documented deploy path (`npm run deploy`, `npm run destroy`:
 * lib/cli/deploy-command.ts). Left alone, the F5Networks/bigip provider logs in on every plan and apply
 * and never logs out (terraform-provider-bigip issue 401; `vendor/github.com/f5devcentral/go-bigip/
 * bigip.go` in 1.28.0 has no DELETE of a token): one `npm run deploy` took 3 tokens (cdktf's plan
 * and apply, the plan that proves the deploy), a destroy 3 too. A user may hold 100 (K44237337),
 * and on 17.1.2.x the tokens of users other than admin are never released (F5 bug ID1787517), so
 * a pipeline that deploys often locks its account out.
 *
 * So the deploy path logs in once per device and hands the token to the provider: its
 * `token_value` defaults to `BIGIP_TOKEN_VALUE` (`bigip/provider.go`, Provider()), and with a
 * token `bigip/config.go` Client() takes `bigip.NewSession` with that token instead of
 * `NewTokenSession`, the login (it still needs `username` and `password` set for the TLS CA and
 * its connection check, a GET of `net/self`, both made with the token). The token is deleted when
 * the run ends: on success, on failure, and on SIGINT or SIGTERM once the child has stopped.
 *
 * A stack's device and login are read from its synthesized provider block, what Terraform will
 * use: stacks of one device and login share a token, and a token never goes to the stack of
 * another device (each device's stacks run in their own cdktf, with their own environment).
 */
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { processOutput, type Output } from "../cli/output";
import { interruptedBy, onInterruption } from "../io/interruption";
import { showValue } from "../io/show-value";
import { connectionFor, type DeviceTarget } from "./connection-settings";
import { deviceLabel, isAddressProblem, parseEnvironmentAddress } from "./device-address";
import { DeviceConnectionError, IcontrolClient } from "./icontrol-client";

/**
 * The lifetime the deploy gives its token, in seconds: 36,000 (10 hours), the most a device
 * grants ("The maximum lifespan is 36,000s (10 hrs)", F5 in F5Networks/f5-ansible issue 2199;
 * also joel74/POSH-LTM-Rest issue 147). A token lives 1,200 s from its login unless PATCHed
 * (f5-automation-labs Class 1), and an apply that outlived it failed with "X-F5-Auth-Token has
 * expired" (terraform-provider-bigip issue 55): a deploy waits for a state lock up to
 * DA_MANAGE_OUT_LOCK_TIMEOUT and then applies at the device's pace. The lifetime only matters
 * when the wrapper cannot delete the token (killed with SIGKILL); on 17.1.2.x a non-admin token
 * outlives it anyway (ID1787517).
 */
export const DEPLOY_TOKEN_LIFETIME_SECONDS = 36_000;

/** Where a stack's provider goes and how it logs in. */
export interface StackDevice {
  readonly stack: string;
  readonly target: DeviceTarget;
  /** `validate_certs_disable`: the provider does not verify the device's certificate. */
  readonly insecure: boolean;
}

/** `${var.<name>}`, the reference DeviceCredentials writes for a login variable. */
const VARIABLE_REFERENCE = /^\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}$/;

/**
 * The device of a stack, from its synthesized provider block (`provider.bigip[0]` of
 * `cdk.tf.json`): `address` and `port` as the provider reads them (else `BIGIP_HOST` and
 * `BIGIP_PORT`), the login from the variables `username` and `password` reference (else
 * `BIGIP_USER` and `BIGIP_PASSWORD`).
 */
export function stackDevice(stack: string, provider: Record<string, unknown>): StackDevice {
  const problem = (what: string) =>
    new DeviceConnectionError(
      `${stack}: ${what}; the deploy cannot hand its provider a token (lib/device/deploy-tokens.ts)`,
    );
  if (provider.token_value !== undefined) {
    throw problem("its provider block sets token_value, which would override BIGIP_TOKEN_VALUE");
  }
  let address: DeviceTarget["address"];
  if (provider.address !== undefined) {
    const port = provider.port === undefined ? undefined : String(provider.port);
    const parsed = parseEnvironmentAddress(String(provider.address), port);
    if (isAddressProblem(parsed)) throw problem(`its provider's address ${parsed.reason}`);
    address = parsed;
  }
  const variable = (key: "username" | "password", otherwise: string): string => {
    if (provider[key] === undefined) return otherwise;
    const reference = VARIABLE_REFERENCE.exec(String(provider[key]));
    if (!reference) throw problem(`its provider's ${key} is not a variable`);
    return `TF_VAR_${reference[1]}`;
  };
  return {
    stack,
    target: {
      address,
      userVariable: variable("username", "BIGIP_USER"),
      passwordVariable: variable("password", "BIGIP_PASSWORD"),
    },
    insecure: provider.validate_certs_disable === true,
  };
}

/** The stacks of one device and login, in the order given. */
export interface DeviceStacks {
  /** `https://bigip-east.corp.example:443`, or `BIGIP_HOST`. */
  readonly device: string;
  readonly target: DeviceTarget;
  readonly insecure: boolean;
  readonly stacks: readonly string[];
}

/** Groups stacks by device, login and certificate check: one token for each group. */
export function groupStacksByDevice(devices: readonly StackDevice[]): DeviceStacks[] {
  const groups = new Map<string, DeviceStacks & { stacks: string[] }>();
  for (const { stack, target, insecure } of devices) {
    const device = deviceLabel({ host: target.address });
    const key = [device, target.userVariable, target.passwordVariable, insecure].join(" ");
    const group = groups.get(key) ?? { device, target, insecure, stacks: [] };
    group.stacks.push(stack);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The devices of synthesized stacks (`<outdir>/stacks/<stack>/cdk.tf.json`), grouped. */
export function readDeviceStacks(stacks: readonly string[], outdir: string): DeviceStacks[] {
  return groupStacksByDevice(
    stacks.map((stack) => {
      const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
      const document = JSON.parse(readFileSync(file, "utf8")) as {
        provider?: { bigip?: Record<string, unknown>[] };
      };
      return stackDevice(stack, document.provider?.bigip?.[0] ?? {});
    }),
  );
}

/** The stacks of one device with the environment their Terraform runs in. */
export interface TokenGroup {
  /** The device's URL (`BIGIP_HOST` for the caller's own token of a stack that names none). */
  readonly device: string;
  readonly stacks: readonly string[];
  /** The run's environment with this device's token in `BIGIP_TOKEN_VALUE`. */
  readonly env: NodeJS.ProcessEnv;
}

/** Tokens taken for a run: one per device, until `close()`. */
export class DeployTokens {
  private constructor(
    readonly groups: readonly TokenGroup[],
    private readonly sessions: readonly IcontrolClient[],
  ) {}

  /**
   * Logs in once per group and sets the token's lifetime to `lifetimeSeconds`. A `BIGIP_TOKEN_VALUE` already in the environment is
   * the caller's own: it is used as it is, never deleted, and only for stacks of one device.
   * Throws `DeviceConnectionError` (with nothing left logged in) when a login fails.
   */
  static async open(
    groups: readonly DeviceStacks[],
    env: NodeJS.ProcessEnv,
    lifetimeSeconds = DEPLOY_TOKEN_LIFETIME_SECONDS,
  ): Promise<DeployTokens> {
    if (env.BIGIP_TOKEN_VALUE) {
      if (groups.length > 1) {
        throw new DeviceConnectionError(
          `BIGIP_TOKEN_VALUE is set, and the stacks go to ${groups.length} devices (${groups.map((group) => group.device).join(", ")}): a token is good for one device only; unset it (npm run deploy then logs in to each device), or deploy one device's stacks at a time`,
        );
      }
      return new DeployTokens(
        groups.map((group) => ({ device: group.device, stacks: group.stacks, env })),
        [],
      );
    }
    const sessions: IcontrolClient[] = [];
    const tokenGroups: TokenGroup[] = [];
    try {
      for (const group of groups) {
        const session = await tokenSession(group, env, lifetimeSeconds);
        sessions.push(session);
        tokenGroups.push({
          device: session.url,
          stacks: group.stacks,
          env: { ...env, BIGIP_TOKEN_VALUE: session.sessionToken },
        });
      }
    } catch (error) {
      await Promise.all(sessions.map((session) => session.close()));
      throw error;
    }
    return new DeployTokens(tokenGroups, sessions);
  }

  /** The environment of a stack's Terraform: its own device's token. */
  envOf(stack: string): NodeJS.ProcessEnv {
    const group = this.groups.find((candidate) => candidate.stacks.includes(stack));
    if (!group) throw new Error(`no token group holds the stack ${stack}`);
    return group.env;
  }

  /**
   * Deletes the tokens this run took (never the caller's own).
   * @returns the devices whose token may still be live
   */
  async close(): Promise<string[]> {
    const deleted = await Promise.all(this.sessions.map((session) => session.close()));
    return this.sessions.filter((_, i) => !deleted[i]).map((session) => session.host);
  }
}

/**
 * A login to the group's device, its connection read as doctor reads it (with the CA the
 * provider gets, BIGIP_TRUSTED_CERT_PATH),
 * with the token's lifetime set; errors name the group's stacks.
 */
async function tokenSession(
  group: DeviceStacks,
  env: NodeJS.ProcessEnv,
  lifetimeSeconds: number,
): Promise<IcontrolClient> {
  const inStacks = (message: string) =>
    new DeviceConnectionError(`${group.stacks.join(", ")}: ${message}`);
  const connection = connectionFor(group.target, env, {
    // The file the provider gets (withDeviceCa resolved BIGIP_CA_FILE where the command was
    // typed), not BIGIP_CA_FILE read again from the repository's folder.
    caFile: env.BIGIP_TRUSTED_CERT_PATH || undefined,
    insecure: group.insecure,
  });
  if ("missing" in connection) {
    throw inStacks(`set ${connection.missing.join(", ")} in the environment`);
  }
  if ("error" in connection) throw inStacks(connection.error);
  let session: IcontrolClient | undefined;
  try {
    session = await IcontrolClient.login(connection.settings);
    await session.setTokenLifetime(lifetimeSeconds);
    return session;
  } catch (error) {
    await session?.close();
    throw error instanceof DeviceConnectionError ? inStacks(error.message) : error;
  }
}

/** What `withDeployTokens` needs. */
export interface DeployTokensProps {
  /** `deploy` or `destroy`, for messages. */
  readonly command: string;
  /** The stacks of the run, synthesized in `outdir`. */
  readonly stacks: readonly string[];
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where to report. @default the process's stdout and stderr */
  readonly out?: Output;
}

/** A run with its tokens, given to the work of `withDeployTokens`. */
export interface DeployRun {
  /** The stacks by device, each with the environment that holds that device's token. */
  readonly groups: readonly TokenGroup[];
  /** The environment of a stack's Terraform. */
  envOf(stack: string): NodeJS.ProcessEnv;
  /**
   * Waits for a child (cdktf), passing SIGINT and SIGTERM on to it: resolves with its exit code
   * (1 when it could not start or a signal ended it). After SIGINT or SIGTERM it never resolves:
   * the tokens are deleted once the child has ended, and the process ends by that signal.
   */
  wait(child: ChildProcess): Promise<number>;
}

/**
 * Takes a token per device for the stacks, runs `work` with them and deletes them afterwards,
 * whatever happens: `work`'s exit code, or 2 when a login failed (nothing ran then).
 */
export async function withDeployTokens(
  props: DeployTokensProps,
  work: (run: DeployRun) => Promise<number> | number,
): Promise<number> {
  const { command, out = processOutput } = props;
  const children = new Set<ChildProcess>();
  let opening: Promise<DeployTokens> | undefined;
  const closeTokens = async (tokens: DeployTokens) => {
    const left = await tokens.close();
    for (const device of left) {
      out.stderr(
        `da-manage-out ${command}: warning: the token at ${showValue(device)} could not be deleted; it ends after ${DEPLOY_TOKEN_LIFETIME_SECONDS / 3600} hours, on 17.1.2.x for a user other than admin only when deleted (K02126317)\n`,
      );
    }
  };
  const release = onInterruption(async (signal) => {
    out.stderr(
      `da-manage-out ${command}: ${signal}: stopping ${children.size > 0 ? "cdktf" : "the run"}, then deleting the device tokens\n`,
    );
    await Promise.all([...children].map((child) => stopped(child, signal)));
    const tokens = await opening?.catch(() => undefined);
    if (tokens) await closeTokens(tokens);
  });
  let tokens: DeployTokens;
  try {
    opening = DeployTokens.open(readDeviceStacks(props.stacks, props.outdir), props.env);
    tokens = await opening;
    // A signal during the logins: the clean-up deletes the tokens and ends the process.
    if (interruptedBy() !== undefined) return new Promise<number>(() => {});
  } catch (error) {
    release();
    if (!(error instanceof DeviceConnectionError)) throw error;
    out.stderr(`da-manage-out ${command}: ${error.message}; nothing was ${command}ed\n`);
    return 2;
  }
  for (const group of tokens.groups) {
    out.stdout(
      props.env.BIGIP_TOKEN_VALUE
        ? `da-manage-out ${command}: ${group.stacks.join(", ")}: the provider uses the token in BIGIP_TOKEN_VALUE as it is set; it is yours to delete\n`
        : `da-manage-out ${command}: ${group.stacks.join(", ")}: logged in to ${group.device} once; the provider uses that token (BIGIP_TOKEN_VALUE), deleted at the end\n`,
    );
  }
  const run: DeployRun = {
    groups: tokens.groups,
    envOf: (stack) => tokens.envOf(stack),
    wait(child) {
      children.add(child);
      return new Promise((resolve) => {
        const done = (status: number) => {
          children.delete(child);
          if (interruptedBy() === undefined) resolve(status);
        };
        child.on("error", () => done(1));
        child.on("close", (status) => done(status ?? 1));
      });
    },
  };
  try {
    return await work(run);
  } finally {
    if (interruptedBy() === undefined) {
      await closeTokens(tokens);
      release();
    }
  }
}

/** Passes the signal to a running child and resolves when it has ended. */
function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
