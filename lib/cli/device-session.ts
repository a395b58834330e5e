/**
 * What the commands that talk to a device (doctor, audit, adopt, recover) share: the TLS options,
 * the connection from the environment, a logged-in session that is always logged out (its token
 * deleted, also after an error or on SIGINT/SIGTERM: a user may hold only 100, K44237337), and one
 * line with exit 2 for every connection problem. No credential is ever printed.
 */
import { connectionFor, deviceTarget, type DeviceTarget } from "../device/connection-settings";
import { deviceLabel } from "../device/device-address";
import type { Inventory } from "../inventory";
import {
  DEFAULT_TIMEOUT_MS,
  DeviceConnectionError,
  IcontrolClient,
} from "../device/icontrol-client";
import { onInterruption } from "../io/interruption";
import { showValue } from "../io/show-value";
import type { CommandValues } from "./command";
import { EXIT } from "./exit-codes";
import type { Output } from "./output";

/** The options of every command that talks to the device. */
export const DEVICE_OPTIONS = {
  "ca-file": { type: "string" },
  insecure: { type: "boolean" },
} as const;

/** The help texts of every command that talks to the device. */
export const DEVICE_HELP = {
  /** The lines of `DEVICE_OPTIONS`. */
  options: `  --ca-file <file>      PEM CA of the device's TLS certificate (also BIGIP_CA_FILE)
  --insecure            do not verify the device's TLS certificate (said on stderr)`,
  /** Where the device and its login come from. */
  environment: `The device: each inventory's bigip.host (else BIGIP_HOST: host name or https:// URL; http://
only for a lab); the login: BIGIP_USER and BIGIP_PASSWORD, or the TF_VAR_<name> variables that
bigip.credentials names: the variables the stack's Terraform reads; never taken from arguments,
never printed. Inventories of one device share one session.`,
};

/** The inventories of one device, and where that device and its login come from. */
export interface DeviceGroup {
  readonly target: DeviceTarget;
  /** `https://bigip-east.corp.example:443`, or `BIGIP_HOST` when the inventories name no host. */
  readonly device: string;
  readonly inventories: readonly Inventory[];
}

/** Inventories grouped by device and login, in the order of their first inventory. */
export function groupByDevice(inventories: readonly Inventory[]): DeviceGroup[] {
  const groups = new Map<
    string,
    { target: DeviceTarget; device: string; inventories: Inventory[] }
  >();
  for (const inventory of inventories) {
    const target = deviceTarget(inventory.bigip);
    const device = deviceLabel(inventory.bigip);
    const key = `${device} ${target.userVariable} ${target.passwordVariable}`;
    const group = groups.get(key) ?? { target, device, inventories: [] };
    group.inventories.push(inventory);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Connects, runs `work` with the session and logs out.
 * @returns the exit code of `work`, or 2 when the connection or login fails
 */
export async function withDeviceSession(
  command: string,
  values: CommandValues,
  out: Output,
  target: DeviceTarget,
  work: (client: IcontrolClient) => Promise<number>,
): Promise<number> {
  const connection = connectionFor(target, process.env, {
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
  // A device that does not answer takes the whole timeout: say what is being waited for.
  const { baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS } = connection.settings;
  out.stderr(
    `da-manage-out ${command}: connecting to ${showValue(baseUrl.host)} (an answer within ${timeoutMs / 1000} s)\n`,
  );
  let client: IcontrolClient;
  try {
    client = await IcontrolClient.login(connection.settings);
  } catch (error) {
    return connectionFailed(command, error, out);
  }
  // The token is deleted on every way out: an answer, an error, a bug, SIGINT or SIGTERM.
  const release = onInterruption(() => client.close());
  try {
    return await work(client);
  } catch (error) {
    return connectionFailed(command, error, out);
  } finally {
    await client.close();
    release();
  }
}

function connectionFailed(command: string, error: unknown, out: Output): number {
  if (!(error instanceof DeviceConnectionError)) throw error;
  out.stderr(`da-manage-out ${command}: ${error.message}\n`);
  return EXIT.usage;
}
