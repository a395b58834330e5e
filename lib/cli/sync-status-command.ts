/** `da-manage-out sync-status [inventory...]`: the config-sync state of each stack's device group. */
import { syncTimeout } from "../deploy/sync-timeout";
import { waitForGroupSync } from "../device/sync-status";
import { peersUnlessInSync, syncCheck, syncingStacks } from "../tools/config-sync-check";
import { formatChecks } from "../tools/doctor";
import type { Inventory } from "../inventory";
import {
  checkedStacks,
  STACK_OPTION,
  UsageError,
  type Command,
  type CommandValues,
} from "./command";
import { DEVICE_HELP, DEVICE_OPTIONS, groupByDevice, withDeviceSession } from "./device-session";
import { EXIT } from "./exit-codes";
import type { Output } from "./output";

export const syncStatusCommand: Command = {
  name: "sync-status",
  summary: "after a deploy: is each stack's device group In Sync (--wait: until it is)",
  help: `Usage: da-manage-out sync-status [options] [inventory...]

For each stack whose inventory sets bigip.configSync, reads its device group's config-sync state
on its device (GET /mgmt/tm/cm/sync-status) and prints one line: In Sync, or the state, what the
device says, the units not in sync and what to do. The stack's tmsh config-sync command returns
as soon as the sync starts: npm run deploy runs this with --wait after every deploy and destroy
of such a stack. Stacks without bigip.configSync are left out. Only reads: per device one GET
per read, two more for a group not In Sync. A stack whose inventory says bigip.validateCerts:
false is read without certificate verification, as its provider connects. Inventories default
to every file in inventories/.

${DEVICE_HELP.environment}

Options:
  --wait                read every 3 s until each group is In Sync, at most
                        DA_MANAGE_OUT_SYNC_TIMEOUT (default 5m; 90s, 5m, 1h...; 0 reads once);
                        a state a running sync does not pass through (Disconnected...) ends
                        the wait at once
  --stack <name>        only this stack (repeatable)
${DEVICE_HELP.options}
  -h, --help            show this help

Exit codes: 0 every group In Sync, 1 a group is not (with what to do), 2 usage error, a login
variable not set, or cannot connect or log in.
`,
  options: { ...DEVICE_OPTIONS, ...STACK_OPTION, wait: { type: "boolean" } },
  async run(values, positionals, out) {
    const timeout = syncTimeout(process.env);
    if (timeout.error !== undefined) throw new UsageError(timeout.error);
    const stacks = checkedStacks(positionals, values, out);
    if (typeof stacks === "number") return stacks;
    const inventories = stacks.filter((inventory) => inventory.bigip.configSync);
    if (inventories.length === 0) {
      out.stderr(
        "da-manage-out sync-status: no config sync to read: no stack of these sets bigip.configSync\n",
      );
      return EXIT.ok;
    }
    // Ctrl-C (or a runner's SIGTERM) ends a wait; the session still logs out.
    const interrupt = new AbortController();
    const stop = () => interrupt.abort();
    if (values.wait) for (const signal of SIGNALS) process.once(signal, stop);
    try {
      return await readGroups(inventories, values, out, { signal: interrupt.signal, timeout });
    } finally {
      for (const signal of SIGNALS) process.off(signal, stop);
    }
  },
};

/** The signals that end a wait. */
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Reads (with `--wait`: waits for) each stack's group, one session per device; the exit code. */
async function readGroups(
  inventories: readonly Inventory[],
  values: CommandValues,
  out: Output,
  wait: { readonly signal: AbortSignal; readonly timeout: { text: string; milliseconds: number } },
): Promise<number> {
  const { signal, timeout } = wait;
  let exit: number = EXIT.ok;
  for (const group of groupByDevice(inventories)) {
    // As the stack's provider connects: no verification where the inventory turned it off.
    const unverified = group.inventories.every(
      (inventory) => inventory.bigip.validateCerts === false,
    );
    const session = { ...values, insecure: values.insecure === true || unverified };
    const code = await withDeviceSession(
      "sync-status",
      session,
      out,
      group.target,
      async (client) => {
        let ok = true;
        // One wait per device group: stacks that share a group share its state (and its time).
        const stacksOfGroup = new Map<string, string[]>();
        for (const { stack, deviceGroup } of syncingStacks(group.inventories)) {
          stacksOfGroup.set(deviceGroup, [...(stacksOfGroup.get(deviceGroup) ?? []), stack]);
        }
        for (const [deviceGroup, stacks] of stacksOfGroup) {
          if (values.wait) {
            out.stderr(
              `da-manage-out sync-status: ${stacks.join(", ")}: waiting up to ${timeout.text} (DA_MANAGE_OUT_SYNC_TIMEOUT) for device group ${deviceGroup} on ${client.url} to be In Sync\n`,
            );
          }
          const result = await waitForGroupSync(client, deviceGroup, {
            timeoutMs: values.wait ? timeout.milliseconds : 0,
            signal,
          });
          const peers = await peersUnlessInSync(client, result.last);
          const checks = stacks.map((stack) =>
            syncCheck(
              { stack, state: result.last, peers },
              values.wait ? { result, timeout: timeout.text } : undefined,
            ),
          );
          out.stdout(formatChecks(checks) + "\n");
          ok &&= checks.every((check) => check.ok);
        }
        return ok ? EXIT.ok : EXIT.invalidInput;
      },
    );
    exit = Math.max(exit, code);
  }
  return exit;
}
