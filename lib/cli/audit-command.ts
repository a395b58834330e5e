/** `da-manage-out audit [inventory...]`. */
import { readDeviceIdentity, readLtm } from "../device/device-snapshot";
import { showValue } from "../io/show-value";
import { auditDevice, formatAudit, type AuditInfo, type Drift } from "../tools/audit";
import { readStackSyncs, syncCheck } from "../tools/config-sync-check";
import type { Check } from "../tools/doctor";
import { checkedStacks, formatOption, STACK_OPTION, type Command } from "./command";
import { DEVICE_HELP, DEVICE_OPTIONS, groupByDevice, withDeviceSession } from "./device-session";
import { EXIT } from "./exit-codes";

export const auditCommand: Command = {
  name: "audit",
  summary: "after a deploy: the device's virtual servers and pools compared with the inventories",
  help: `Usage: da-manage-out audit [options] [inventory...]

Compares, per DA server, the virtual server and pool on the device with the inventory: present;
destination, mask (prefix length), route domain and source (any client in that route domain);
address and port translation disabled; SNAT none; protocol any; enabled on exactly the
inventory's VLANs; the pool; the pool's only member (the internal address, route domain, port
any; DA2:0 on an existing node). Also finds other virtual servers whose destination overlaps a
client prefix. Member health (forced offline, disabled, offline, still being checked by its
monitor) is reported as information, not drift. Where an inventory sets bigip.configSync, its
device group's sync state (cm/sync-status): named on stderr, and a line like a drift when it is
not In Sync (the state, the units not in sync, what to do). What Terraform cannot see (the mask
and, in a route domain, every setting are not compared by the plan) shows here. Only reads: per
device, two GET requests (three with a config sync, five for a group not In Sync), then virtual
servers and pools in pages of 100, whatever the number of DA servers. Each inventory is compared
with its own
device (bigip.host); stderr names each device and the stacks it holds. Inventories default to
every file in inventories/.

${DEVICE_HELP.environment}

Options:
  --format <format>     text (default: one line per drift) or json
  --stack <name>        only this stack (repeatable), e.g. one CI job per device
${DEVICE_HELP.options}
  -h, --help            show this help

Exit codes: 0 the device matches, 1 drift (one line each: server, object, attribute, device
value, expected value) or a device group not In Sync, 2 usage error or cannot connect or log in.
`,
  options: { ...DEVICE_OPTIONS, ...STACK_OPTION, format: { type: "string" } },
  async run(values, positionals, out) {
    const format = formatOption(values);
    const inventories = checkedStacks(positionals, values, out);
    if (typeof inventories === "number") return inventories;
    const drift: Drift[] = [];
    const info: AuditInfo[] = [];
    const devices: AuditedDevice[] = [];
    const sync: (Check & { readonly stack: string; readonly deviceGroup: string })[] = [];
    let exit: number = EXIT.ok;
    for (const group of groupByDevice(inventories)) {
      const stacks = group.inventories.map((inventory) => inventory.stackName);
      const code = await withDeviceSession("audit", values, out, group.target, async (client) => {
        const [identity, ltm, syncs] = await Promise.all([
          readDeviceIdentity(client),
          readLtm(client),
          readStackSyncs(client, group.inventories),
        ]);
        devices.push({ url: client.url, stacks, ...identity });
        out.stderr(
          `da-manage-out audit: ${stacks.join(", ")} → ${client.url}: device ${showValue(identity.hostname ?? "unknown", 80)}, ${showValue(identity.failoverState ?? "failover state unknown", 40)}\n`,
        );
        for (const each of syncs) {
          const check = syncCheck(each);
          sync.push({ stack: each.stack, deviceGroup: each.state.deviceGroup, ...check });
          if (check.ok) out.stderr(`da-manage-out audit: ${check.what}\n`);
        }
        const report = auditDevice(group.inventories, ltm);
        drift.push(...report.drift);
        info.push(...report.info);
        return EXIT.ok;
      });
      exit = Math.max(exit, code);
    }
    if (exit !== EXIT.ok) return exit;
    const report = { devices, drift, info, sync };
    const unsynced = sync.filter((check) => !check.ok);
    out.stdout(
      format === "json"
        ? JSON.stringify(report, null, 2) + "\n"
        : formatAudit(
            report,
            unsynced.map((check) => `${check.what}: ${check.fix}`),
          ) + "\n",
    );
    return drift.length > 0 || unsynced.length > 0 ? EXIT.invalidInput : EXIT.ok;
  },
};

/** A device the audit read, as the JSON report names it. */
interface AuditedDevice {
  readonly url: string;
  readonly stacks: readonly string[];
  readonly hostname?: string;
  readonly failoverState?: string;
}
