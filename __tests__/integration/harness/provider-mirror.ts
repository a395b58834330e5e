/**
 * A filesystem mirror of the F5Networks/bigip provider made from the one installed in Terraform's
 * implied local mirror (`~/.terraform.d/plugins/...`), and a CLI configuration that installs the
 * provider from it and never from the registry: the closed network of an internal BIG-IP, for
 * tests of the README's closed-network path and of `doctor`'s provider check.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { requiredProviderVersion } from "../../../lib/terraform-requirements";

/** The provider's folder below a mirror or plugins directory. */
const PROVIDER_PATH = path.join("registry.terraform.io", "f5networks", "bigip");

/** Terraform's name of this machine's platform, e.g. `linux_amd64`. */
export const PLATFORM = `${process.platform === "win32" ? "windows" : process.platform}_${
  ({ x64: "amd64", ia32: "386" } as Record<string, string>)[process.arch] ?? process.arch
}`;

/** The installed provider's package: its version and the folder holding its executable. */
export interface InstalledProvider {
  readonly version: string;
  readonly folder: string;
}

/**
 * The provider release the stacks require (the pin, or `DA_MANAGE_OUT_PROVIDER_VERSION`) in
 * `~/.terraform.d/plugins` for this platform, or why there is none.
 */
export function installedProvider(): InstalledProvider | string {
  const version = requiredProviderVersion();
  const folder = path.join(homedir(), ".terraform.d", "plugins", PROVIDER_PATH, version, PLATFORM);
  if (existsSync(folder) && readdirSync(folder).length > 0) return { version, folder };
  if (spawnSync("terraform", ["version"]).status !== 0) return "terraform is not on PATH";
  return `no F5Networks/bigip ${version} provider in ${folder}; put one there (built from source, or unpacked from its release zip)`;
}

/**
 * Copies the installed provider into `<root>/mirror` (the unpacked layout of a filesystem mirror)
 * and writes `<root>/terraformrc` with the given `provider_installation` text, `/opt/terraform`
 * in it replaced by `root`; the path of that CLI configuration.
 */
export function writeFilesystemMirror(
  root: string,
  provider: InstalledProvider,
  cliConfiguration: string,
): string {
  const target = path.join(root, "mirror", PROVIDER_PATH, provider.version, PLATFORM);
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(provider.folder)) {
    copyFileSync(path.join(provider.folder, file), path.join(target, file));
  }
  const config = path.join(root, "terraformrc");
  writeFileSync(config, cliConfiguration.replaceAll("/opt/terraform", root));
  return config;
}
