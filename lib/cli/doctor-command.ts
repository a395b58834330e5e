/** `da-manage-out doctor [inventory...]`. */
import { CONNECTION_VARIABLES } from "../device/connection-settings";
import { readDeviceInventory } from "../device/device-snapshot";
import { showValue } from "../io/show-value";
import { checkInventories, checkTerraform, formatChecks, type Check } from "../tools/doctor";
import { checkedInventories, type Command } from "./command";
import {
  DEVICE_ENVIRONMENT_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  withDeviceSession,
} from "./device-session";
import { EXIT } from "./exit-codes";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "before a deploy: Terraform, credentials, and every object the inventories name exist",
  help: `Usage: da-manage-out doctor [options] [inventory...]

Checks, one line each, what a deploy needs: Terraform >= 1.5 on PATH, the BIGIP_* variables,
the device reachable and the login accepted, its TMOS version, and for each inventory the
partition, every VLAN, the monitor, the fastL4 profile (unless it is created), the route domain
and the config-sync device group on the device. Only reads (GET), a fixed number of requests.
Inventories default to every file in inventories/.

${DEVICE_ENVIRONMENT_HELP}

Options:
${DEVICE_OPTIONS_HELP}
  -h, --help            show this help

Exit codes: 0 all good, 1 something missing (each with what to do), 2 usage error or cannot
connect or log in.
`,
  options: DEVICE_OPTIONS,
  async run(values, positionals, out) {
    const inventories = checkedInventories(positionals, out);
    if (typeof inventories === "number") return inventories;
    const local: Check[] = [
      checkTerraform(),
      ...CONNECTION_VARIABLES.map((name) =>
        process.env[name]
          ? { ok: true, what: `${name} is set` }
          : { ok: false, what: `${name} is not set`, fix: "export it (the provider reads it too)" },
      ),
    ];
    out.stdout(formatChecks(local) + "\n");
    if (local.slice(1).some((check) => !check.ok)) return EXIT.usage;
    return withDeviceSession("doctor", values, out, async (client) => {
      const device = await readDeviceInventory(client);
      const checks = [
        {
          ok: true,
          what: `logged in to ${client.host}, TMOS ${device.version === undefined ? "version unknown" : showValue(device.version, 40)}`,
        },
        ...checkInventories(inventories, device),
      ];
      out.stdout(formatChecks(checks) + "\n");
      return [...local, ...checks].every((check) => check.ok) ? EXIT.ok : EXIT.invalidInput;
    });
  },
};
