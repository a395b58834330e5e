/**
 * The connection to a stack's BIG-IP: the inventory's `bigip.host` (else the provider's
 * `BIGIP_HOST`, optional `BIGIP_PORT`) and the login from the environment (`BIGIP_USER` and
 * `BIGIP_PASSWORD`, or the `TF_VAR_<name>` variables `bigip.credentials` names), never from
 * arguments, so that no password lands in a shell history or a CI log. The same variables the
 * stack's Terraform reads: what `doctor` checks is what a deploy uses.
 */
import { InputFileError, readInputFile } from "../io/read-input-file";
import { showValue } from "../io/show-value";
import type { BigipSettings } from "../inventory/inventory";
import {
  deviceUrl,
  formatEnvironmentProblem,
  isAddressProblem,
  parseEnvironmentAddress,
  type DeviceAddress,
} from "./device-address";
import type { ConnectionSettings } from "./icontrol-client";

/** TLS choices of the command line. */
export interface TlsOptions {
  /** `--ca-file`, else `BIGIP_CA_FILE`. */
  readonly caFile?: string;
  /** `--insecure`: no certificate verification. */
  readonly insecure?: boolean;
}

/** Settings, or what is missing or wrong; `warnings` are for stderr. */
export type ConnectionResult =
  | { readonly settings: ConnectionSettings; readonly warnings: readonly string[] }
  | { readonly missing: readonly string[] }
  | { readonly error: string };

/** Where a stack's device and its login come from. */
export interface DeviceTarget {
  /** The inventory's `bigip.host`, parsed; `undefined` means `BIGIP_HOST` (and `BIGIP_PORT`). */
  readonly address?: DeviceAddress;
  /** Environment variable holding the user name: `BIGIP_USER` or `TF_VAR_<variable>`. */
  readonly userVariable: string;
  /** Environment variable holding the password: `BIGIP_PASSWORD` or `TF_VAR_<variable>`. */
  readonly passwordVariable: string;
}

/** The device of an inventory: `bigip.host` and `bigip.credentials`, else the provider's variables. */
export function deviceTarget(bigip: Pick<BigipSettings, "host" | "credentials">): DeviceTarget {
  return {
    address: bigip.host,
    userVariable: bigip.credentials ? `TF_VAR_${bigip.credentials.userVariable}` : "BIGIP_USER",
    passwordVariable: bigip.credentials
      ? `TF_VAR_${bigip.credentials.passwordVariable}`
      : "BIGIP_PASSWORD",
  };
}

/** The environment variables a target needs. */
export function targetVariables(target: DeviceTarget): string[] {
  return [
    ...(target.address === undefined ? ["BIGIP_HOST"] : []),
    target.userVariable,
    target.passwordVariable,
  ];
}

/**
 * Reads the connection of a target from the environment and the TLS options. Without an address
 * in the inventory, `BIGIP_HOST` and `BIGIP_PORT` go through the same checks as `bigip.host`, read
 * as the provider reads them: a problem is one line, before anything connects.
 */
export function connectionFor(
  target: DeviceTarget,
  env: NodeJS.ProcessEnv,
  tlsOptions: TlsOptions,
): ConnectionResult {
  const missing = targetVariables(target).filter((name) => !env[name]);
  if (missing.length > 0) return { missing };
  const address =
    target.address ?? parseEnvironmentAddress(env.BIGIP_HOST!, env.BIGIP_PORT || undefined);
  if (isAddressProblem(address)) return { error: formatEnvironmentProblem(address, env) };
  const baseUrl = new URL(deviceUrl(address));
  const warnings: string[] = [];
  if (baseUrl.protocol === "http:") {
    warnings.push(
      `connecting to ${baseUrl.host} over plain http: only for a lab or a test fake, the password crosses the network unencrypted`,
    );
  }
  if (tlsOptions.insecure) {
    warnings.push(`--insecure: the TLS certificate of ${baseUrl.host} is not verified`);
  }
  const caFile = tlsOptions.caFile ?? env.BIGIP_CA_FILE;
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readInputFile(caFile, { maxBytes: 1024 * 1024 }).toString("utf8");
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      return { error: `the CA file ${showValue(caFile)} ${error.message}` };
    }
    if (!ca.includes("-----BEGIN CERTIFICATE-----")) {
      return { error: "the CA file holds no PEM certificate" };
    }
  }
  return {
    settings: {
      baseUrl,
      username: env[target.userVariable]!,
      password: env[target.passwordVariable]!,
      ca,
      insecure: tlsOptions.insecure,
    },
    warnings,
  };
}
