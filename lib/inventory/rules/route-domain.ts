import { MAX_ROUTE_DOMAIN } from "../inventory-schema";
import type { InventoryRule } from "./rule";

/** the route domain id is a whole number from 0 to 65534. */
export const routeDomain: InventoryRule = {
  id: "route-domain",
  summary: `the route domain id is a whole number from 0 to ${MAX_ROUTE_DOMAIN}`,
  check({ source, document }) {
    const id = document.bigip.routeDomain;
    return id !== undefined && (id < 0 || id > MAX_ROUTE_DOMAIN)
      ? [
          source.problemAt(["bigip", "routeDomain"], {
            message: `must be from 0 to ${MAX_ROUTE_DOMAIN}`,
            value: String(id),
            hint: "use the id of the route domain the corporate VLANs belong to (tmsh list net route-domain)",
          }),
        ]
      : [];
  },
};
