/**
 * The connection to the BIG-IP from the provider's own environment variables (`BIGIP_HOST`,
 * `BIGIP_USER`, `BIGIP_PASSWORD`, optional `BIGIP_PORT`), never from arguments, so that no
 * password lands in a shell history or a CI log.
 */
import { InputFileError, readInputFile } from "../io/read-input-file";
import { showValue } from "../io/show-value";
import type { ConnectionSettings } from "./icontrol-client";

/** The variables a connection needs. */
export const CONNECTION_VARIABLES = ["BIGIP_HOST", "BIGIP_USER", "BIGIP_PASSWORD"] as const;

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

/** Reads the connection from the environment and the TLS options. */
export function connectionFromEnvironment(
  env: NodeJS.ProcessEnv,
  tlsOptions: TlsOptions,
): ConnectionResult {
  const missing = CONNECTION_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) return { missing };
  const host = env.BIGIP_HOST!;
  let baseUrl: URL;
  try {
    baseUrl = new URL(/^[a-z]+:\/\//i.test(host) ? host : `https://${host}`);
  } catch {
    return { error: "BIGIP_HOST is not a host name or URL" };
  }
  if (baseUrl.protocol !== "https:" && baseUrl.protocol !== "http:") {
    return {
      error: `BIGIP_HOST must use https:// (or http:// for a lab), got ${baseUrl.protocol}`,
    };
  }
  if (env.BIGIP_PORT) {
    if (!/^\d{1,5}$/.test(env.BIGIP_PORT)) return { error: "BIGIP_PORT must be a port number" };
    baseUrl.port = env.BIGIP_PORT;
  }
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
      username: env.BIGIP_USER!,
      password: env.BIGIP_PASSWORD!,
      ca,
      insecure: tlsOptions.insecure,
    },
    warnings,
  };
}
