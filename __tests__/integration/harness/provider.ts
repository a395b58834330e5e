/**
 * Whether the integration tests can run here: terraform on PATH and the real F5Networks/bigip
 * provider installable by `terraform init` (from the registry, a mirror named by
 * TF_CLI_CONFIG_FILE, or the implied local mirror in ~/.terraform.d/plugins).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { terraformEnvironment } from "./workspace";

/** How to get a provider, printed with every skip. */
const HOW_TO_GET_ONE =
  "give terraform the F5Networks/bigip provider (registry access, a filesystem mirror in TF_CLI_CONFIG_FILE, or ~/.terraform.d/plugins/registry.terraform.io/f5networks/bigip/<version>/<os>_<arch>/)";

/**
 * Why the integration tests cannot run, or `undefined` when they can. Also fills the plugin cache
 * directory, so that every later `terraform init` copies the provider from there.
 */
export function whyProviderUnavailable(pluginCacheDir: string): string | undefined {
  const env = terraformEnvironment({ TF_PLUGIN_CACHE_DIR: pluginCacheDir });
  const version = spawnSync("terraform", ["version"], { env, encoding: "utf8" });
  if (version.error || version.status !== 0)
    return `terraform is not on PATH; install Terraform >= 1.5`;
  const probe = mkdtempSync(path.join(tmpdir(), "da-manage-out-provider-probe-"));
  try {
    mkdirSync(pluginCacheDir, { recursive: true });
    writeFileSync(
      path.join(probe, "main.tf.json"),
      JSON.stringify({
        terraform: {
          required_providers: { bigip: { source: "F5Networks/bigip", version: "~> 1.24" } },
        },
      }),
    );
    const init = spawnSync("terraform", ["init", "-input=false", "-backend=false", "-no-color"], {
      cwd: probe,
      env,
      encoding: "utf8",
      // A registry that cannot be reached fails in well under a second here; a silent one
      // (packets dropped) must not hold CI for long.
      timeout: 120_000,
    });
    if (init.status === 0) return undefined;
    const output = `${init.stdout ?? ""}${init.stderr ?? ""}`;
    const reason = output
      .split("\n")
      .map((line) => line.trim())
      .find((line) =>
        /could not connect|Failed to|no such host|no available releases|Error/.test(line),
      );
    return `the F5Networks/bigip provider cannot be installed (${reason ?? "terraform init failed"}); ${HOW_TO_GET_ONE}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/**
 * `describe` when the provider is available, else `describe.skip` after one line on stderr saying
 * why and how to get one: the skip is visible, never a silent pass.
 */
export function describeWithProvider(pluginCacheDir: string): jest.Describe {
  const reason = whyProviderUnavailable(pluginCacheDir);
  if (reason === undefined) return describe;
  process.stderr.write(`integration tests SKIPPED: ${reason}\n`);
  return describe.skip;
}
