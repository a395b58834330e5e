/** `da-manage-out doctor [inventory...]`. */
import { targetVariables } from "../device/connection-settings";
import { readDeviceIdentity, readDeviceInventory } from "../device/device-snapshot";
import {
  checkDevice,
  checkInventories,
  checkNodes,
  checkTerraform,
  formatChecks,
  type Check,
} from "../tools/doctor";
import { readSelfIps } from "../device/self-ips";
import { readUserAccount } from "../device/user-account";
import { checkAccount } from "../tools/account-checks";
import { readStackSyncs, syncCheck } from "../tools/config-sync-check";
import { checkAnyPort } from "../tools/device-forms";
import { checkMemberNetworks } from "../tools/member-networks";
import { checkProviderInstallation } from "../tools/provider-installation";
import { checkedStacks, formatOption, STACK_OPTION, type Command } from "./command";
import { DEVICE_HELP, DEVICE_OPTIONS, groupByDevice, withDeviceSession } from "./device-session";
import { EXIT } from "./exit-codes";

export const doctorCommand: Command = {
  name: "doctor",
  summary:
    "before a deploy: Terraform, credentials, the right device, and every object the inventories name",
  help: `Usage: da-manage-out doctor [options] [inventory...]

Checks, one line each, what a deploy needs: Terraform >= 1.5 on PATH (>= 1.10 for a stack with
bigip.credentials); that Terraform can install the F5Networks/bigip provider from its configured
source (registry, mirror, plugin cache: a terraform init in a temporary folder, at most 60 s);
per device (each inventory's bigip.host), the login variables set, the device reachable and the
login accepted, which device answered (its host name, failover state and TMOS version), that it
is the one bigip.deviceHostname names and not the standby unit of an HA pair; that the user's
own record on the device (auth/user) gives it the Administrator role the stacks need (tmsh
through util/bash, net/self, every partition); and for each inventory the partition, every VLAN,
the monitor, the fastL4 profile (unless it is created), the route domain and the config-sync
device group on its device, and that the group is In Sync (cm/sync-status: else the state, the
units not in sync and what to do); that bigip.routeDomain suits the partition's default route
domain and the form the device shows it in (%<id> or not); that the device does not show port 0
as .any (the provider cannot read it); that no node of another name holds a DA server's address
(the device would refuse the member; adopt --node uses it); and, as a warning, that each DA
server's address is in the network of a self IP on the stack's VLANs. Only reads (GET), a fixed
number of requests per device and one per 100 virtual servers. Inventories default to every file
in inventories/.

${DEVICE_HELP.environment}

Options:
  --allow-standby       accept a device that is the standby unit of its HA pair
  --plan-only           the account only plans (an Auditor is enough): its role is shown, not
                        required to be Administrator
  --format <format>     text (default: one line per check) or json ({ checks: [{ ok, what, fix }] })
  --stack <name>        only this stack (repeatable), e.g. one CI job per device
${DEVICE_HELP.options}
  -h, --help            show this help

Exit codes: 0 all good (WARNING lines say what doctor cannot settle), 1 something missing, the
wrong device or an account without the role (each with what to do), 2 usage error, a login
variable not set, or cannot connect or log in.
`,
  options: {
    ...DEVICE_OPTIONS,
    ...STACK_OPTION,
    "allow-standby": { type: "boolean" },
    "plan-only": { type: "boolean" },
    format: { type: "string" },
  },
  async run(values, positionals, out) {
    const format = formatOption(values);
    // Text: one line per check as it is made; json: every check at the end, for a job to read.
    const all: Check[] = [];
    const report = (checks: readonly Check[]) => {
      all.push(...checks);
      if (format === "text") out.stdout(formatChecks(checks) + "\n");
    };
    const inventories = checkedStacks(positionals, values, out);
    if (typeof inventories === "number") return inventories;
    const terraform = checkTerraform(inventories);
    report([terraform]);
    const provider = terraform.ok ? checkProviderInstallation() : undefined;
    if (provider) report([provider]);
    let exit: number = terraform.ok && provider?.ok ? EXIT.ok : EXIT.invalidInput;
    for (const group of groupByDevice(inventories)) {
      const variables: Check[] = targetVariables(group.target).map((name) =>
        process.env[name]
          ? { ok: true, what: `${name} is set` }
          : {
              ok: false,
              what: `${name} is not set (for ${group.inventories.map((i) => i.stackName).join(", ")})`,
              fix: "export it (the stack's Terraform reads it too)",
            },
      );
      report(variables);
      if (variables.some((check) => !check.ok)) {
        exit = Math.max(exit, EXIT.usage);
        continue;
      }
      const code = await withDeviceSession("doctor", values, out, group.target, async (client) => {
        const [identity, device, account, selfIps] = await Promise.all([
          readDeviceIdentity(client),
          readDeviceInventory(client),
          readUserAccount(client, client.user),
          readSelfIps(client),
        ]);
        // The sync state of each device group that exists (a missing one has its own line).
        const syncs = await readStackSyncs(
          client,
          group.inventories.filter(
            ({ bigip }) =>
              bigip.configSync && device.deviceGroups.has(bigip.configSync.deviceGroup),
          ),
        );
        const checks = [
          ...checkDevice(
            group.inventories,
            { url: client.url, identity, version: device.version },
            { allowStandby: values["allow-standby"] === true },
          ),
          ...checkAccount(group.inventories, client.user, account, selfIps, {
            planOnly: values["plan-only"] === true,
          }),
          ...checkInventories(group.inventories, device),
          ...checkAnyPort(group.inventories, device),
          ...checkNodes(group.inventories, device),
          ...syncs.map((sync) => syncCheck(sync)),
          ...(selfIps.kind === "listed"
            ? checkMemberNetworks(group.inventories, selfIps.selfIps, device.partitionRouteDomains)
            : []),
        ];
        report(checks);
        return checks.every((check) => check.ok) ? EXIT.ok : EXIT.invalidInput;
      });
      exit = Math.max(exit, code);
    }
    if (format === "json") out.stdout(JSON.stringify({ checks: all }, null, 2) + "\n");
    return exit;
  },
};
