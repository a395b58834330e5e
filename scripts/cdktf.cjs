// Runs the project's cdktf CLI with HashiCorp's version checkpoint off (CHECKPOINT_DISABLE=1):
// without it, every cdktf and terraform call in a closed network prints
// "[ERROR] default - getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com". Works the same on every
// platform, unlike an environment prefix in package.json.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const cli = path.join(__dirname, "..", "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { CHECKPOINT_DISABLE: "1", ...process.env },
});
process.exitCode = result.status ?? 1;
