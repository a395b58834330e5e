/**
 * `da-manage-out deploy|destroy <stack...> [cdktf options]` (`npm run deploy`, `npm run destroy`):
 * cdktf, then Terraform's proof that the run finished (lib/deploy/convergence.ts). Before
 * Terraform: the state-lock wait (lib/deploy/lock-timeout.ts), the device CA handed to the
 * provider (lib/deploy/device-ca.ts), the app synthesized once, a changed backend stopped
 * (lib/deploy/backend-change.ts), each backend initialised (lib/deploy/backend-init.ts). One
 * device token per device for the run (lib/device/deploy-tokens.ts), and afterwards the wait for
 * each config-synced device group (lib/deploy/config-sync-wait.ts).
 */
import * as path from "node:path";
import { withDeployTokens } from "../device/deploy-tokens";
import { initialiseBackends } from "../deploy/backend-init";
import { movedBackendMessage, movedBackends } from "../deploy/backend-change";
import { cdktfCli, startCdktf } from "../deploy/cdktf-process";
import { waitForConfigSync } from "../deploy/config-sync-wait";
import { checkConverged, checkDestroyed } from "../deploy/convergence";
import { parseDeployArguments } from "../deploy/deploy-arguments";
import { withDeviceCa } from "../deploy/device-ca";
import { withLockTimeout } from "../deploy/lock-timeout";
import { runProcess, type RunProcess } from "../deploy/process-runner";
import { APP_SCRIPT, projectRoot } from "../deploy/project-root";
import { syncTimeout } from "../deploy/sync-timeout";
import { expandStacks, verifyingStacks } from "../deploy/synthesized-stacks";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import type { Output } from "./output";

/** `deploy` or `destroy`. */
export type DeployMode = "deploy" | "destroy";

/** What a deploy runs with; tests pass their own. */
export interface DeployContext {
  readonly env: NodeJS.ProcessEnv;
  readonly out: Output;
  /** Runs terraform, the app and sync-status. @default runProcess */
  readonly run?: RunProcess;
  /** The repository (its app script). @default projectRoot() */
  readonly root?: string;
}

/**
 * Runs a deploy or destroy of the stacks `args` names (cdktf's options pass through).
 * @returns 0 done and verified; 1 not done, not verified or not in sync; 2 usage or settings
 */
export async function runDeploy(
  mode: DeployMode,
  args: readonly string[],
  context: DeployContext,
): Promise<number> {
  const { out, run = runProcess, root = projectRoot() } = context;
  const fail = (message: string, status: number) => {
    out.stderr(`da-manage-out: ${message}\n`);
    return status;
  };
  const { stacks, options, outdir, refused } = parseDeployArguments(args, context.env);
  if (refused !== undefined) {
    return fail(
      `${refused} is not taken: the ${mode} runs this project's app (cdktf.json), whose inventories it checked`,
      EXIT.usage,
    );
  }
  if (stacks.length === 0) {
    return fail(`name the stacks to ${mode}: npm run ${mode} -- <stack...>`, EXIT.usage);
  }
  const locking = withLockTimeout({ CHECKPOINT_DISABLE: "1", ...context.env });
  if (locking.error !== undefined) return fail(locking.error, EXIT.usage);
  const syncProblem = syncTimeout(context.env).error;
  if (syncProblem !== undefined) return fail(syncProblem, EXIT.usage);
  const device = withDeviceCa(locking.env);
  if (device.error !== undefined) return fail(device.error, EXIT.usage);
  const cli = cdktfCli(context.env);
  if ("error" in cli) return fail(cli.error, EXIT.usage);
  if (root === undefined) {
    return fail(
      `${mode} runs in the project's repository, beside its app (${APP_SCRIPT}); an installed package has none`,
      EXIT.usage,
    );
  }
  const { env } = device;
  out.stdout(
    `da-manage-out ${mode}: a state lock held by another run is waited for up to ${locking.timeout} (DA_MANAGE_OUT_LOCK_TIMEOUT); Terraform says "Acquiring state lock" meanwhile\n`,
  );
  // Synthesized once here (cdktf synthesizes the same again), so the stacks are known before
  // Terraform runs: their backends are compared and initialised, then checked after cdktf.
  const synth = run(process.execPath, [path.join(root, APP_SCRIPT)], {
    cwd: root,
    env: { ...env, CDKTF_OUTDIR: outdir },
  });
  if (synth.status !== 0) {
    out.stderr(synth.stderr);
    return fail("the inventories did not synthesize; nothing was deployed", EXIT.invalidInput);
  }
  const names = expandStacks(stacks, outdir);
  if (typeof names === "string") return fail(names, EXIT.invalidInput);
  const withoutCa = env.BIGIP_TRUSTED_CERT_PATH ? [] : verifyingStacks(names, outdir);
  if (withoutCa.length > 0) {
    return fail(
      `${withoutCa.join(", ")}: the provider verifies the BIG-IP's TLS certificate and needs the CA that signed it: set BIGIP_CA_FILE to that PEM file (doctor verifies with the same); only for a lab, bigip.validateCerts: false (docs/terraform.md#the-big-ips-tls-certificate)`,
      EXIT.usage,
    );
  }
  const moved = movedBackends(names, outdir);
  if (moved.length > 0) {
    for (const each of moved) out.stderr(movedBackendMessage(mode, each, outdir, root));
    return EXIT.invalidInput;
  }
  const notInitialised = initialiseBackends(names, { outdir, env, run }, out);
  if (notInitialised !== undefined) return fail(notInitialised, EXIT.invalidInput);
  // The provider logs in on every plan and apply and never logs out. So: one login per device, its
  // token handed to that device's stacks alone (a cdktf run each) and deleted at the end, also on
  // failure, SIGINT or SIGTERM.
  return withDeployTokens({ command: mode, stacks: names, outdir, env, out }, async (tokens) => {
    let status = 0;
    for (const group of tokens.groups) {
      const cdktf = startCdktf(
        cli,
        [mode, ...group.stacks, ...options, "--output", outdir],
        group.env,
        root,
      );
      status = (await tokens.wait(cdktf)) || status;
    }
    let failed = 0;
    for (const stack of names) {
      const where = { stack, outdir, env: tokens.envOf(stack), run };
      const ok = mode === "deploy" ? checkConverged(where, out) : checkDestroyed(where, out);
      if (!ok) failed += 1;
    }
    // cdktf does not always pass on Terraform's error (seen when the provider's login takes the
    // token-lifetime PATCH a real device's answer calls for): the checks above say what is left.
    if (status !== 0) {
      return fail(
        `cdktf ${mode} exited ${status}; ${failed} of ${names.length} stacks not done (see above). After an interrupted run: npx da-manage-out recover <stack>, then npm run ${mode} -- <stack> again`,
        status || 1,
      );
    }
    if (failed > 0) {
      return fail(
        `${failed} of ${names.length} stacks did not finish; the ${mode} is NOT done. After an interrupted run: npx da-manage-out recover <stack>, then npm run ${mode} -- <stack> again`,
        EXIT.invalidInput,
      );
    }
    out.stdout(`da-manage-out ${mode}: ${names.join(", ")}: verified by Terraform\n`);
    // The config syncs of the run only started: wait for each device group to be In Sync.
    const synced = waitForConfigSync(names, env, root, run);
    if (synced !== 0) {
      return fail(
        `the ${mode} is applied on the device, but not confirmed on its HA peer: a device group is not In Sync (see above)`,
        synced,
      );
    }
    return EXIT.ok;
  });
}

/** The help's options, environment and exit codes, the same for deploy and destroy. */
const commonHelp = (mode: DeployMode) => `
Options: every cdktf ${mode} option (--auto-approve, --output <dir>, --var..., --parallelism);
-h, --help (first) shows this help.

Environment: DA_MANAGE_OUT_LOCK_TIMEOUT (default 15m: how long a state lock held by another run
is waited for), DA_MANAGE_OUT_SYNC_TIMEOUT (default 5m: the config-sync wait), BIGIP_CA_FILE
(the CA of the BIG-IP's certificate, as doctor reads it), BIGIP_USER and BIGIP_PASSWORD (one
login per device for the whole run, its token deleted at the end), DA_MANAGE_OUT_INVENTORIES
(default inventories/), DA_MANAGE_OUT_ENGINE (cdktf or cdktn).

Exit codes: 0 done and verified by Terraform (and every config-synced group In Sync), 1 not done
or not verified (with what to do), 2 usage error, a setting refused, or a login failed.
`;

/** The `deploy` or `destroy` command. */
function runCommand(mode: DeployMode, summary: string, what: string): Command {
  return {
    name: mode,
    summary,
    help: `Usage: da-manage-out ${mode} <stack...> [cdktf options]   (npm run ${mode} -- <stack...>)

${what} Stacks are named as cdktf names them (* matches anything). Runs in the
project's repository: synthesizes the app once, stops a stack whose backend changed since its
folder was initialised (with the command that moves the state), initialises each backend, logs in
once per device, runs cdktf ${mode}, and then asks Terraform itself whether the run finished:
${mode === "deploy" ? "terraform plan -detailed-exitcode must find no changes" : "terraform state list must find nothing"}. cdktf's own exit code is not proof.
After that, each stack with bigip.configSync waits for its device group to be In Sync
(da-manage-out sync-status --wait).
${commonHelp(mode)}`,
    options: {},
    passThrough: true,
    run: (_values, positionals, out) => runDeploy(mode, positionals, { env: process.env, out }),
  };
}

/** `da-manage-out deploy` (`npm run deploy`). */
export const deployCommand = runCommand(
  "deploy",
  "cdktf deploy of the stacks, then Terraform's proof that it converged",
  "Deploys the stacks.",
);

/** `da-manage-out destroy` (`npm run destroy`). */
export const destroyCommand = runCommand(
  "destroy",
  "cdktf destroy of the stacks, then Terraform's proof that the state is empty",
  "Destroys the stacks.",
);
