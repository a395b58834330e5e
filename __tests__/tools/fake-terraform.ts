/**
 * A stand-in `terraform` for tests of what `doctor` does with Terraform, where the real one and
 * the real provider may be missing (CI machines without a mirror): put first on PATH, it answers
 * `version -json` as Terraform 1.11.4 (or `FAKE_TERRAFORM_VERSION`) and `init` as `FAKE_TERRAFORM_INIT` says (`ok`, the
 * default: installed from a folder, as a filesystem mirror does; `fail`: exits 1 printing
 * `FAKE_TERRAFORM_ERROR`; `hang`: never ends) and `state pull` with `FAKE_TERRAFORM_STATE` (none
 * by default, as for a stack never applied). Each call is recorded in `FAKE_TERRAFORM_RECORD`
 * when set: its arguments, the configuration in its folder and the environment it got.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** Where the fake's trace log says the package came from. */
export const FAKE_MIRROR_PACKAGE =
  "/opt/terraform/mirror/registry.terraform.io/f5networks/bigip/1.28.0/linux_amd64";

const SCRIPT = `#!${process.execPath}
const fs = require("node:fs");
const args = process.argv.slice(2);
if (process.env.FAKE_TERRAFORM_RECORD) {
  let configuration;
  try { configuration = fs.readFileSync("main.tf.json", "utf8"); } catch {}
  fs.appendFileSync(process.env.FAKE_TERRAFORM_RECORD, JSON.stringify({ args, configuration, env: process.env }) + "\\n");
}
if (args[0] === "version") {
  process.stdout.write(JSON.stringify({ terraform_version: process.env.FAKE_TERRAFORM_VERSION || "1.11.4" }) + "\\n");
} else if (args[0] === "init") {
  const mode = process.env.FAKE_TERRAFORM_INIT || "ok";
  if (mode === "hang") setInterval(() => {}, 1000);
  else if (mode === "fail") {
    process.stderr.write(process.env.FAKE_TERRAFORM_ERROR || "Error: failed\\n");
    process.exitCode = 1;
  } else {
    fs.appendFileSync(process.env.TF_LOG_PATH || "/dev/null",
      "2026-12-04T19:20:10.782Z [TRACE] providercache.Dir.InstallPackage: installing registry.terraform.io/f5networks/bigip v1.28.0 from ${FAKE_MIRROR_PACKAGE}\\n");
    fs.writeFileSync(".terraform.lock.hcl", 'provider "registry.terraform.io/f5networks/bigip" {\\n  version     = "1.28.0"\\n}\\n');
    process.stdout.write("- Installed f5networks/bigip v1.28.0 (unauthenticated)\\n");
  }
} else if (args[0] === "state" && args[1] === "pull") {
  process.stdout.write(process.env.FAKE_TERRAFORM_STATE || "");
} else {
  process.stderr.write("fake terraform: unexpected arguments " + args.join(" ") + "\\n");
  process.exitCode = 1;
}
`;

/** A folder holding the fake `terraform`, and the PATH that finds it first. */
export interface FakeTerraform {
  readonly folder: string;
  /** `PATH` with the fake's folder first. */
  readonly path: string;
  /** Deletes the folder. */
  remove(): void;
}

/** Writes the fake `terraform` into a new temporary folder. */
export function fakeTerraform(): FakeTerraform {
  const folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-fake-terraform-"));
  const file = path.join(folder, "terraform");
  writeFileSync(file, SCRIPT);
  chmodSync(file, 0o755);
  return {
    folder,
    path: `${folder}${path.delimiter}${process.env.PATH ?? ""}`,
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
