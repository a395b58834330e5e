/**
 * Forms the device may show that the F5Networks/bigip provider cannot read back, found from what
 * the device already holds, before a deploy (docs/operator-tools.md, "Forms the device shows"):
 * - a partition's default route domain shown as `%<id>` or left out (f5-cccl PR 196: "typically,
 *   it doesn't, but it's also not consistent in all cases"; k8s-bigip-ctlr issue 425). The
 *   provider finds a pool member again only by the exact name it wrote (1.28.0
 *   `resource_bigip_ltm_pool_attachment.go`, `expected == node.Name`);
 * - an IPv6 virtual server's port 0 shown as `.any` (f5-ansible `bigip_virtual_server.py`: "Can be
 *   a port of 'any'. This only happens with IPv6"), which the provider's read does not parse
 *   (1.28.0 `resource_bigip_ltm_virtual_server.go`: `(?:\.(\d+))$`).
 * Both measured with the real provider against the fake's switches
 * (`__tests__/integration/device-forms.integ.ts`).
 */
import type { Check } from "./doctor";
import type { DeviceInventory } from "../device/device-snapshot";
import { parseShownAddress, parseShownDestination } from "../device/shown-address";
import type { Inventory } from "../inventory";
import { showValue } from "../io/show-value";

/** Where the device showed a partition's default route domain, and where it left it out. */
interface RouteDomainForms {
  /** `node /DA/2001:db8:10::11%2`: an object whose address shows `%<default>`. */
  readonly shown?: string;
  /** An object in the partition whose address shows no `%<id>`. */
  readonly hidden?: string;
}

/**
 * Which form the device uses for the default route domain of `partition`, from the addresses of
 * its nodes and virtual servers there: an example of each form found.
 */
function routeDomainForms(
  partition: string,
  implicit: number,
  device: DeviceInventory,
): RouteDomainForms {
  let shown: string | undefined;
  let hidden: string | undefined;
  const see = (what: string, routeDomain: number | undefined) => {
    if (routeDomain === implicit) shown ??= what;
    if (routeDomain === undefined) hidden ??= what;
  };
  const inPartition = (fullPath: string) => fullPath.split("/")[1] === partition;
  for (const [fullPath, address] of device.nodes) {
    const parsed = inPartition(fullPath) ? parseShownAddress(address) : undefined;
    if (parsed)
      see(`node ${showValue(fullPath, 80)} (${showValue(address, 60)})`, parsed.routeDomain);
  }
  for (const [fullPath, destination] of device.destinations) {
    const parsed = inPartition(fullPath) ? parseShownDestination(destination) : undefined;
    if (parsed) {
      see(
        `virtual server ${showValue(fullPath, 80)} (${showValue(destination, 80)})`,
        parsed.routeDomain,
      );
    }
  }
  return { shown, hidden };
}

/**
 * The inventory's route domain suits its partition's default route domain and the form the
 * device shows it in. Without `%<id>` (route domain 0 is none in the model) objects land in the
 * partition's default route domain, not in 0. Where the device leaves the default out, `%<id>`
 * of it is never read back, and the provider loses the member it wrote; where the device shows
 * it, a member written without it is lost the same way (measured: the pool attachment fails with
 * "The requested Pool Member ... was not found", the next deploy with "already exists"). With no
 * object in the partition to tell, the usual form (left out) is assumed.
 */
export function checkRouteDomainForm(inventory: Inventory, device: DeviceInventory): Check[] {
  const { bigip, stackName } = inventory;
  const implicit = device.partitionRouteDomains.get(bigip.partition) ?? 0;
  if (implicit === 0) return [];
  const where = `${stackName}: partition /${bigip.partition} has default route domain ${implicit}`;
  const forms = routeDomainForms(bigip.partition, implicit, device);
  const checks: Check[] = [];
  if (forms.shown !== undefined && forms.hidden !== undefined) {
    checks.push({
      ok: true,
      warning: true,
      what: `${where}; the device shows it as %${implicit} on ${forms.shown}, and leaves it out on ${forms.hidden}`,
      fix: `the provider finds a member again only in the form the stack wrote: after the first deploy check that the next plan is clean (npm run cdktf -- diff ${stackName}); audit and recover read both forms`,
    });
  }
  if (forms.shown !== undefined && forms.hidden === undefined) {
    if (bigip.routeDomain === undefined) {
      return [
        {
          ok: false,
          what: `${where}, and the device shows it as %${implicit} (${forms.shown}): without bigip.routeDomain the stack writes its members without %${implicit}, and the provider would not find them again (the deploy fails with "The requested Pool Member ... was not found")`,
          fix: `set bigip.routeDomain: ${implicit}, so that the stack writes %${implicit} as the device shows it`,
        },
      ];
    }
    if (bigip.routeDomain === implicit) {
      return [
        {
          ok: true,
          what: `${where}, shown as %${implicit} (${forms.shown}), and bigip.routeDomain is ${implicit}: the stack writes it as the device shows it`,
        },
      ];
    }
  }
  if (bigip.routeDomain === undefined) {
    checks.push({ ok: true, what: `${where}: the objects go there, shown without %${implicit}` });
  } else if (bigip.routeDomain === implicit) {
    checks.push({
      ok: false,
      what: `${where}, and bigip.routeDomain is ${implicit}: the device shows its addresses without %${implicit}, so the provider would not find the members it creates and no plan would be clean`,
      fix: `remove bigip.routeDomain: in /${bigip.partition} the objects are in route domain ${implicit} without it`,
    });
  }
  return checks;
}

/**
 * The device does not show an IPv6 virtual server's port 0 as `.any`: if it shows one so, it
 * shows the stacks' virtual servers (port 0, every port) so too, and the provider cannot read
 * them (measured: the deploy fails right after creating the first virtual server, and every plan,
 * apply and destroy after it, with "unable to extract destination address and port from virtual
 * server destination").
 */
export function checkAnyPort(inventories: readonly Inventory[], device: DeviceInventory): Check[] {
  const found = [...device.destinations].find(
    ([, destination]) =>
      /\.any$/.test(destination) && parseShownDestination(destination) !== undefined,
  );
  if (!found) return [];
  const stacks = inventories.map((inventory) => inventory.stackName).join(", ");
  return [
    {
      ok: false,
      what: `${stacks}: the device shows an IPv6 virtual server's port 0 as .any (${showValue(found[0], 80)}: ${showValue(found[1], 80)}); the F5Networks/bigip provider cannot read that form: a deploy would fail after creating the first virtual server, and every plan, apply and destroy after it ("unable to extract destination address and port from virtual server destination")`,
      fix: "no inventory setting avoids it (a Manage Out virtual server takes every port, port 0); audit, adopt and recover read the form, the provider does not: see docs/operator-tools.md#forms-the-device-shows",
    },
  ];
}
