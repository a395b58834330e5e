// Runs the project's cdktf CLI (cdktn's with DA_MANAGE_OUT_ENGINE=cdktn, scripts/engine.cjs) with
// HashiCorp's version checkpoint off (CHECKPOINT_DISABLE=1): without it, every cdktf and terraform call in a closed network prints
// "[ERROR] default - getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com". Works the same on every
// platform, unlike an environment prefix in package.json. Terraform also waits for a state lock
// held by another run, up to DA_MANAGE_OUT_LOCK_TIMEOUT (scripts/lock-timeout.cjs).
//
// The BIG-IP's TLS certificate is verified against the CA in BIGIP_CA_FILE, the one doctor uses:
// for a command that runs the provider, it is handed on as BIGIP_TRUSTED_CERT_PATH
// (scripts/device-ca.cjs).
//
// Before a command that synthesizes, the inventories are checked here: cdktf prints what the app
// writes on stderr as it comes and then again in its failure summary, so an invalid inventory
// would show each problem twice, behind a log prefix. Piped (a CI log, `| tee`), cdktf is told
// it runs unattended (CI=1), so it prints its result instead of redrawing a spinner with ANSI
// codes; cdktf's ink renderer and its interactive check both read CI.
const { spawn, spawnSync } = require("node:child_process");
const path = require("node:path");

const { withDeviceCa } = require("./device-ca.cjs");
const { engineCli, selectedEngine } = require("./engine.cjs");
const { withLockTimeout } = require("./lock-timeout.cjs");

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

// A state lock held by another run is waited for (DA_MANAGE_OUT_LOCK_TIMEOUT), as in npm run deploy.
const locking = withLockTimeout({ CHECKPOINT_DISABLE: "1", ...process.env });
const args = process.argv.slice(2);
const device =
  locking.error || !REACHING_THE_DEVICE.has(args[0]) ? locking : withDeviceCa(locking.env);
/** [node, cli] of the engine DA_MANAGE_OUT_ENGINE names (scripts/engine.cjs), or the reason not. */
let command;
try {
  command = engineCli(selectedEngine());
} catch (error) {
  command = { error: error.message };
}
if (device.error || command.error) {
  process.stderr.write(`da-manage-out: ${device.error ?? command.error}\n`);
  process.exitCode = 2;
} else {
  const check = SYNTHESIZING.has(args[0]) ? checkInventories(device.env) : 0;
  if (check !== 0) {
    process.exitCode = check;
  } else {
    const env = { ...device.env };
    if (!process.stdout.isTTY && env.CI === undefined) env.CI = "1";
    const [node, cli] = command;
    // SIGINT and SIGTERM are passed on and the CLI's end awaited, so that whoever signalled this
    // process (npm run deploy, to delete its device token after) knows cdktf has stopped.
    const child = spawn(node, [cli, ...args], { stdio: "inherit", env });
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
    child.on("error", () => (process.exitCode = 1));
    child.on("close", (status) => (process.exitCode = status ?? 1));
  }
}

/** How the inventories check ended: 0 when they are valid (their warnings come with the synth). */
function checkInventories(env) {
  const folder = env.DA_MANAGE_OUT_INVENTORIES || "inventories";
  const bin = path.join(__dirname, "..", "bin", "da-manage-out.js");
  const result = spawnSync(process.execPath, [bin, "validate", folder], {
    stdio: ["ignore", "ignore", "pipe"],
    env,
  });
  if (result.status === 0) return 0;
  process.stderr.write(result.stderr);
  process.stderr.write("da-manage-out: inventory errors, nothing synthesized\n");
  return result.status ?? 1;
}
