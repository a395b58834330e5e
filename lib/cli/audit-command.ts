/** `da-manage-out audit [inventory...]`. */
import { readLtm } from "../device/device-snapshot";
import { auditDevice, formatAudit } from "../tools/audit";
import { checkedInventories, formatOption, type Command } from "./command";
import {
  DEVICE_ENVIRONMENT_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  withDeviceSession,
} from "./device-session";
import { EXIT } from "./exit-codes";

const FORMATS = ["text", "json"] as const;

export const auditCommand: Command = {
  name: "audit",
  summary: "after a deploy: the device's virtual servers and pools compared with the inventories",
  help: `Usage: da-manage-out audit [options] [inventory...]

Compares, per DA server, the virtual server and pool on the device with the inventory: present;
destination, mask (prefix length) and route domain; address and port translation disabled; SNAT
none; protocol any; enabled on exactly the inventory's VLANs; the pool; the pool's only member
(the internal address, route domain, port any). Also finds other virtual servers whose
destination overlaps a client prefix. Member health (offline, disabled) is reported as
information, not drift. What Terraform cannot see (the mask and, in a route domain, every
setting are not compared by the plan) shows here. Only reads: two GET requests whatever the
number of servers. Inventories default to every file in inventories/.

${DEVICE_ENVIRONMENT_HELP}

Options:
  --format <format>     text (default: one line per drift) or json
${DEVICE_OPTIONS_HELP}
  -h, --help            show this help

Exit codes: 0 the device matches, 1 drift (one line each: server, object, attribute, device
value, expected value), 2 usage error or cannot connect or log in.
`,
  options: { ...DEVICE_OPTIONS, format: { type: "string" } },
  async run(values, positionals, out) {
    const format = formatOption(values, FORMATS);
    const inventories = checkedInventories(positionals, out);
    if (typeof inventories === "number") return inventories;
    return withDeviceSession("audit", values, out, async (client) => {
      const report = auditDevice(inventories, await readLtm(client));
      out.stdout(
        format === "json" ? JSON.stringify(report, null, 2) + "\n" : formatAudit(report) + "\n",
      );
      return report.drift.length > 0 ? EXIT.invalidInput : EXIT.ok;
    });
  },
};
