/**
 * What `doctor` and `audit` share: the TLS options, the connection from the environment, a
 * logged-in read-only session that is always logged out, and one line with exit 2 for every
 * connection problem. No credential is ever printed.
 */
import { connectionFromEnvironment } from "../device/connection-settings";
import { DeviceConnectionError, IcontrolClient } from "../device/icontrol-client";
import type { CommandValues } from "./command";
import { EXIT } from "./exit-codes";
import type { Output } from "./output";

/** The options of every command that talks to the device. */
export const DEVICE_OPTIONS = {
  "ca-file": { type: "string" },
  insecure: { type: "boolean" },
} as const;

/** Their help text. */
export const DEVICE_OPTIONS_HELP = `  --ca-file <file>      PEM CA of the device's TLS certificate (also BIGIP_CA_FILE)
  --insecure            do not verify the device's TLS certificate (said on stderr)`;

/** The connection variables, in the help text. */
export const DEVICE_ENVIRONMENT_HELP = `The device: BIGIP_HOST (host name or https:// URL; http:// only for a lab), BIGIP_USER and
BIGIP_PASSWORD, the provider's own variables; never taken from arguments, never printed.`;

/**
 * Connects, runs `work` with the session and logs out.
 * @returns the exit code of `work`, or 2 when the connection or login fails
 */
export async function withDeviceSession(
  command: string,
  values: CommandValues,
  out: Output,
  work: (client: IcontrolClient) => Promise<number>,
): Promise<number> {
  const connection = connectionFromEnvironment(process.env, {
    caFile: values["ca-file"] as string | undefined,
    insecure: values.insecure === true,
  });
  if ("missing" in connection) {
    out.stderr(
      `da-manage-out ${command}: set ${connection.missing.join(", ")} in the environment\n`,
    );
    return EXIT.usage;
  }
  if ("error" in connection) {
    out.stderr(`da-manage-out ${command}: ${connection.error}\n`);
    return EXIT.usage;
  }
  for (const warning of connection.warnings)
    out.stderr(`da-manage-out ${command}: warning: ${warning}\n`);
  let client: IcontrolClient;
  try {
    client = await IcontrolClient.login(connection.settings);
  } catch (error) {
    return connectionFailed(command, error, out);
  }
  try {
    return await work(client);
  } catch (error) {
    return connectionFailed(command, error, out);
  } finally {
    await client.close();
  }
}

function connectionFailed(command: string, error: unknown, out: Output): number {
  if (!(error instanceof DeviceConnectionError)) throw error;
  out.stderr(`da-manage-out ${command}: ${error.message}\n`);
  return EXIT.usage;
}
