/**
 * `da-manage-out cdktf <cdktf command> [options]` (`npm run cdktf -- …`, `npm run synth`): the
 * project's cdktf CLI (lib/deploy/cdktf-process.ts). A state lock held by another run is waited
 * for (DA_MANAGE_OUT_LOCK_TIMEOUT), as in deploy; for a command that runs the provider, the
 * BIG-IP's CA (BIGIP_CA_FILE) is handed on as BIGIP_TRUSTED_CERT_PATH.
 *
 * Before a command that synthesizes, the inventories are checked here (the app's own check,
 * lib/inventory/synth-check.ts): cdktf prints what the app writes on stderr as it comes and then
 * again in its failure summary, so an invalid inventory would show each problem twice, behind a
 * log prefix.
 */
import { checkInventoriesForSynth, inventoryFolder } from "../inventory";
import { cdktfCli, startCdktf } from "../deploy/cdktf-process";
import { withDeviceCa } from "../deploy/device-ca";
import { withLockTimeout } from "../deploy/lock-timeout";
import { projectRoot } from "../deploy/project-root";
import { childEnded } from "../io/interruption";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import type { Output } from "./output";

/** The cdktf commands that run the app (and so check the inventories) before anything else. */
const SYNTHESIZING = new Set([
  "synth",
  "diff",
  "plan",
  "deploy",
  "apply",
  "destroy",
  "output",
  "list",
  "watch",
]);

/** The cdktf commands that run Terraform with the provider, which logs in to the device. */
const REACHING_THE_DEVICE = new Set(["diff", "plan", "deploy", "apply", "destroy", "watch"]);

/**
 * Runs cdktf with `args`; resolves with its exit code. SIGINT and SIGTERM are passed on and its
 * end awaited, so that whoever signalled this process knows cdktf has stopped; this process then
 * ends by that signal, whatever cdktf's status (`childEnded`).
 */
export function runCdktf(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  out: Output,
): Promise<number> | number {
  const fail = (message: string) => {
    out.stderr(`da-manage-out: ${message}\n`);
    return EXIT.usage;
  };
  const locking = withLockTimeout({ CHECKPOINT_DISABLE: "1", ...env });
  if (locking.error !== undefined) return fail(locking.error);
  const device = REACHING_THE_DEVICE.has(args[0]) ? withDeviceCa(locking.env) : locking;
  if (device.error !== undefined) return fail(device.error);
  const cli = cdktfCli(env);
  if ("error" in cli) return fail(cli.error);
  const root = projectRoot();
  if (root === undefined) return fail("cdktf runs in the project's repository, beside its app");
  if (SYNTHESIZING.has(args[0])) {
    const check = checkInventoriesForSynth(inventoryFolder(env));
    // Warnings are left to the app's own synth, which prints them once.
    if (check.failed) {
      for (const message of check.messages) out.stderr(`${message}\n`);
      return EXIT.invalidInput;
    }
  }
  return childEnded(startCdktf(cli, args, device.env, root));
}

/** `da-manage-out cdktf`. */
export const cdktfCommand: Command = {
  name: "cdktf",
  summary: "the project's cdktf CLI (npm run cdktf --, npm run synth), inventories checked first",
  help: `Usage: da-manage-out cdktf <cdktf command> [cdktf options]   (npm run cdktf -- …)

Runs the project's cdktf CLI (cdktn's with DA_MANAGE_OUT_ENGINE=cdktn) in the repository, with
HashiCorp's version checkpoint off, and CI=1 when its output is not a terminal. Before a command
that synthesizes (synth, diff, plan, deploy, apply, destroy, output, list, watch) the inventories
are checked, each problem printed once, and cdktf is not started on an error. A state lock held
by another run is waited for up to DA_MANAGE_OUT_LOCK_TIMEOUT (default 15m); for a command that
runs the provider, BIGIP_CA_FILE (the CA doctor reads) is handed on as BIGIP_TRUSTED_CERT_PATH.
Prefer da-manage-out deploy|destroy (npm run deploy): it also proves the run finished.
-h, --help (first) shows this help; cdktf's own: da-manage-out cdktf <command> --help.

Exit codes: cdktf's; 1 inventory errors, 2 a setting refused.
`,
  options: {},
  passThrough: true,
  run: (_values, positionals, out) => runCdktf(positionals, process.env, out),
};
