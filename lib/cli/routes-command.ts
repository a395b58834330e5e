/** `da-manage-out routes [inventory...]`. */
import type * as ipaddr from "ipaddr.js";
import {
  addressInPrefix,
  parseIpv6Address,
  parseIpv6Prefix,
  whyNotRoutableUnicast,
  whyTranslated,
} from "../address/ipv6";
import type { Inventory } from "../inventory";
import { hasInvisible, showValue } from "../io/show-value";
import { formatRoutes, ROUTE_FORMATS, routesOf } from "../tools/routes";
import { checkedInventories, formatOption, UsageError, type Command } from "./command";
import { EXIT } from "./exit-codes";

export const routesCommand: Command = {
  name: "routes",
  summary: "the static routes the corporate routers need to the client prefixes",
  help: `Usage: da-manage-out routes [options] [inventory...]

Prints the static routes the corporate network needs for Manage Out: each entry point's client
prefix through the internal BIG-IP's self IP (bigip.selfAddress, or --next-hop). DirectAccess
requires these routes; without them Manage Out traffic never reaches the BIG-IP. Inventories
default to every file in inventories/.

Options:
  --next-hop <ipv6>     next hop for every route, instead of each inventory's bigip.selfAddress
  --format <format>     table (default), json, cisco (IOS ipv6 route), junos (set routing-options),
                        windows (New-NetRoute, needs --interface)
  --interface <alias>   Windows interface alias on the corporate network, for --format windows
  -h, --help            show this help

Exit codes: 0 ok, 1 invalid inventory or no next hop, 2 usage or I/O error.
`,
  options: {
    format: { type: "string" },
    "next-hop": { type: "string" },
    interface: { type: "string" },
  },
  run(values, positionals, out) {
    const format = formatOption(values, ROUTE_FORMATS);
    const nextHop = values["next-hop"] as string | undefined;
    const interfaceAlias = values.interface as string | undefined;
    if (format === "windows" && !interfaceAlias) {
      throw new UsageError(
        "--format windows needs --interface <alias> (the corporate-side interface)",
      );
    }
    // An invisible character in the alias would name no interface, and could not be seen.
    if (interfaceAlias !== undefined && hasInvisible(interfaceAlias)) {
      throw new UsageError(
        `--interface ${showValue(interfaceAlias)} holds invisible characters; type the alias as Get-NetAdapter shows it`,
      );
    }
    const hop = nextHop === undefined ? undefined : parseIpv6Address(nextHop);
    if (nextHop !== undefined && (!hop || hop.isIPv4MappedAddress())) {
      out.stderr(
        `da-manage-out routes: --next-hop must be an IPv6 address, got '${showValue(nextHop)}'\n`,
      );
      return EXIT.invalidInput;
    }
    const inventories = checkedInventories(positionals, out);
    if (typeof inventories === "number") return inventories;
    if (hop) {
      // The checks bigip.selfAddress gets: a next hop must be a host the routers can reach.
      const why = nextHopProblem(hop, inventories);
      if (why) {
        out.stderr(`da-manage-out routes: --next-hop ${showValue(nextHop!)} ${why}\n`);
        return EXIT.invalidInput;
      }
    }
    try {
      out.stdout(formatRoutes(routesOf(inventories, nextHop), format, interfaceAlias) + "\n");
    } catch (error) {
      out.stderr(`da-manage-out routes: ${(error as Error).message}\n`);
      return EXIT.invalidInput;
    }
    return EXIT.ok;
  },
};

/** Why an address cannot be the routers' next hop, or `undefined` when it can. */
function nextHopProblem(hop: ipaddr.IPv6, inventories: readonly Inventory[]): string | undefined {
  const why = whyNotRoutableUnicast(hop) ?? whyTranslated(hop);
  if (why) return `must be a routable unicast address: ${why}`;
  for (const inventory of inventories) {
    for (const entryPoint of inventory.entryPoints) {
      const prefix = parseIpv6Prefix(entryPoint.clientPrefix);
      if (prefix && addressInPrefix(hop, prefix)) {
        return `lies inside the client prefix ${entryPoint.clientPrefix} of ${inventory.stackName}/${entryPoint.name}: give the BIG-IP's self IP on the corporate network`;
      }
    }
  }
  return undefined;
}
