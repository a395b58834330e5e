import { MAX_ROUTE_DOMAIN, routeDomainProblem } from "../../validation/entry-values";
import type { InventoryRule } from "./rule";

/** the route domain id is a whole number from 0 to 65534. */
export const routeDomain: InventoryRule = {
  id: "route-domain",
  summary: `the route domain id is a whole number from 0 to ${MAX_ROUTE_DOMAIN}`,
  check({ source, document }) {
    const id = document.bigip.routeDomain;
    const problem = id === undefined ? undefined : routeDomainProblem(id);
    return problem
      ? [
          source.problemAt(["bigip", "routeDomain"], {
            message: problem.reason,
            value: String(id),
            hint: problem.hint,
          }),
        ]
      : [];
  },
};
