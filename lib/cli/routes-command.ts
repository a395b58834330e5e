/** `da-manage-out routes [inventory...]`. */
import { parseIpv6Address } from "../address/ipv6";
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
    if (nextHop !== undefined && !parseIpv6Address(nextHop)) {
      out.stderr(`da-manage-out routes: --next-hop must be an IPv6 address, got '${nextHop}'\n`);
      return EXIT.invalidInput;
    }
    const inventories = checkedInventories(positionals, out);
    if (typeof inventories === "number") return inventories;
    try {
      out.stdout(formatRoutes(routesOf(inventories, nextHop), format, interfaceAlias) + "\n");
    } catch (error) {
      out.stderr(`da-manage-out routes: ${(error as Error).message}\n`);
      return EXIT.invalidInput;
    }
    return EXIT.ok;
  },
};
