/**
 * Whether the integration tests can run here: terraform on PATH and the real F5Networks/bigip
 * provider installable by `terraform init` (from the registry, a mirror named by
 * TF_CLI_CONFIG_FILE, or the implied local mirror in ~/.terraform.d/plugins).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { checkProviderInstallation } from "../../../lib/tools/provider-installation";
import { terraformEnvironment } from "./workspace";

/** How to get a provider, printed with every skip. */
const HOW_TO_GET_ONE =
  "give terraform the F5Networks/bigip provider (registry access, a filesystem mirror in TF_CLI_CONFIG_FILE, or ~/.terraform.d/plugins/registry.terraform.io/f5networks/bigip/<version>/<os>_<arch>/)";

/**
 * Why the integration tests cannot run, or `undefined` when they can: `doctor`'s own provider
 * check. Also fills the plugin cache directory, so that every later `terraform init` copies the
 * provider from there.
 */
export function whyProviderUnavailable(pluginCacheDir: string): string | undefined {
  const env = terraformEnvironment({ TF_PLUGIN_CACHE_DIR: pluginCacheDir });
  const version = spawnSync("terraform", ["version"], { env, encoding: "utf8" });
  if (version.error || version.status !== 0)
    return `terraform is not on PATH; install Terraform >= 1.5`;
  mkdirSync(pluginCacheDir, { recursive: true });
  // A registry that cannot be reached fails in well under a second here; a silent one (packets
  // dropped) must not hold CI for long.
  const check = checkProviderInstallation({ env, timeoutMs: 120_000 });
  if (!check.ok) return `${check.what}; ${HOW_TO_GET_ONE}`;
  // Which release the scenarios run on, in the log: the pin, or DA_MANAGE_OUT_PROVIDER_VERSION.
  process.stderr.write(`integration tests run on ${check.what.replace(" can be installed", "")}\n`);
  return undefined;
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
