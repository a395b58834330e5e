/**
 * The static routes the corporate routers need for Manage Out: each entry point's client prefix
 * through the internal BIG-IP's self IP. (A server's own prefix lies inside its entry point's.)
 */
import { showValue } from "../io/show-value";
import { powershellString } from "../io/powershell";
import { formatAddress, parseIpv6Address } from "../address/ipv6";
import type { Inventory } from "../inventory";

/** One static route. */
export interface Route {
  readonly prefix: string;
  readonly nextHop: string;
  readonly stack: string;
  readonly entryPoint: string;
}

/** The output formats of `routes`. */
export const ROUTE_FORMATS = ["table", "json", "cisco", "junos", "windows"] as const;
export type RouteFormat = (typeof ROUTE_FORMATS)[number];

/**
 * The routes of the inventories.
 * @param nextHop overrides every inventory's `bigip.selfAddress`
 * @throws Error naming the inventory when neither gives a next hop
 */
export function routesOf(inventories: readonly Inventory[], nextHop?: string): Route[] {
  return inventories.flatMap((inventory) => {
    const hop = nextHop ?? inventory.bigip.selfAddress;
    if (hop === undefined) {
      throw new Error(
        `${showValue(inventory.file)}: bigip.selfAddress is missing; add the internal BIG-IP's corporate-side self IP (floating on an HA pair) or pass --next-hop`,
      );
    }
    const canonicalHop = formatAddress(parseIpv6Address(hop)!);
    return inventory.entryPoints.map((entryPoint) => ({
      prefix: entryPoint.clientPrefix, // canonical in the checked model
      nextHop: canonicalHop,
      stack: inventory.stackName,
      entryPoint: entryPoint.name,
    }));
  });
}

/** The routes in one of the output formats. */
export function formatRoutes(
  routes: readonly Route[],
  format: RouteFormat,
  interfaceAlias?: string,
): string {
  switch (format) {
    case "json":
      return JSON.stringify(routes, null, 2);
    case "cisco":
      return routes.map((route) => `ipv6 route ${route.prefix} ${route.nextHop}`).join("\n");
    case "junos":
      return routes
        .map(
          (route) =>
            `set routing-options rib inet6.0 static route ${route.prefix} next-hop ${route.nextHop}`,
        )
        .join("\n");
    case "windows":
      return routes
        .map(
          (route) =>
            // The alias comes from the command line: quoted so that it stays one argument.
            `New-NetRoute -DestinationPrefix ${powershellString(route.prefix)} -InterfaceAlias ${powershellString(interfaceAlias ?? "")} -NextHop ${powershellString(route.nextHop)} -Publish Yes`,
        )
        .join("\n");
    case "table": {
      const rows = [
        ["client prefix", "next hop", "stack", "entry point"],
        ...routes.map((r) => [r.prefix, r.nextHop, r.stack, r.entryPoint]),
      ];
      const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
      return rows
        .map((row) =>
          row
            .map((cell, column) => cell.padEnd(widths[column]))
            .join("  ")
            .trimEnd(),
        )
        .join("\n");
    }
  }
}
