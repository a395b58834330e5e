/**
 * The CA that the BIG-IP's TLS certificate is verified against, handed on to the provider, so that
 * "doctor, then deploy" verifies the device with one and the same CA. `doctor` and `audit` read
 * BIGIP_CA_FILE (lib/device/connection-settings.ts). The F5Networks/bigip provider reads
 * `trusted_cert_path`, which the synthesized stack leaves out, else BIGIP_TRUSTED_CERT_PATH
 * (bigip/provider.go, Provider(), v1.24.1 to v1.28.0), and opens it from the stack's folder,
 * cdktf.out/stacks/<stack>/ (lib/constructs/provider-tls.ts has the rest of what it does). So
 * `deploy` and `cdktf` set BIGIP_TRUSTED_CERT_PATH to BIGIP_CA_FILE made absolute, relative to the
 * folder the command was typed in (INIT_CWD under `npm run`), where doctor resolves it; and they
 * refuse a BIGIP_TRUSTED_CERT_PATH of another file, which doctor would never have checked.
 */
import { showValue } from "../io/show-value";
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";

/** What doctor reads at most (lib/device/connection-settings.ts). */
const MAX_CA_BYTES = 1024 * 1024;
const HOW =
  "BIGIP_CA_FILE names the CA of the BIG-IP's certificate for doctor and the deploy alike (docs/terraform.md#the-big-ips-tls-certificate)";

/** The environment for the provider, or why the CA settings are refused. */
export type DeviceCa =
  { env: NodeJS.ProcessEnv; error?: undefined } | { env?: undefined; error: string };

/**
 * The environment with BIGIP_TRUSTED_CERT_PATH for the provider, or an error message. Without
 * BIGIP_CA_FILE the environment is returned as it is: a stack that verifies then stops at the
 * provider's "valid Trust Certificate path not provided".
 * @param cwd where a relative BIGIP_CA_FILE is resolved, as doctor resolves it
 * @default cwd INIT_CWD (the folder `npm run` was typed in), else the current folder
 */
export function withDeviceCa(
  env: NodeJS.ProcessEnv,
  cwd: string = env.INIT_CWD || process.cwd(),
): DeviceCa {
  const caFile = env.BIGIP_CA_FILE;
  const trusted = env.BIGIP_TRUSTED_CERT_PATH;
  if (!caFile) {
    return trusted
      ? {
          error: `BIGIP_TRUSTED_CERT_PATH is set without BIGIP_CA_FILE: set BIGIP_CA_FILE to that file instead; ${HOW}`,
        }
      : { env };
  }
  const file = path.resolve(cwd, caFile);
  if (trusted && path.resolve(cwd, trusted) !== file) {
    return {
      error: `BIGIP_TRUSTED_CERT_PATH names another file than BIGIP_CA_FILE: unset it; ${HOW}`,
    };
  }
  const problem = caFileProblem(file);
  if (problem !== undefined) {
    return { error: `the CA file '${showValue(caFile)}' (BIGIP_CA_FILE) ${problem}` };
  }
  return { env: { ...env, BIGIP_TRUSTED_CERT_PATH: file } };
}

/** Why the provider could not use the file, as doctor would say it; `undefined` when it can. */
function caFileProblem(file: string): string | undefined {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return "is not a regular file";
    if (stat.size > MAX_CA_BYTES) {
      return `is ${stat.size} bytes, more than the ${MAX_CA_BYTES} doctor reads`;
    }
    text = readFileSync(file, "utf8");
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    return code === "ENOENT" ? "does not exist" : `cannot be read (${code})`;
  }
  // go-bigip adds what it finds to the system's CAs and goes on without a word when it finds
  // nothing: a file without a certificate would silently mean "the system's CAs only".
  return text.includes("-----BEGIN CERTIFICATE-----") ? undefined : "holds no PEM certificate";
}
