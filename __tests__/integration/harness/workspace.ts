/**
 * A scratch project for one integration scenario: its own inventories folder, synthesized output
 * and local state, deployed with real Terraform and the real provider (and the real cdktf CLI
 * where a user would use it) against a fake BIG-IP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { TEST_CA_FILE } from "./device-tls";

import { withDeviceCa } from "../../../lib/deploy/device-ca";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

/** What a finished command printed and how it ended. */
export interface CommandResult {
  readonly status: number | null;
  readonly output: string;
}

/** The environment every Terraform and cdktf call gets: no network calls beyond the fake. */
export function terraformEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ...extra,
  };
  // A TF_CLI_CONFIG_FILE naming a missing file makes terraform warn on every call.
  if (env.TF_CLI_CONFIG_FILE && !existsFile(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

function existsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Runs a command without blocking the event loop: the fake BIG-IP answers from this process
 * while Terraform runs.
 */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 300_000,
): Promise<CommandResult> {
  return started(command, args, cwd, env, timeoutMs).result;
}

/** A running command, and its result when it ends. */
export interface StartedCommand {
  readonly child: ChildProcess;
  readonly result: Promise<CommandResult>;
}

function started(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): StartedCommand {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const result = new Promise<CommandResult>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
  return { child, result };
}

/** Fails with the command's output when it did not exit 0. */
export function expectSuccess(result: CommandResult, what: string): string {
  if (result.status !== 0) {
    throw new Error(`${what} exited ${result.status}:\n${result.output.slice(-6000)}`);
  }
  return result.output;
}

/** Fails, with the end of its output, unless the command exited `status`; its output. */
export function expectExit(result: CommandResult, status: number, what: string): string {
  expect([what, result.status, result.status === status ? "" : result.output.slice(-4000)]).toEqual(
    [what, status, ""],
  );
  return result.output;
}

/** Props of a scenario's workspace. */
export interface WorkspaceProps {
  /** `BIGIP_HOST` of the fake, e.g. `https://127.0.0.1:41234`. */
  readonly bigipHost: string;
  /** Shared plugin cache, so each `terraform init` copies instead of unpacking. */
  readonly pluginCacheDir: string;
  /**
   * Environment variables to set, or to unset (`undefined`), over the defaults; `BIGIP_CA_FILE`
   * is the test CA unless given here.
   */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** One scenario's folder: `inventories/`, `cdktf.out/` and the local state files. */
export class Workspace {
  readonly root = mkdtempSync(path.join(tmpdir(), "da-manage-out-lifecycle-"));
  readonly inventories = path.join(this.root, "inventories");
  readonly outdir = path.join(this.root, "cdktf.out");
  private readonly env: NodeJS.ProcessEnv;
  private readonly initialized = new Set<string>();

  constructor(props: WorkspaceProps) {
    mkdirSync(this.inventories);
    this.env = terraformEnvironment({
      BIGIP_HOST: props.bigipHost,
      BIGIP_USER: "admin",
      BIGIP_PASSWORD: "fake-password",
      TF_PLUGIN_CACHE_DIR: props.pluginCacheDir,
      DA_MANAGE_OUT_INVENTORIES: this.inventories,
      CDKTF_OUTDIR: this.outdir,
      BIGIP_CA_FILE: TEST_CA_FILE,
    });
    for (const [name, value] of Object.entries(props.environment ?? {})) {
      if (value === undefined) delete this.env[name];
      else this.env[name] = value;
    }
  }

  /** Writes (or replaces) an inventory file. */
  writeInventory(file: string, text: string): void {
    writeFileSync(path.join(this.inventories, file), text);
  }

  /**
   * Copies an inventory of the project (e.g. `inventories/corp-east.yaml`) into the workspace,
   * with its `bigip.host` replaced by `host` (a fake's address) when given.
   */
  copyInventory(projectFile: string, host?: string): void {
    const text = readFileSync(path.join(PROJECT_ROOT, projectFile), "utf8");
    writeFileSync(
      path.join(this.inventories, path.basename(projectFile)),
      host === undefined ? text : text.replace(/^ {2}host: .*$/m, `  host: "${host}"`),
    );
  }

  /** Removes an inventory file. */
  removeInventory(file: string): void {
    rmSync(path.join(this.inventories, file));
  }

  /** Synthesizes every inventory of the workspace, as `cdktf synth` does. */
  async synth(): Promise<void> {
    expectSuccess(
      await run(process.execPath, ["scripts/run-app.cjs"], PROJECT_ROOT, this.env),
      "the cdktf app",
    );
  }

  /** The working directory of a synthesized stack. */
  stackDirectory(stack: string): string {
    return path.join(this.outdir, "stacks", stack);
  }

  /**
   * The environment of Terraform run by hand, not by the project's wrappers: the CA of
   * `BIGIP_CA_FILE` given to the provider as `BIGIP_TRUSTED_CERT_PATH`, as the wrappers give it
   * (the documented way to run Terraform in a stack's folder).
   */
  private get providerEnv(): NodeJS.ProcessEnv {
    const { env, error } = withDeviceCa(this.env);
    if (error !== undefined) throw new Error(error);
    return env!;
  }

  /** Runs terraform in a synthesized stack's directory (init first, once). */
  async terraform(stack: string, ...args: string[]): Promise<CommandResult> {
    const cwd = this.stackDirectory(stack);
    if (!this.initialized.has(stack)) {
      expectSuccess(
        await run("terraform", ["init", "-input=false", "-no-color"], cwd, this.env),
        `terraform init (${stack})`,
      );
      this.initialized.add(stack);
    }
    return run("terraform", [...args, "-no-color"], cwd, this.providerEnv);
  }

  /** Synthesizes and applies a stack with terraform; fails on any error. */
  async apply(stack: string): Promise<string> {
    await this.synth();
    return expectSuccess(
      await this.terraform(stack, "apply", "-auto-approve", "-input=false"),
      `apply ${stack}`,
    );
  }

  /** Synthesizes and applies, expecting a failure; the output. */
  async applyFailing(stack: string): Promise<string> {
    await this.synth();
    const result = await this.terraform(stack, "apply", "-auto-approve", "-input=false");
    if (result.status === 0) throw new Error(`apply ${stack} succeeded, a failure was expected`);
    return result.output;
  }

  /**
   * Synthesizes and plans; the plan's output when it has changes, `undefined` when it is clean
   * (`terraform plan -detailed-exitcode`: 0 clean, 2 changes, 1 error).
   */
  async planChanges(stack: string): Promise<string | undefined> {
    await this.synth();
    const result = await this.terraform(stack, "plan", "-detailed-exitcode", "-input=false");
    if (result.status === 0) return undefined;
    if (result.status === 2) return result.output;
    throw new Error(`plan ${stack} failed:\n${result.output.slice(-6000)}`);
  }

  /** Destroys a stack with terraform. */
  async destroy(stack: string): Promise<string> {
    return expectSuccess(
      await this.terraform(stack, "destroy", "-auto-approve", "-input=false"),
      `destroy ${stack}`,
    );
  }

  /**
   * Runs the CLI of the selected engine as a user would (`npm run cdktf -- <args>`: on Node 24
   * and 26 cdktf's CLI runs on Node 22), against this workspace's inventories;
   * `--skip-provider-lock` because the lock step asks the registry.
   */
  cdktf(...args: string[]): Promise<CommandResult> {
    return this.wrapper(this.env, args);
  }

  /**
   * Runs the project's CLI wrapper on an engine (`DA_MANAGE_OUT_ENGINE=<engine> npm run cdktf --
   * <args>`), as a user who switched engines would; `cdktn` runs cdktn-cli on Node 22.
   */
  cdktfOn(engine: "cdktf" | "cdktn", ...args: string[]): Promise<CommandResult> {
    return this.wrapper({ ...this.env, DA_MANAGE_OUT_ENGINE: engine }, args);
  }

  /** `npm run cdktf -- <args>` (`da-manage-out cdktf`): the CLI on a Node it runs on. */
  private wrapper(env: NodeJS.ProcessEnv, args: string[]): Promise<CommandResult> {
    return run(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "bin", "da-manage-out.js"),
        "cdktf",
        ...args,
        "--skip-provider-lock",
        "--output",
        this.outdir,
      ],
      PROJECT_ROOT,
      env,
      600_000,
    );
  }

  /**
   * Starts the documented deploy or destroy (`npm run deploy -- <args>`, `npm run destroy --
   * <args>`): cdktf, then Terraform's proof that the run finished.
   */
  startDeployScript(mode: "deploy" | "destroy", ...args: string[]): StartedCommand {
    return started(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "bin", "da-manage-out.js"),
        mode,
        ...args,
        "--auto-approve",
        "--skip-provider-lock",
        "--output",
        this.outdir,
      ],
      PROJECT_ROOT,
      this.env,
      600_000,
    );
  }

  /** Runs the documented deploy or destroy to its end. */
  deployScript(mode: "deploy" | "destroy", ...args: string[]): Promise<CommandResult> {
    return this.startDeployScript(mode, ...args).result;
  }

  /** Runs the project's own CLI (`npx da-manage-out <args>`). */
  daManageOut(...args: string[]): Promise<CommandResult> {
    return run(
      process.execPath,
      [path.join(PROJECT_ROOT, "bin", "da-manage-out.js"), ...args],
      PROJECT_ROOT,
      this.env,
    );
  }

  /** Runs the project's own CLI in the workspace's folder, where it finds `inventories/`. */
  daManageOutHere(...args: string[]): Promise<CommandResult> {
    return run(
      process.execPath,
      [path.join(PROJECT_ROOT, "bin", "da-manage-out.js"), ...args],
      this.root,
      this.env,
    );
  }

  /** Deletes the workspace. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
