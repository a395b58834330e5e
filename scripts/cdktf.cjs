// Runs the project's cdktf CLI with HashiCorp's version checkpoint off (CHECKPOINT_DISABLE=1):
// without it, every cdktf and terraform call in a closed network prints
// "[ERROR] default - getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com". Works the same on every
// platform, unlike an environment prefix in package.json. Terraform also waits for a state lock
// held by another run, up to DA_MANAGE_OUT_LOCK_TIMEOUT (scripts/lock-timeout.cjs).
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const { withLockTimeout } = require("./lock-timeout.cjs");

const cli = path.join(__dirname, "..", "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
// A state lock held by another run is waited for (DA_MANAGE_OUT_LOCK_TIMEOUT), as in npm run deploy.
const locking = withLockTimeout({ CHECKPOINT_DISABLE: "1", ...process.env });
if (locking.error) {
  process.stderr.write(`da-manage-out: ${locking.error}\n`);
  process.exitCode = 2;
} else {
  const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: locking.env,
  });
  process.exitCode = result.status ?? 1;
}
